import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import {
  CODE,
  cookieFrom,
  formPost,
  insertAppointment,
  readAppointment,
} from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const TURN = {
  STUN_URLS: "stun:stun.example.org:3478",
  TURN_URLS: "turn:turn.example.org:3478",
  TURN_SECRET: "turn-secret-turn-secret-0123",
};

describe("GET /check/ice-servers", () => {
  it("gives anyone the STUN servers, but TURN credentials only to a client with an appointment", async () => {
    const app = await makeTestApp({ env: TURN });
    t = app;
    const anonymous = await (await app.app.request("/check/ice-servers")).json();
    expect(anonymous).toEqual({ iceServers: [{ urls: ["stun:stun.example.org:3478"] }] });

    await insertAppointment(app.deps.db, app.deps.serverSecret, {
      startsAt: new Date(Date.now() + 5 * 60_000),
    });
    const joined = await app.app.request(
      "/join",
      formPost({ code: "123456789012", name: "Maria", consent: "yes" }),
    );
    expect(joined.status).toBe(303);
    const res = await app.app.request("/check/ice-servers", {
      headers: { cookie: cookieFrom(joined) },
    });
    const body = (await res.json()) as {
      iceServers: { urls: string[]; username?: string; credential?: string }[];
    };
    const turn = body.iceServers.find((server) =>
      server.urls.some((url) => url.startsWith("turn:")),
    );
    expect(turn?.username).toMatch(/^\d+:.+-client$/);
    expect(turn?.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(body)).not.toContain(TURN.TURN_SECRET);
  });
});

describe("TURN credentials for the device check's token", () => {
  const turnOf = (body: unknown) =>
    (
      body as { iceServers: { urls: string[]; username?: string; credential?: string }[] }
    ).iceServers.find((server) => server.urls.some((url) => url.startsWith("turn:")));

  async function withAppointment() {
    const now = new Date("2026-11-25T09:00:00Z");
    const app = await makeTestApp({ now: () => now, env: TURN });
    t = app;
    const id = await insertAppointment(app.deps.db, app.deps.serverSecret, {
      startsAt: new Date("2026-11-26T13:00:00Z"),
    });
    return { app, id };
  }

  it("come with the page's token in the header, and never for anyone else", async () => {
    const { app, id } = await withAppointment();
    const html = await (await app.app.request(`/check?code=${CODE}`)).text();
    const token = /data-token="([^"]+)"/.exec(html)?.[1] ?? "";
    expect(token.startsWith(`${id}.`)).toBe(true);
    const withToken = await (
      await app.app.request("/check/ice-servers", { headers: { "X-Check-Token": token } })
    ).json();
    expect(turnOf(withToken)?.username).toBe(
      `${Math.floor(Date.parse("2026-11-25T09:00:00Z") / 1000) + 3600}:${id}-client`,
    );
    expect(turnOf(withToken)?.credential).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(JSON.stringify(withToken)).not.toContain(TURN.TURN_SECRET);

    const stunOnly = { iceServers: [{ urls: ["stun:stun.example.org:3478"] }] };
    expect(await (await app.app.request("/check/ice-servers")).json()).toEqual(stunOnly);
    const [, expires, mac] = token.split(".");
    for (const forged of [
      `${id}.${expires}.${"0".repeat(mac?.length ?? 64)}`,
      `${crypto.randomUUID()}.${expires}.${mac}`,
      `${id}.${Number(expires) + 1}.${mac}`,
      "x".repeat(301),
      "",
    ]) {
      const res = await app.app.request("/check/ice-servers", {
        headers: { "X-Check-Token": forged },
      });
      expect(await res.json(), forged.slice(0, 40)).toEqual(stunOnly);
    }
  });

  it("stop with the token's two hours", async () => {
    let now = new Date("2026-11-25T09:00:00Z");
    const app = await makeTestApp({ now: () => now, env: TURN });
    t = app;
    await insertAppointment(app.deps.db, app.deps.serverSecret, {
      startsAt: new Date("2026-11-26T13:00:00Z"),
    });
    const html = await (await app.app.request(`/check?code=${CODE}`)).text();
    const token = /data-token="([^"]+)"/.exec(html)?.[1] ?? "";
    now = new Date(now.getTime() + 2 * 3600_000 + 1000);
    const body = await (
      await app.app.request("/check/ice-servers", { headers: { "X-Check-Token": token } })
    ).json();
    expect(turnOf(body)).toBeUndefined();
  });

  it("come with the token the invitation link's code is exchanged for", async () => {
    const { app, id } = await withAppointment();
    const typed = `${CODE.slice(0, 4)} ${CODE.slice(4, 8)} ${CODE.slice(8)}`;
    const res = await app.app.request("/check/token", formPost({ code: typed }));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const { token } = (await res.json()) as { token: string };
    expect(token.startsWith(`${id}.`)).toBe(true);
    const body = await (
      await app.app.request("/check/ice-servers", { headers: { "X-Check-Token": token } })
    ).json();
    expect(turnOf(body)?.username).toMatch(new RegExp(`:${id}-client$`));
    // The token saves the result too.
    const saved = await app.app.request("/check/result", formPost({ result: "relay", token }));
    expect(saved.status).toBe(204);
    expect((await readAppointment(app.deps.db, id)).deviceCheckResult).toBe("relay");
  });

  it("are refused for a wrong code, no code, another origin, and beyond the join limits", async () => {
    const { app } = await withAppointment();
    expect((await app.app.request("/check/token", formPost({ code: "999999999999" }))).status).toBe(
      403,
    );
    expect((await app.app.request("/check/token", formPost({}))).status).toBe(400);
    const crossOrigin = await app.app.request(
      "/check/token",
      formPost({ code: CODE }, { Origin: "https://evil.example" }),
    );
    expect(crossOrigin.status).toBe(403);
    expect(crossOrigin.headers.get("content-type")).not.toContain("json");
    for (let i = 0; i < 9; i++) {
      await app.app.request("/check/token", formPost({ code: `99999999990${i}` }));
    }
    const limited = await app.app.request("/check/token", formPost({ code: CODE }));
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Minuten");
  });
});
