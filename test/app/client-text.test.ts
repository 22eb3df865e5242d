/**
 * What a client types is shown to the counsellor as text, never as markup: a
 * name, a waiting-room message and a second device's name full of markup are
 * sent for real, and every page that shows them (the counsellor's, the call
 * page's notice of the second device, and the client's own) carries them
 * escaped. (Chat messages never touch the server; `test/e2e/call.test.ts` sends
 * one with markup from the client's page to the counsellor's.)
 */
import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { CODE, cookieFrom, formPost, insertAppointment } from "../helpers/appointments.ts";
import { addCounsellor, get, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const TYPED = `<img src=x onerror="alert(1)">'&`;
/** As JSX escapes text: every one of & < > " ' replaced. */
const ESCAPED = "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;";
/** The plainest attack, typed on a second device once the session runs. */
const BARE = "<img src=x onerror=alert(1)>";
const BARE_ESCAPED = "&lt;img src=x onerror=alert(1)&gt;";

describe("a client's typed name and message", () => {
  it("is escaped on every page that shows it", async () => {
    const clock = { now: new Date("2026-11-25T12:56:00Z") };
    t = await makeTestApp({ now: () => clock.now });
    const counsellorId = await addCounsellor(t, { email: "a@example.org", name: "Frau A" });
    const id = await insertAppointment(t.deps.db, t.deps.serverSecret, {
      startsAt: new Date("2026-11-25T13:00:00Z"),
      extra: { counsellorId },
    });
    const joined = await t.app.request(
      "/join",
      formPost({ code: CODE, name: TYPED, consent: "yes" }),
    );
    expect(joined.status).toBe(303);
    const client = cookieFrom(joined);
    const anna = await signIn(t, "a@example.org");
    const sent = await t.app.request(
      "/lobby/message",
      formPost({ message: `${TYPED} Nachricht` }, { Cookie: client }),
    );
    expect(sent.status).toBe(303);

    const read = async (path: string, init: RequestInit) => {
      const res = await t?.app.request(path, init);
      expect(res?.status, path).toBe(200);
      const html = (await res?.text()) ?? "";
      expect(html, path).not.toContain("<img");
      expect(html, path).not.toContain(`onerror="`);
      return html;
    };
    const pages = {
      dashboard: await read("/dashboard", get(anna)),
      today: await read("/dashboard/today", get(anna, { "HX-Request": "true" })),
      appointment: await read(`/appointments/${id}`, get(anna)),
    };
    for (const [page, html] of Object.entries(pages)) {
      expect(html, page).toContain(ESCAPED);
      expect(html, `${page}: the message`).toContain(`${ESCAPED} Nachricht`);
    }
    for (const path of ["/appointments", `/appointments/${id}/print`]) await read(path, get(anna));
    // The client sees their own message back, escaped too.
    for (const path of ["/lobby", "/lobby/status"]) {
      expect(await read(path, get(client)), path).toContain(`${ESCAPED} Nachricht`);
    }

    // While the client waits and once the session runs, the same.
    await t.app.request(`/appointments/${id}/start`, post({}, anna));
    const call = await read(`/appointments/${id}/call`, get(anna));
    expect(call).not.toContain(TYPED);
    const running = await read("/dashboard/today", get(anna, { "HX-Request": "true" }));
    expect(running).toContain(ESCAPED);

    // A second device knocks with markup for a name: the notice on the call page
    // and on the appointment page shows it as text.
    const knock = await t.app.request(
      "/join",
      formPost({ code: CODE, name: BARE, consent: "yes" }),
    );
    expect(knock.status).toBe(303);
    for (const path of [`/appointments/${id}/call`, `/appointments/${id}`]) {
      const html = await read(path, get(anna));
      const notice = /<section id="knock"[\s\S]*?<\/section>/.exec(html)?.[0] ?? "";
      expect(notice, path).not.toContain(" hidden");
      expect(notice, path).toContain(`„${BARE_ESCAPED}“`);
      expect(html, path).not.toContain(BARE);
    }
  });
});
