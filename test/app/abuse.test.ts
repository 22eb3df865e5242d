/**
 * Code guessing and malformed input: the join limit holds under concurrent
 * requests and across a restart (the counters live in the database), and
 * broken encodings, cookies or bodies never cause a 500.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { CODE_ADDRESS_LIMIT } from "../../src/client-journey/limits.ts";
import { openLibsql } from "../../src/db/libsql.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { CODE, formPost, insertAppointment } from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const clock = () => new Date("2026-11-25T12:55:00Z");
const wrong = (i: number) =>
  formPost({ code: String(100000000000 + i), name: "Eve", consent: "yes" });

describe("code guessing", () => {
  it("the limit holds under 30 concurrent wrong codes", async () => {
    t = await makeTestApp({ now: clock });
    await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt: clock() });
    const app = t.app;
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => app.request("/join", wrong(i))),
    );
    const statuses = answers.map((res) => res.status);
    expect(statuses.filter((s) => s === 422).length).toBe(CODE_ADDRESS_LIMIT.max);
    expect(statuses.filter((s) => s === 429).length).toBe(30 - CODE_ADDRESS_LIMIT.max);
    // Even the right code is refused now.
    const right = await app.request("/join", formPost({ code: CODE, name: "Eve", consent: "yes" }));
    expect(right.status).toBe(429);
  });

  it("the limit holds across a restart on the same database file", async () => {
    t = await makeTestApp({ now: clock });
    await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt: clock() });
    for (let i = 0; i < CODE_ADDRESS_LIMIT.max; i++) {
      expect((await t.app.request("/join", wrong(i))).status).toBe(422);
    }
    const second = await openLibsql(`file:${t.file}`);
    try {
      const restarted = createApp({ ...t.deps, db: second.db });
      const res = await restarted.request("/join", wrong(99));
      expect(res.status).toBe(429);
    } finally {
      second.client.close();
    }
  });
});

const form = { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" };

describe("malformed input never causes a 500", () => {
  it.each([
    ["/join", "code=%FF%FE&name=%C0%80&consent=yes"],
    ["/join", "code=%E0%A4%A&name=%&consent=%%"],
    ["/check/result", "result=%FF&token=%C3%28"],
    ["/check/result", "result=passed&paths=direct%3Dyes%00&token=%C3%28"],
    ["/check/token", "code=%FF%FE"],
    ["/lobby/leave", "%ZZ=%"],
    ["/leave/quick", "=%E2%82"],
  ])("POST %s with %s", async (path, body) => {
    t = await makeTestApp({ now: clock });
    const res = await t.app.request(path, { method: "POST", headers: form, body });
    expect(res.status).toBeLessThan(500);
  });

  it("raw invalid UTF-8 bytes in a form body", async () => {
    t = await makeTestApp({ now: clock });
    const body = new Uint8Array([0x63, 0x6f, 0x64, 0x65, 0x3d, 0xff, 0xfe, 0xc0, 0x80]);
    for (const path of ["/join", "/check/result", "/login"]) {
      const res = await t.app.request(path, { method: "POST", headers: form, body });
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it.each([
    "/join?code=%FF%FE",
    "/join?code=%E0%A4%A",
    "/check?code=%C0%80&lang=%FF",
    "/?lang=%E2%82",
    "/lobby?%%=%",
    "/appointments/%FF%FE",
  ])("GET %s", async (path) => {
    t = await makeTestApp({ now: clock });
    const res = await t.app.request(path);
    expect(res.status).toBeLessThan(500);
  });

  it.each([
    "sz_client=%E0%A4%A",
    'sz_session=%FF; sz_client="unterminated',
    "=;;;==; sz_client",
    `sz_client=${"a".repeat(4000)}`,
    "lang=%FF; sz_lang=xx-%00",
  ])("the cookie %s", async (cookie) => {
    t = await makeTestApp({ now: clock });
    for (const path of ["/", "/lobby", "/lobby/status", "/call", "/dashboard", "/check"]) {
      const res = await t.app.request(path, { headers: { cookie } });
      expect(res.status, path).toBeLessThan(500);
    }
    const post = await t.app.request("/lobby/leave", {
      method: "POST",
      headers: { ...form, cookie },
    });
    expect(post.status).toBeLessThan(500);
  });

  it("malformed JSON and odd content types on the forms", async () => {
    t = await makeTestApp({ now: clock });
    for (const [type, body] of [
      ["application/json", '{"code": '],
      ["application/json", "[1,2"],
      ["multipart/form-data; boundary=x", "--x\r\nContent-Disposition: form-data; name"],
      ["text/plain", "\u0000\u0001"],
    ] as const) {
      for (const path of ["/join", "/check/result", "/login", "/setup"]) {
        const res = await t.app.request(path, {
          method: "POST",
          headers: { "content-type": type, origin: "http://localhost" },
          body,
        });
        expect(res.status, `${path} ${type}`).toBeLessThan(500);
      }
    }
  });
});
