/**
 * The counsellor turns a waiting person away (wrong person, duplicate device)
 * without cancelling: that device sees a neutral note, the right client can
 * still join with the code, and nothing else changes.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost } from "../helpers/appointments.ts";
import { get, officeWithAppointment, post } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

async function waitingPerson() {
  t = await makeTestApp({ now: () => new Date("2026-11-25T12:56:00Z") });
  return officeWithAppointment(t, new Date("2026-11-25T13:00:00Z"));
}

describe("turning a waiting person away", () => {
  it("shows them a neutral note, forgets their arrival and keeps the appointment for the right client", async () => {
    const s = await waitingPerson();
    const wrong = await s.join("Eve <b>Falsch</b>");
    await s.app.request("/lobby/message", formPost({ message: "Hallo?" }, { Cookie: wrong }));
    const page = await (await s.app.request(`/appointments/${s.id}`, get(s.counsellor))).text();
    expect(page).toContain("Nicht einlassen");

    const res = await s.app.request(`/appointments/${s.id}/turn-away`, post({}, s.counsellor));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/appointments/${s.id}?turned=1`);
    const after = await (
      await s.app.request(res.headers.get("location") ?? "", get(s.counsellor))
    ).text();
    expect(after).toContain("Die wartende Person wurde nicht eingelassen");
    expect(after).not.toContain("Falsch");

    const row = await s.row();
    expect(row.checkedInAt).toBeNull();
    expect(row.givenName).toBeNull();
    expect(row.clientTokenHash).toBeNull();
    expect(row.clientMessage).toBeNull();
    expect(row.cancelledAt).toBeNull();
    expect(row.admittedAt).toBeNull();

    // Their page says so neutrally, stops polling, and opens nothing else.
    const lobby = await (await s.app.request("/lobby", get(wrong))).text();
    expect(lobby).toContain("Diese Einwahl wurde von der Beratungsstelle beendet.");
    expect(lobby).toContain('data-state="turnedAway"');
    expect(lobby).not.toContain("hx-trigger");
    const poll = await s.app.request("/lobby/status", get(wrong, { "HX-Request": "true" }));
    expect(await poll.text()).toContain('data-state="turnedAway"');
    expect((await s.app.request("/call", get(wrong))).headers.get("location")).toBe("/lobby");
    const english = await s.app.request("/lobby", get(wrong, { "Accept-Language": "en" }));
    expect(await english.text()).toContain("This connection was ended by the counselling service.");

    // Starting now lets nobody in by the turned-away cookie; the right client joins and is let in.
    const right = await s.join("Maria");
    expect((await s.row()).givenName).toBe("Maria");
    await s.app.request(`/appointments/${s.id}/start`, post({}, s.counsellor));
    expect((await s.app.request("/call", get(right))).status).toBe(200);
    expect((await s.app.request("/call", get(wrong))).status).toBe(303);
  });

  it("answers a turn-away that races the start with what really happened", async () => {
    // The two requests interleave at every database call; each round checks the outcome agrees.
    for (let round = 0; round < 5; round++) {
      t?.close();
      const s = await waitingPerson();
      const client = await s.join("Maria");
      const turnAway = () =>
        s.app.request(`/appointments/${s.id}/turn-away`, post({}, s.counsellor));
      const start = () => s.app.request(`/appointments/${s.id}/start`, post({}, s.counsellor));
      // Either request may go first; both orders are tried.
      const [turned, started] =
        round % 2 === 0
          ? await Promise.all([turnAway(), start()])
          : await Promise.all([start(), turnAway()]).then(([b, a]) => [a, b] as const);
      expect(started.status).toBe(303);
      const row = await s.row();
      expect(row.admittedAt).not.toBeNull();
      expect(row.cancelledAt).toBeNull();
      const call = (await s.app.request("/call", get(client))).status;
      if (turned.headers.get("location") === `/appointments/${s.id}?turned=1`) {
        expect(row.clientTokenHash).toBeNull();
        expect(row.givenName).toBeNull();
        expect(call).toBe(303);
      } else {
        expect(turned.headers.get("location")).toBe(`/appointments/${s.id}?notTurned=1`);
        expect(row.givenName).toBe("Maria");
        expect(call).toBe(200);
      }
    }
  });

  it("changes nothing when nobody waits, or once the person was let in", async () => {
    const s = await waitingPerson();
    const nobody = await s.app.request(`/appointments/${s.id}/turn-away`, post({}, s.counsellor));
    expect(nobody.headers.get("location")).toBe(`/appointments/${s.id}?notTurned=1`);

    const client = await s.join("Maria");
    await s.app.request(`/appointments/${s.id}/start`, post({}, s.counsellor));
    const before = await s.row();
    const late = await s.app.request(`/appointments/${s.id}/turn-away`, post({}, s.counsellor));
    expect(late.headers.get("location")).toBe(`/appointments/${s.id}?notTurned=1`);
    expect(await s.row()).toEqual(before);
    expect((await s.app.request("/call", get(client))).status).toBe(200);
  });
});
