import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { cookieFrom, formPost, insertAppointment } from "../helpers/appointments.ts";

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
