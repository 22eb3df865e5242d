/**
 * A second device with the client's code, once the client has been let in: it
 * never reaches the call by itself. It waits; the counsellor sees the name it
 * typed and lets it in instead (the first device's seat ends) or refuses it.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import type { RoomSockets } from "../../src/deps.ts";
import type { Knock, MemberId } from "../../src/rooms/protocol.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { CODE, cookieFrom, formPost, insertAppointment } from "../helpers/appointments.ts";
import { get, officeWithAppointment, post } from "../helpers/counsellor.ts";

/** What the app asked the rooms to do, in order (the runtimes' delivery is tested with real sockets). */
function recordingRooms() {
  const calls: string[] = [];
  const rooms: RoomSockets = {
    connect: async (c) => c.body(null, 500),
    end: async (room) => void calls.push(`end ${room}`),
    release: async (room, member: MemberId) => void calls.push(`release ${room} ${member}`),
    sendBack: async (room, member: MemberId) => void calls.push(`send-back ${room} ${member}`),
    knock: async (room, knock: Knock | null) =>
      void calls.push(`knock ${room} ${knock ? knock.name : "none"}`),
  };
  return { rooms, calls };
}

let t: TestApp | undefined;
afterEach(() => t?.close());

async function runningSession() {
  const clock = { now: new Date("2026-11-25T12:58:00Z") };
  t = await makeTestApp({ now: () => clock.now });
  const recorded = recordingRooms();
  t.deps.rooms = recorded.rooms;
  const { app, id, counsellor, join, row } = await officeWithAppointment(
    t,
    new Date("2026-11-25T13:00:00Z"),
  );
  const client = await join("Maria");
  expect((await app.request(`/appointments/${id}/start`, post({}, counsellor))).status).toBe(303);
  recorded.calls.length = 0;
  return { app, id, counsellor, client, join, calls: recorded.calls, row };
}

describe("a second device with the same code", () => {
  it("waits instead of reaching the call, and the counsellor sees its name", async () => {
    const s = await runningSession();
    expect((await s.app.request("/call", get(s.client))).status).toBe(200);

    const second = await s.join("Maria");
    expect(second).not.toBe(s.client);
    // The second device is kept out of the call, and the client keeps it.
    const call = await s.app.request("/call", get(second));
    expect(call.status).toBe(303);
    expect(call.headers.get("location")).toBe("/lobby");
    expect((await s.app.request("/call", get(s.client))).status).toBe(200);
    const lobby = await s.app.request("/lobby", get(second));
    expect(lobby.status).toBe(200);
    expect(await lobby.text()).toContain("läuft bereits auf einem anderen Gerät");
    const poll = await s.app.request("/lobby/status", get(second, { "HX-Request": "true" }));
    expect(poll.headers.get("HX-Redirect")).toBeNull();
    expect(await poll.text()).toContain('data-state="knocking"');

    // The counsellor hears of it in the call, with the typed name, and sees it on both pages.
    expect(s.calls).toEqual([`knock ${s.id} Maria`]);
    for (const path of [`/appointments/${s.id}`, `/appointments/${s.id}/call`]) {
      const page = await (await s.app.request(path, get(s.counsellor))).text();
      expect(page).toContain("Ein weiteres Gerät möchte teilnehmen");
      expect(page).toContain("Eingegebener Name: „Maria“");
    }
    const english = await s.app.request(
      `/appointments/${s.id}`,
      get(s.counsellor, { "Accept-Language": "en" }),
    );
    expect(await english.text()).toContain("Another device wants to join");
    expect((await s.row()).givenName).toBe("Maria");
  });

  it("is refused: its page says so, the client keeps the call, the name is forgotten", async () => {
    const s = await runningSession();
    const second = await s.join("Eve");
    const knock = (await s.row()).knockTokenHash?.slice(0, 16) ?? "";
    const res = await s.app.request(
      `/appointments/${s.id}/knock/refuse`,
      post({ knock, from: "call" }, s.counsellor),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/appointments/${s.id}/call`);
    expect(s.calls).toEqual([`knock ${s.id} Eve`, `knock ${s.id} none`]);
    const poll = await s.app.request("/lobby/status", get(second, { "Accept-Language": "en" }));
    expect(await poll.text()).toContain("did not let this device in");
    expect((await s.app.request("/call", get(s.client))).status).toBe(200);
    expect((await s.app.request("/call", get(second))).headers.get("location")).toBe("/lobby");
    const stored = await s.row();
    expect(stored.knockName).toBeNull();
    expect(stored.givenName).toBe("Maria");
    const page = await (await s.app.request(`/appointments/${s.id}`, get(s.counsellor))).text();
    expect(page).not.toContain("Eve");
  });

  it("is let in instead: the first device's seat ends and its cookie opens nothing", async () => {
    const s = await runningSession();
    const second = await s.join("Maria R.");
    const knock = (await s.row()).knockTokenHash?.slice(0, 16) ?? "";
    const res = await s.app.request(
      `/appointments/${s.id}/knock/admit`,
      post({ knock }, s.counsellor),
    );
    expect(res.headers.get("location")).toBe(`/appointments/${s.id}?knock=admitted`);
    expect(s.calls).toEqual([
      `knock ${s.id} Maria R.`,
      `release ${s.id} client`,
      `knock ${s.id} none`,
    ]);
    expect((await s.app.request("/call", get(second))).status).toBe(200);
    expect((await s.app.request("/call", get(s.client))).headers.get("location")).toBe("/lobby");
    expect((await s.app.request("/lobby", get(s.client))).status).toBe(403);
    expect((await s.row()).givenName).toBe("Maria R.");
  });

  it("lets in only the request whose name the counsellor read", async () => {
    const s = await runningSession();
    await s.join("Maria");
    const read = (await s.row()).knockTokenHash?.slice(0, 16) ?? "";
    const third = await s.join("Mallory");
    const res = await s.app.request(
      `/appointments/${s.id}/knock/admit`,
      post({ knock: read }, s.counsellor),
    );
    expect(res.headers.get("location")).toBe(`/appointments/${s.id}?knock=changed`);
    const fetched = await s.app.request(
      `/appointments/${s.id}/knock/admit`,
      post({ knock: read }, s.counsellor),
    );
    expect(fetched.status).toBe(303);
    const htmx = await s.app.request(`/appointments/${s.id}/knock/admit`, {
      ...post({ knock: read }, s.counsellor),
      headers: { ...(post({}, s.counsellor).headers as object), "HX-Request": "true" },
    });
    expect(htmx.status).toBe(409);
    expect(s.calls.some((call) => call.startsWith("release"))).toBe(false);
    expect((await s.app.request("/call", get(third))).headers.get("location")).toBe("/lobby");
    expect((await s.app.request("/call", get(s.client))).status).toBe(200);
  });

  it("takes only the first of two answers given at once, and tells the other it changed", async () => {
    for (const order of [
      ["admit", "refuse"],
      ["refuse", "admit"],
    ] as const) {
      t?.close();
      const s = await runningSession();
      const second = await s.join("Maria R.");
      const knock = (await s.row()).knockTokenHash?.slice(0, 16) ?? "";
      const answer = (path: string) =>
        s.app.request(`/appointments/${s.id}/knock/${path}`, post({ knock }, s.counsellor));
      const answers = await Promise.all(order.map(answer));
      const flashes = answers.map((res) => res.headers.get("location")?.split("knock=")[1]);
      expect(flashes.filter((flash) => flash === "changed")).toHaveLength(1);
      const admitted = flashes.includes("admitted");
      expect(admitted || flashes.includes("refused")).toBe(true);
      expect(s.calls.filter((call) => call.startsWith("release"))).toHaveLength(admitted ? 1 : 0);
      expect((await s.app.request("/call", get(second))).status).toBe(admitted ? 200 : 303);
      expect((await s.app.request("/call", get(s.client))).status).toBe(admitted ? 303 : 200);
      expect((await s.row()).givenName).toBe(admitted ? "Maria R." : "Maria");
    }
  });

  it("the client's own device goes back in; a device that signs off withdraws", async () => {
    const s = await runningSession();
    const again = await s.app.request(
      "/join",
      formPost({ code: CODE, name: "Maria", consent: "yes" }, { Cookie: s.client }),
    );
    expect(again.headers.get("location")).toBe("/lobby");
    expect((await s.row()).knockTokenHash).toBeNull();
    expect((await s.app.request("/call", get(s.client))).status).toBe(200);

    const second = await s.join("Eve");
    expect((await s.row()).knockName).toBe("Eve");
    await s.app.request("/lobby/leave", post({}, second));
    expect((await s.row()).knockTokenHash).toBeNull();
    expect(s.calls).toEqual([`knock ${s.id} Eve`, `knock ${s.id} none`]);
  });

  it("started before anybody arrived, the first arrival is let in directly", async () => {
    const clock = { now: new Date("2026-11-25T12:58:00Z") };
    t = await makeTestApp({ now: () => clock.now });
    const id = await insertAppointment(t.deps.db, t.deps.serverSecret, {
      startsAt: new Date("2026-11-25T13:00:00Z"),
      extra: { admittedAt: clock.now },
    });
    const res = await t.app.request(
      "/join",
      formPost({ code: CODE, name: "Maria", consent: "yes" }),
    );
    const cookie = cookieFrom(res);
    expect((await t.app.request("/call", get(cookie))).status).toBe(200);
    const [row] = await t.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(row?.knockTokenHash).toBeNull();
  });
});
