/**
 * No page mixes languages: every page, rendered in German and in English, holds
 * none of the other language's navigation and layout words. Deliberately
 * untranslated are only the brand "Sprechzimmer" and the language switch link,
 * which carries its own `lang` attribute. Dates and times follow the language.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertAppointment } from "../helpers/appointments.ts";
import { joinedClient } from "../helpers/client.ts";
import { addCounsellor, signIn } from "../helpers/counsellor.ts";

type Joined = Awaited<ReturnType<typeof joinedClient>>;
let client: Joined;
let counsellorCookie = "";
let appointmentPath = "";

/** Words that belong to one language only (layout, navigation, client pages). */
const ONLY = {
  de: [
    "Wartezimmer",
    "Anmelden",
    "Abmelden",
    "Sprechstunde",
    "Termin",
    "Zum Inhalt",
    "Datenschutz",
    "Schnell verlassen",
    "Übersicht",
    "Passwort",
    "Uhr",
    "Keine Werbung",
  ],
  en: [
    "Waiting room",
    "waiting room",
    "Sign in",
    "Sign out",
    "Appointment",
    "Skip to content",
    "Data protection",
    "Leave quickly",
    "Overview",
    "Password",
    "No advertising",
    "Monday",
    "Wednesday",
  ],
} as const;

beforeAll(async () => {
  client = await joinedClient();
  const t = client.t;
  const id = await addCounsellor(t, { email: "anna@example.org", name: "Anna", role: "admin" });
  counsellorCookie = await signIn(t, "anna@example.org");
  const appointment = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    code: "987654321098",
    startsAt: new Date("2026-11-25T13:30:00Z"),
    extra: { counsellorId: id, clientName: "Herr Klein" },
  });
  appointmentPath = `/appointments/${appointment}`;
});

afterAll(() => client?.t.close());

/** The page's text and attributes, minus the deliberately untranslated parts. */
function visibleWords(html: string): string {
  return (
    html
      .replace(/<a class="lang"[^>]*>[^<]*<\/a>/g, "")
      .replace(/<(script|style)[\s\S]*?<\/\1>/g, "")
      // The call script's texts (shown as the call goes on) count as page text.
      .replace(/<[^>]*data-texts="([^"]*)"[^>]*>/g, " $1 ")
      .replace(/Sprechzimmer/g, "")
      .replace(/<[^>]*?(?:title|aria-label|placeholder|alt|content)="([^"]*)"[^>]*>/g, " $1 ")
      .replace(/<[^>]+>/g, " ")
  );
}

const counsellorPages = () => [
  "/",
  "/login",
  "/nicht-da",
  "/dashboard",
  "/appointments/new",
  "/appointments?range=upcoming",
  "/appointments?range=past",
  appointmentPath,
  `${appointmentPath}/edit`,
  `${appointmentPath}/print`,
  "/admin/counsellors",
  "/account/password",
];
const clientPages = ["/info", "/join", "/check", "/lobby"];

async function render(path: string, lang: "de" | "en", cookie: string) {
  const res = await client.app.request(`${path}${path.includes("?") ? "&" : "?"}lang=${lang}`, {
    headers: { Cookie: cookie },
  });
  expect(res.status, path).toBeLessThan(500);
  const html = await res.text();
  expect(html, path).toContain(`<html lang="${lang}">`);
  return visibleWords(html);
}

describe.each([
  ["de", "en"],
  ["en", "de"],
] as const)("pages in %s", (lang, other) => {
  it("hold no words of the other language", async () => {
    const pages = [
      ...counsellorPages().map((path) => [path, counsellorCookie] as const),
      ...clientPages.map((path) => [path, client.cookie] as const),
    ];
    for (const [path, cookie] of pages) {
      const text = await render(path, lang, cookie);
      for (const word of ONLY[other]) {
        expect(text.includes(word), `${path} in ${lang} contains "${word}"`).toBe(false);
      }
    }
  });
});

describe("dates and times follow the language", () => {
  it("writes the waiting room's appointment the German or the English way", async () => {
    const de = await render("/lobby", "de", client.cookie);
    expect(de).toContain("Mittwoch, 25. November 2026 um 14:00 Uhr");
    const en = await render("/lobby", "en", client.cookie);
    expect(en).toContain("Wednesday, 25 November 2026 at 14:00");
    expect(en).not.toContain("Uhr");
  });
});

describe("choosing the language", () => {
  it("takes English from Accept-Language alone and remembers an explicit ?lang=", async () => {
    const app = client.app;
    const byHeader = await app.request("/join", { headers: { "Accept-Language": "en" } });
    expect(await byHeader.text()).toContain('<html lang="en">');
    const chosen = await app.request("/join?lang=en", { headers: { "Accept-Language": "de" } });
    const cookie = (chosen.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect(cookie).toBe("lang=en");
    const later = await app.request("/info", {
      headers: { "Accept-Language": "de-DE,de;q=0.9", Cookie: cookie },
    });
    expect(await later.text()).toContain('<html lang="en">');
  });
});

describe("the call pages", () => {
  it.each([
    ["de", "en"],
    ["en", "de"],
  ] as const)("in %s hold no words of the other language", async (lang, other) => {
    await client.admit();
    for (const path of ["/call", "/call/left"]) {
      const text = await render(path, lang, client.cookie);
      for (const word of ONLY[other]) {
        expect(text.includes(word), `${path} in ${lang} contains "${word}"`).toBe(false);
      }
    }
  });
});
