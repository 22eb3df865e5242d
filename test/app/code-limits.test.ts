/**
 * The limits on trying dial-in codes, as an attacker and a busy office meet them:
 * the address behind trusted proxies (hops from the right, IPv6 per /64, canonical
 * forms), only wrong codes counting, the ceiling for everyone together, and the
 * database writes a refused visitor causes. Requests run at the same time.
 */
import { afterEach, describe, expect, it } from "vitest";
import { CODE_ADDRESS_LIMIT, CODE_CEILING } from "../../src/client-journey/limits.ts";
import type { Logger } from "../../src/log.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { CODE, formPost, insertAppointment } from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

// 13:55 in Berlin; the appointment at 14:00 has an open waiting room.
const NOW = new Date("2026-11-25T12:55:00Z");

async function setup(env: Record<string, string> = {}, log?: Logger) {
  t = await makeTestApp({ now: () => NOW, env, ...(log ? { log } : {}) });
  await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt: NOW });
  return t.app;
}

const wrongCode = (i: number) => String(100000000000 + i);
const join = (code: string, headers: Record<string, string>) =>
  formPost({ code, name: "Eve", consent: "yes" }, headers);
const statuses = (answers: Response[]) => answers.map((res) => res.status);
const count = (list: number[], status: number) => list.filter((s) => s === status).length;

describe("the client address behind trusted proxies", () => {
  it("TRUST_PROXY=1: a visitor who rewrites the first X-Forwarded-For entry is still one address", async () => {
    const app = await setup({ TRUST_PROXY: "1" });
    const answers = await Promise.all(
      Array.from({ length: 15 }, (_, i) =>
        app.request(
          "/join",
          join(wrongCode(i), { "X-Forwarded-For": `198.51.100.${i}, 203.0.113.9` }),
        ),
      ),
    );
    expect(count(statuses(answers), 422)).toBe(CODE_ADDRESS_LIMIT.max);
    expect(count(statuses(answers), 429)).toBe(15 - CODE_ADDRESS_LIMIT.max);
    // Another client behind the same proxy is not affected.
    const other = await app.request("/join", join(CODE, { "X-Forwarded-For": "203.0.113.10" }));
    expect(other.status).toBe(303);
  });

  it("TRUST_PROXY=true counts as one hop, and 2 takes the entry two from the right", async () => {
    const one = await setup({ TRUST_PROXY: "true" });
    for (let i = 0; i < CODE_ADDRESS_LIMIT.max; i++) {
      await one.request(
        "/join",
        join(wrongCode(i), { "X-Forwarded-For": `10.9.9.${i}, 192.0.2.1` }),
      );
    }
    expect(
      (await one.request("/join", join(wrongCode(99), { "X-Forwarded-For": "192.0.2.1" }))).status,
    ).toBe(429);
    t?.close();

    // Client → CDN → nginx → app: nginx's entry is the CDN, the one before it the client.
    const two = await setup({ TRUST_PROXY: "2" });
    const via = (client: string, spoof: string) => ({
      "X-Forwarded-For": `${spoof}, ${client}, 198.18.0.1`,
    });
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        two.request("/join", join(wrongCode(i), via("192.0.2.7", `10.0.0.${i}`))),
      ),
    );
    expect(count(statuses(answers), 429)).toBe(12 - CODE_ADDRESS_LIMIT.max);
    // The CDN's address is shared by everyone and is not what is limited.
    expect((await two.request("/join", join(CODE, via("192.0.2.8", "10.0.0.1")))).status).toBe(303);
  });

  it("counts an IPv6 /64 as one network and compares addresses in their canonical form", async () => {
    const app = await setup({ TRUST_PROXY: "1" });
    const forms = [
      "2001:db8:1:2::1",
      "2001:DB8:1:2:0:0:0:2",
      "2001:0db8:0001:0002:ffff:ffff:ffff:ffff",
      "[2001:db8:1:2::abcd]:443",
      "2001:db8:1:2:1234::5",
    ];
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        app.request(
          "/join",
          join(wrongCode(i), { "X-Forwarded-For": forms[i % forms.length] as string }),
        ),
      ),
    );
    expect(count(statuses(answers), 429)).toBe(12 - CODE_ADDRESS_LIMIT.max);
    // The next /64 is another subscriber.
    expect(
      (await app.request("/join", join(CODE, { "X-Forwarded-For": "2001:db8:1:3::1" }))).status,
    ).toBe(303);

    // An IPv4 address written IPv4-mapped is the same address.
    for (let i = 0; i < CODE_ADDRESS_LIMIT.max; i++) {
      await app.request("/join", join(wrongCode(50 + i), { "X-Forwarded-For": "192.0.2.44" }));
    }
    const mapped = await app.request(
      "/join",
      join(wrongCode(70), { "X-Forwarded-For": "::ffff:192.0.2.44" }),
    );
    expect(mapped.status).toBe(429);
  });

  it("says once in the log that X-Forwarded-For is ignored when no proxy is trusted", async () => {
    const lines: string[] = [];
    const log: Logger = {
      info: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
      error: (event, fields) => lines.push(JSON.stringify({ event, ...fields })),
    };
    const app = await setup({}, log);
    await app.request("/join", join(CODE, {}));
    expect(lines.filter((line) => line.includes("X-Forwarded-For"))).toHaveLength(0);
    await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        app.request("/join", join(wrongCode(i), { "X-Forwarded-For": "203.0.113.77" })),
      ),
    );
    const said = lines.filter((line) => line.includes("TRUST_PROXY"));
    expect(said).toHaveLength(1);
    expect(said[0]).not.toContain("203.0.113.77");
  });
});

describe("only wrong codes count", () => {
  it("the right code, at the form and from the invitation link, never uses up the limit", async () => {
    const app = await setup({ TRUST_PROXY: "1" });
    const from = { "X-Forwarded-For": "203.0.113.20" };
    for (let i = 0; i < CODE_ADDRESS_LIMIT.max - 1; i++) {
      expect((await app.request("/join", join(wrongCode(i), from))).status).toBe(422);
    }
    // Opening the invitation link again and again (going back to it, the too-early
    // reload) and joining several times.
    for (let i = 0; i < 14; i++) {
      const res =
        i % 3 === 2
          ? await app.request("/join", join(CODE, from))
          : await app.request(`/join?code=${CODE}`, { headers: from });
      expect(res.status).toBe(i % 3 === 2 ? 303 : 200);
    }
    // One wrong code is still left, then the address waits.
    expect((await app.request("/join", join(wrongCode(98), from))).status).toBe(422);
    expect((await app.request("/join", join(wrongCode(99), from))).status).toBe(429);
  });
});

describe("the ceiling for everyone together", () => {
  it("above the soft ceiling, networks that failed before wait while a first right code gets in", async () => {
    const app = await setup({ TRUST_PROXY: "1" });
    const net = (i: number) => ({ "X-Forwarded-For": `2001:db8:${i.toString(16)}::1` });
    const first = await Promise.all(
      Array.from({ length: CODE_CEILING.soft }, (_, i) =>
        app.request("/join", join(wrongCode(i), net(i))),
      ),
    );
    expect(count(statuses(first), 422)).toBe(CODE_CEILING.soft);

    const [again, fresh, freshWrong] = await Promise.all([
      // A network with one wrong code already: refused before any look-up.
      app.request("/join", join(wrongCode(500), net(0))),
      // A new client typing the right code gets in.
      app.request("/join", join(CODE, net(1000))),
      // A new network with a wrong code is told so once …
      app.request("/join", join(wrongCode(501), net(1001))),
    ]);
    expect(again.status).toBe(429);
    expect(Number(again.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(fresh.status).toBe(303);
    expect(freshWrong.status).toBe(422);
    // … and then waits too, even with the right code.
    expect((await app.request("/join", join(CODE, net(1001)))).status).toBe(429);
  });

  it("at the hard cap nobody is looked up until the minute is over, and refusals write nothing", async () => {
    const app = await setup({ TRUST_PROXY: "1" });
    const net = (i: number) => ({ "X-Forwarded-For": `2001:db8:${i.toString(16)}::1` });
    const extra = 40;
    const answers = await Promise.all(
      Array.from({ length: CODE_CEILING.hard + extra }, (_, i) =>
        app.request("/join", join(wrongCode(i), net(i))),
      ),
    );
    expect(count(statuses(answers), 422)).toBe(CODE_CEILING.hard);
    expect(count(statuses(answers), 429)).toBe(extra);

    const client = t?.database.client;
    if (!client) throw new Error("no database");
    const snapshot = async () =>
      JSON.stringify((await client.execute("select * from rate_limits order by key")).rows);
    const before = await snapshot();
    // Rows stay bounded: one per network that got a look-up, plus the shared counter;
    // the requests refused at the cap wrote no row of their own.
    expect(JSON.parse(before)).toHaveLength(CODE_CEILING.hard + 1);
    const refused = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        app.request("/join", join(wrongCode(900 + i), net(5000 + i))),
      ),
    );
    expect(count(statuses(refused), 429)).toBe(30);
    expect(await snapshot()).toBe(before);
  });
});
