/**
 * The counsellor's start checklist on the call page: ticked off or skipped,
 * saved in place, the phone number and who was present only for the session.
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost } from "../helpers/appointments.ts";
import { get, officeWithAppointment, post } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

async function runningSession() {
  t = await makeTestApp({ now: () => new Date("2026-11-25T12:58:00Z") });
  const s = await officeWithAppointment(t, new Date("2026-11-25T13:00:00Z"));
  await s.join("Maria");
  return s;
}

const htmx = (cookie: string) => ({ Cookie: cookie, "HX-Request": "true" });

describe("the start checklist", () => {
  it("is saved in place during the session and forgets the number when the session ends", async () => {
    const s = await runningSession();
    // Not before the session runs.
    const early = await s.app.request(
      `/appointments/${s.id}/checklist`,
      post({ identity: "yes" }, s.counsellor),
    );
    expect(early.status).toBe(409);
    await s.app.request(`/appointments/${s.id}/start`, post({}, s.counsellor));

    const page = await (
      await s.app.request(`/appointments/${s.id}/call`, get(s.counsellor))
    ).text();
    expect(page).toContain("Zu Beginn (0/3)");
    expect(page).toContain("Identität der Person bestätigt");
    expect(page).toContain('hx-post="/appointments/');

    const saved = await s.app.request(
      `/appointments/${s.id}/checklist`,
      formPost(
        {
          identity: "yes",
          undisturbed: "yes",
          present: "Tochter <i>Lea</i>",
          phone: "+49 170 1234567",
        },
        htmx(s.counsellor),
      ),
    );
    expect(saved.status).toBe(200);
    const fragment = await saved.text();
    expect(fragment).toContain("Gespeichert.");
    expect(fragment).toContain("Zu Beginn (3/3)");
    expect(fragment).toContain("Tochter &lt;i&gt;Lea&lt;/i&gt;");
    const row = await s.row();
    expect(row.identityConfirmedAt).not.toBeNull();
    expect(row.undisturbedAt).not.toBeNull();
    expect(row.contactPhone).toBe("+49 170 1234567");
    expect(row.othersPresent).toBe("Tochter <i>Lea</i>");

    // Unticking is possible, and the page shows what is stored.
    await s.app.request(
      `/appointments/${s.id}/checklist`,
      formPost({ identity: "yes", phone: "+49 170 1234567" }, htmx(s.counsellor)),
    );
    expect((await s.row()).undisturbedAt).toBeNull();
    const again = await (
      await s.app.request(`/appointments/${s.id}/call`, get(s.counsellor))
    ).text();
    expect(again).toContain("Zu Beginn (2/3)");

    await s.app.request(`/appointments/${s.id}/end`, post({}, s.counsellor));
    const ended = await s.row();
    expect(ended.contactPhone).toBeNull();
    expect(ended.othersPresent).toBeNull();
  });

  it("refuses a phone number that is not one, in the counsellor's language, and keeps what was stored", async () => {
    const s = await runningSession();
    await s.app.request(`/appointments/${s.id}/start`, post({}, s.counsellor));
    await s.app.request(
      `/appointments/${s.id}/checklist`,
      formPost({ identity: "yes", phone: "030 123456" }, htmx(s.counsellor)),
    );
    const refused = await s.app.request(
      `/appointments/${s.id}/checklist`,
      formPost({ identity: "yes", phone: "call me <maybe>" }, htmx(s.counsellor)),
    );
    expect(refused.status).toBe(422);
    const text = await refused.text();
    expect(text).toContain("Bitte nur Ziffern, Leerzeichen");
    expect(text).toContain('value="call me &lt;maybe&gt;"');
    expect((await s.row()).contactPhone).toBe("030 123456");
    const english = await s.app.request(
      `/appointments/${s.id}/checklist`,
      formPost({ phone: "x".repeat(50) }, { ...htmx(s.counsellor), "Accept-Language": "en" }),
    );
    expect(await english.text()).toContain("Please use only digits");
  });
});
