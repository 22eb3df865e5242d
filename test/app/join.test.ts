import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/security/crypto.ts";
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

// 13:55 in Berlin; the appointment at 14:00 has an open waiting room.
const NOW = new Date("2026-11-25T12:55:00Z");
const START = new Date("2026-11-25T13:00:00Z");

async function setup(
  extra: Parameters<typeof insertAppointment>[2]["extra"] = {},
  startsAt = START,
) {
  t = await makeTestApp({ now: () => NOW });
  const id = await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt, extra });
  return { app: t.app, db: t.deps.db, id };
}

const good = { code: "1234 5678-9012", name: "  Maria Muster ", consent: "yes" };

describe("GET /join", () => {
  it("pre-fills the code and links the consent to /info", async () => {
    const { app } = await setup();
    const html = await (await app.request(`/join?code=${CODE}`)).text();
    expect(html).toContain(`value="${CODE}"`);
    expect(html).toContain('href="/info"');
    expect(html).toContain('name="consent"');
    expect(html).not.toContain("htmx");
  });
});

describe("POST /join", () => {
  it("checks in, sets a hashed client token and redirects to the lobby", async () => {
    const { app, db, id } = await setup();
    const res = await app.request("/join", formPost(good));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/lobby");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/^sz_client=/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).toMatch(/Path=\//);
    const token = cookieFrom(res).split("=")[1] ?? "";
    const row = await readAppointment(db, id);
    expect(row.givenName).toBe("Maria Muster");
    expect(row.checkedInAt).toEqual(NOW);
    expect(row.lastSeenAt).toEqual(NOW);
    expect(row.clientTokenHash).toBe(await sha256Hex(token));
  });

  it("uses a __Host- Secure cookie over HTTPS and keeps the first check-in time", async () => {
    const earlier = new Date("2026-11-25T12:50:00Z");
    const { app, db, id } = await setup({ checkedInAt: earlier });
    const res = await app.request(
      "https://video.example.org/join",
      formPost(good, { Origin: "https://video.example.org" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-sz_client=.*Secure/);
    expect((await readAppointment(db, id)).checkedInAt).toEqual(earlier);
  });

  it("behind a TLS proxy, accepts PUBLIC_URL's origin and still sets a secure cookie", async () => {
    t = await makeTestApp({ now: () => NOW, env: { PUBLIC_URL: "https://video.example.org" } });
    await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt: START });
    const res = await t.app.request(
      "http://video.example.org/join",
      formPost(good, { Origin: "https://video.example.org" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-sz_client=.*Secure/);
  });

  it("normalises the name to NFC", async () => {
    const { app, db, id } = await setup();
    await app.request("/join", formPost({ ...good, name: "Jose\u0301" }));
    expect((await readAppointment(db, id)).givenName).toBe("Jos\u00e9");
  });

  const bad: [string, Record<string, string>, string][] = [
    ["an unknown code", { ...good, code: "999999999999" }, "keinen Termin gefunden"],
    ["a malformed code", { ...good, code: "12ab" }, "keinen Termin gefunden"],
    ["an empty name", { ...good, name: "   " }, "Bitte geben Sie Ihren Namen ein."],
    ["an over-long name", { ...good, name: "x".repeat(81) }, "höchstens 80 Zeichen"],
    ["a control character", { ...good, name: "Ma\u0007ria" }, "Steuerzeichen"],
    ["missing consent", { code: CODE, name: "Maria" }, "Bitte bestätigen Sie"],
  ];
  it.each(bad)(
    "refuses %s with a message, keeps the input and stores nothing",
    async (_l, fields, message) => {
      const { app, db, id } = await setup();
      const before = await readAppointment(db, id);
      const res = await app.request("/join", formPost(fields));
      expect(res.status).toBe(422);
      expect(res.headers.get("set-cookie")).toBeNull();
      const html = await res.text();
      expect(html).toContain(message);
      if (fields.name?.trim()) expect(html).toContain("value=");
      expect(await readAppointment(db, id)).toEqual(before);
    },
  );

  it("gives the same message for unknown and malformed codes", async () => {
    const { app } = await setup();
    const unknown = await (
      await app.request("/join", formPost({ ...good, code: "999999999999" }))
    ).text();
    const malformed = await (await app.request("/join", formPost({ ...good, code: "1" }))).text();
    const message = /<p class="field-error" id="code-error">([^<]*)</;
    expect(unknown.match(message)?.[1]).toBeTruthy();
    expect(unknown.match(message)?.[1]).toBe(malformed.match(message)?.[1]);
  });

  it("answers in English when asked", async () => {
    const { app } = await setup();
    const res = await app.request(
      "/join",
      formPost({ ...good, name: "" }, { "Accept-Language": "en" }),
    );
    expect(await res.text()).toContain("Please enter your name.");
  });

  it("says when the waiting room opens, in office time, and refreshes itself", async () => {
    const { app, db, id } = await setup({}, new Date("2026-11-25T14:00:00Z"));
    const before = await readAppointment(db, id);
    const res = await app.request("/join", formPost(good));
    expect(res.status).toBe(422);
    const html = await res.text();
    // Today: the time alone, no date.
    expect(html).toContain("Das Wartezimmer öffnet um 14:45 Uhr.");
    expect(html).toMatch(/<meta http-equiv="refresh" content="900; url=\/join#code=123456789012"/);
    expect(await readAppointment(db, id)).toEqual(before);
    const en = await (
      await app.request("/join", formPost(good, { "Accept-Language": "en" }))
    ).text();
    expect(en).toContain("The waiting room opens at 14:45.");
  });

  it("names the day when the waiting room opens on another day, in German and English", async () => {
    const { app } = await setup({}, new Date("2026-11-26T13:00:00Z"));
    const de = await (await app.request("/join", formPost(good))).text();
    expect(de).toContain("Das Wartezimmer öffnet am Donnerstag, 26. November 2026 um 13:45 Uhr.");
    const en = await (
      await app.request("/join", formPost(good, { "Accept-Language": "en" }))
    ).text();
    expect(en).toContain("The waiting room opens on Thursday, 26 November 2026 at 13:45.");
  });

  it.each([
    ["cancelled", { cancelledAt: new Date("2026-11-24T10:00:00Z") }, START, "abgesagt"],
    ["ended", { endedAt: new Date("2026-11-25T12:40:00Z") }, START, "schon vorbei"],
    ["past", {}, new Date("2026-11-25T11:00:00Z"), "schon vorbei"],
  ] as const)("refuses a %s appointment clearly", async (_label, extra, startsAt, message) => {
    const { app, db, id } = await setup(extra, startsAt);
    const before = await readAppointment(db, id);
    const res = await app.request("/join", formPost(good));
    expect(res.status).toBe(422);
    expect(await res.text()).toContain(message);
    expect(await readAppointment(db, id)).toEqual(before);
  });

  it("refuses a cross-origin post with 403 and stores nothing", async () => {
    const { app, db, id } = await setup();
    const before = await readAppointment(db, id);
    const res = await app.request("/join", formPost(good, { Origin: "https://evil.example" }));
    expect(res.status).toBe(403);
    expect(await readAppointment(db, id)).toEqual(before);
  });

  it("a new join replaces the old cookie's token", async () => {
    const { app } = await setup();
    const first = cookieFrom(await app.request("/join", formPost(good)));
    const second = cookieFrom(await app.request("/join", formPost(good)));
    expect((await app.request("/lobby", { headers: { Cookie: first } })).status).toBe(403);
    expect((await app.request("/lobby", { headers: { Cookie: second } })).status).toBe(200);
  });
});
