import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { cookieFrom, formPost, readAppointment } from "../helpers/appointments.ts";
import { joinedClient } from "../helpers/client.ts";
import { get, officeWithAppointment } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

async function joined() {
  const client = await joinedClient();
  t = client.t;
  return client;
}

describe("leaving", () => {
  it("POST /lobby/leave clears the cookie, the stored token and the arrival", async () => {
    const { app, cookie, db, id, get } = await joined();
    expect((await readAppointment(db, id)).checkedInAt).not.toBeNull();
    const res = await app.request("/lobby/leave", formPost({}, { Cookie: cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/signed-off");
    expect(res.headers.get("set-cookie")).toMatch(/^sz_client=;.*Max-Age=0/);
    const row = await readAppointment(db, id);
    expect(row.clientTokenHash).toBeNull();
    // The counsellor no longer sees anyone waiting.
    expect([row.checkedInAt, row.givenName, row.lastSeenAt]).toEqual([null, null, null]);
    expect((await get("/lobby")).status).toBe(403);
  });

  it("confirms the sign-off calmly, in German and English", async () => {
    const { app } = await joined();
    const de = await (await app.request("/signed-off")).text();
    expect(de).toContain(
      "Sie haben sich abgemeldet. Es wurde nichts gespeichert, was Sie wiedererkennbar macht.",
    );
    const en = await (await app.request("/signed-off?lang=en")).text();
    expect(en).toContain("You have signed off.");
  });

  it("leaving after admission keeps the session's record", async () => {
    const { app, cookie, db, id, admit } = await joined();
    await admit();
    await app.request("/lobby/leave", formPost({}, { Cookie: cookie }));
    const row = await readAppointment(db, id);
    expect(row.clientTokenHash).toBeNull();
    expect(row.givenName).toBe("Maria");
    expect(row.admittedAt).not.toBeNull();
  });

  it("deletes the __Host- cookie over HTTPS", async () => {
    const { app } = await joined();
    const https = "https://video.example.org";
    const joinedAgain = await app.request(
      `${https}/join`,
      formPost({ code: "123456789012", name: "Maria", consent: "yes" }, { Origin: https }),
    );
    const cookie = cookieFrom(joinedAgain);
    expect(cookie).toMatch(/^__Host-sz_client=/);
    expect((await app.request(`${https}/lobby`, { headers: { Cookie: cookie } })).status).toBe(200);
    const res = await app.request(
      `${https}/lobby/leave`,
      formPost({}, { Cookie: cookie, Origin: https }),
    );
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-sz_client=;.*Secure/);
  });

  it("POST /leave/quick signs off and goes to the neutral page", async () => {
    const { app, cookie, db, id } = await joined();
    const res = await app.request("/leave/quick", formPost({}, { Cookie: cookie }));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("https://www.wikipedia.org/");
    // Without JavaScript the lobby's form post is redirected off-site; form-action must allow it.
    const lobby = await app.request("/lobby", { headers: { Cookie: cookie } });
    expect(lobby.headers.get("content-security-policy")).toContain(
      "form-action 'self' https://www.wikipedia.org",
    );
    expect(res.headers.get("set-cookie")).toMatch(/^sz_client=;/);
    expect((await readAppointment(db, id)).clientTokenHash).toBeNull();
    expect((await readAppointment(db, id)).checkedInAt).toBeNull();
  });

  it("answers the script's beacon with 204 instead of an off-site redirect", async () => {
    const { app, cookie, db, id } = await joined();
    const res = await app.request("/leave/quick?beacon=1", formPost({}, { Cookie: cookie }));
    expect(res.status).toBe(204);
    expect((await readAppointment(db, id)).clientTokenHash).toBeNull();
  });

  it("refuses cross-origin sign-offs", async () => {
    const { app, cookie, db, id } = await joined();
    const res = await app.request(
      "/leave/quick",
      formPost({}, { Cookie: cookie, Origin: "https://evil.example" }),
    );
    expect(res.status).toBe(403);
    expect((await readAppointment(db, id)).clientTokenHash).not.toBeNull();
  });
});

describe("what the counsellor sees after a sign-off", () => {
  it.each([
    ["Abmelden", "/lobby/leave"],
    ["Schnell verlassen", "/leave/quick"],
  ])("%s: nobody is shown waiting any more, at once", async (_button, path) => {
    t = await makeTestApp({ now: () => new Date("2026-11-25T12:56:00Z") });
    const office = await officeWithAppointment(t, new Date("2026-11-25T13:00:00Z"));
    const { app, id, counsellor } = office;
    const client = await office.join("Maria Muster");
    await app.request("/lobby/message", formPost({ message: "Bin gleich da" }, { Cookie: client }));
    const pages = async (lang: "de" | "en") => {
      const headers = { "Accept-Language": lang };
      return Promise.all(
        ["/dashboard", "/dashboard/today", `/appointments/${id}`].map(async (page) =>
          (await app.request(page, get(counsellor, headers))).text(),
        ),
      );
    };
    const [dashboard, today] = await pages("de");
    for (const html of [dashboard, today]) {
      expect(html).toContain("wartet seit 13:56 Uhr");
      expect(html).toContain(`action="/appointments/${id}/start"`);
      expect(html).toContain("Maria Muster");
    }

    const left = await app.request(path, formPost({}, { Cookie: client }));
    expect(left.status).toBe(303);
    for (const lang of ["de", "en"] as const) {
      for (const html of await pages(lang)) {
        expect(html).not.toContain('data-status="waiting"');
        expect(html).not.toContain('data-status="away"');
        expect(html).toContain('data-status="scheduled"');
        expect(html).not.toMatch(/wartet seit|waiting since|zuletzt gesehen|last seen/);
        // Neither the typed name nor the answer from the waiting room is kept.
        expect(html).not.toContain("Maria Muster");
        expect(html).not.toContain("Bin gleich da");
      }
      const [dashboardNow, todayNow] = await pages(lang);
      for (const html of [dashboardNow, todayNow]) {
        expect(html).not.toContain(`action="/appointments/${id}/start"`);
      }
    }
    expect((await office.row()).clientMessage).toBeNull();
  });
});
