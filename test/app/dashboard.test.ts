import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost } from "../helpers/appointments.ts";
import { addCounsellor, get, officeWithAppointment, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

let clock = new Date("2026-11-25T08:00:00Z");

async function setup() {
  clock = new Date("2026-11-25T08:00:00Z");
  t = await makeTestApp({ now: () => clock });
  await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
  await addCounsellor(t, { email: "bob@example.org", name: "Bob" });
  const anna = await signIn(t, "anna@example.org");
  const bob = await signIn(t, "bob@example.org");
  const make = async (cookie: string, name: string, date: string, time: string) => {
    const res = await t?.app.request(
      "/appointments",
      post({ clientName: name, date, time, durationMinutes: "50" }, cookie),
    );
    return /\/appointments\/([^?]+)/.exec(res?.headers.get("location") ?? "")?.[1] ?? "";
  };
  return { app: t, anna, bob, make };
}

const version = (html: string) => /X-Seen&quot;:&quot;([0-9a-f]+)/.exec(html)?.[1] ?? "";

describe("the dashboard", () => {
  it("lists today's own appointments only, with live status", async () => {
    const { app, anna, bob, make } = await setup();
    const mine = await make(anna, "Frau Müller", "2026-11-25", "10:00");
    await make(anna, "Herr Morgen", "2026-11-26", "10:00");
    await make(bob, "Bobs Klient", "2026-11-25", "11:00");
    const html = await (await app.app.request("/dashboard", get(anna))).text();
    expect(html).toContain("Frau Müller");
    expect(html).not.toContain("Herr Morgen");
    expect(html).not.toContain("Bobs Klient");
    expect(html).toContain('hx-trigger="every 5s"');
    expect(html).toContain("geplant");
    expect(html).toMatch(/<script src="\/assets\/htmx\.[0-9a-f]{10}\.js"/);

    // The client checks in: the fragment changes, shows the typed name and the title count.
    await app.deps.db
      .update(appointments)
      .set({ checkedInAt: new Date("2026-11-25T08:55:00Z"), givenName: "Maria Müller" })
      .where(eq(appointments.id, mine));
    clock = new Date("2026-11-25T08:56:00Z");
    const page = await (await app.app.request("/dashboard", get(anna))).text();
    expect(page).toContain("<title>(1) wartet · Übersicht · Sprechzimmer</title>");
    expect(page).toContain("wartet seit 09:55 Uhr");
    expect(page).toContain("eingegebener Name: „Maria Müller“");
    expect(page).toContain(`action="/appointments/${mine}/start"`);
  });

  it("answers an unchanged poll with an empty 204 and a change with the new fragment", async () => {
    const { app, anna, make } = await setup();
    const id = await make(anna, "Frau Müller", "2026-11-25", "10:00");
    const first = await app.app.request("/dashboard/today", get(anna, { "HX-Request": "true" }));
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html.startsWith('<div id="today"')).toBe(true);
    const seen = version(html);
    expect(seen).toMatch(/^[0-9a-f]{16}$/);

    const same = await app.app.request(
      "/dashboard/today",
      get(anna, { "HX-Request": "true", "X-Seen": seen }),
    );
    expect(same.status).toBe(204);
    expect(await same.text()).toBe("");

    await app.deps.db
      .update(appointments)
      .set({ checkedInAt: clock, givenName: "Maria" })
      .where(eq(appointments.id, id));
    const changed = await app.app.request(
      "/dashboard/today",
      get(anna, { "HX-Request": "true", "X-Seen": seen }),
    );
    expect(changed.status).toBe(200);
    const text = await changed.text();
    expect(text).toContain('data-status="waiting"');
    expect(version(text)).not.toBe(seen);
  });

  it("shows a client whose polls stopped as last seen, without a start button", async () => {
    const { app, anna, make } = await setup();
    const id = await make(anna, "Frau Müller", "2026-11-25", "10:00");
    await app.deps.db
      .update(appointments)
      .set({
        checkedInAt: new Date("2026-11-25T08:50:00Z"),
        lastSeenAt: new Date("2026-11-25T08:52:30Z"),
        givenName: "Maria",
      })
      .where(eq(appointments.id, id));
    clock = new Date("2026-11-25T08:53:30Z");
    const waiting = await (await app.app.request("/dashboard", get(anna))).text();
    expect(waiting).toContain("wartet seit 09:50 Uhr");
    expect(waiting).toContain(`action="/appointments/${id}/start"`);
    const seen = version(waiting);
    // Three quiet minutes later the poll brings the change without a reload.
    clock = new Date("2026-11-25T08:56:00Z");
    const res = await app.app.request(
      "/dashboard/today",
      get(anna, { "HX-Request": "true", "X-Seen": seen }),
    );
    expect(res.status).toBe(200);
    const away = await res.text();
    expect(away).toContain('data-status="away"');
    expect(away).toContain("zuletzt gesehen 09:52 Uhr");
    expect(away).not.toContain("wartet seit");
    expect(away).not.toContain(`action="/appointments/${id}/start"`);
    const english = await (
      await app.app.request("/dashboard/today", get(anna, { "Accept-Language": "en" }))
    ).text();
    expect(english).toContain("last seen at 09:52");
    // The client's answer from the waiting room reaches the dashboard.
    await app.deps.db
      .update(appointments)
      .set({ clientMessage: "Meine Kamera geht nicht", clientMessageAt: clock })
      .where(eq(appointments.id, id));
    const withAnswer = await (await app.app.request("/dashboard/today", get(anna))).text();
    expect(withAnswer).toContain(
      "Nachricht aus dem Wartezimmer (09:56 Uhr): „Meine Kamera geht nicht“",
    );
  });

  it("gives a waiting row who, since when, the device check and one primary button", async () => {
    const { app, anna, make } = await setup();
    const waiting = await make(anna, "Frau Müller", "2026-11-25", "10:00");
    const running = await make(anna, "Herr Schmidt", "2026-11-25", "09:00");
    await make(anna, "Frau Später", "2026-11-25", "16:00");
    await app.deps.db
      .update(appointments)
      .set({
        checkedInAt: new Date("2026-11-25T08:50:00Z"),
        lastSeenAt: new Date("2026-11-25T08:55:00Z"),
        givenName: "Maria",
        deviceCheckAt: new Date("2026-11-24T15:00:00Z"),
        deviceCheckResult: "relay",
      })
      .where(eq(appointments.id, waiting));
    await app.deps.db
      .update(appointments)
      .set({ checkedInAt: clock, givenName: "Peter", admittedAt: clock })
      .where(eq(appointments.id, running));
    clock = new Date("2026-11-25T08:56:00Z");
    const rows = (html: string) =>
      [...html.matchAll(/<li class="today-item[^"]*" data-status="(\w+)">([\s\S]*?)<\/li>/g)].map(
        ([, status, row]) => ({ status, row: row ?? "" }),
      );
    const primaries = (row: string) => row.match(/class="button primary"/g)?.length ?? 0;
    for (const [lang, who, since, check, start] of [
      [
        "de",
        "eingegebener Name: „Maria“",
        "wartet seit 09:50 Uhr",
        "Technik-Check: Verbindung nur über Relais gestern",
        "Sitzung starten",
      ],
      [
        "en",
        "name typed: “Maria”",
        "waiting since 09:50",
        "Device check: relay connection only yesterday",
        "Start session",
      ],
    ] as const) {
      const html = await (
        await app.app.request("/dashboard/today", get(anna, { "Accept-Language": lang }))
      ).text();
      const found = rows(html);
      expect(found.map((r) => r.status)).toEqual(["inSession", "waiting", "scheduled"]);
      const row = found[1]?.row ?? "";
      expect(row).toContain(`href="/appointments/${waiting}"`);
      expect(row).toContain("Frau Müller");
      expect(row).toContain(who);
      expect(row).toContain(since);
      expect(row).toContain(check);
      // Exactly one primary button, and it starts this session.
      expect(primaries(row)).toBe(1);
      expect(row).toMatch(
        new RegExp(
          `<form method="post" action="/appointments/${waiting}/start" class="today-action"><button type="submit" class="button primary">${start}</button>`,
        ),
      );
      // The other rows offer no primary button to compete with it.
      expect(primaries(found[0]?.row ?? "")).toBe(0);
      expect(primaries(found[2]?.row ?? "")).toBe(0);
    }
    // The sound checkbox and the notification button sit in their own row of options.
    const page = await (await app.app.request("/dashboard", get(anna))).text();
    expect(page).toMatch(
      /<div class="dash-options" hidden=""><label><input type="checkbox" id="chime"\/> [^<]+<\/label><button type="button" class="button" id="notify">/,
    );
  });

  it("shows beside a waiting client's device check which way their connection went", async () => {
    clock = new Date("2026-11-25T08:55:00Z");
    t = await makeTestApp({ now: () => clock });
    const office = await officeWithAppointment(t, new Date("2026-11-25T09:00:00Z"));
    const client = await office.join("Maria");
    const check = (result: string, paths: string) =>
      office.app.request("/check/result", formPost({ result, paths }, { Cookie: client }));
    const row = async (lang: "de" | "en") => {
      const html = await (
        await office.app.request(
          "/dashboard/today",
          get(office.counsellor, { "Accept-Language": lang }),
        )
      ).text();
      return (
        /<li class="today-item[^"]*" data-status="waiting">([\s\S]*?)<\/li>/.exec(html)?.[1] ?? ""
      );
    };
    const cases = [
      [
        "passed",
        "direct=yes,udp-relay=yes,tcp-relay=yes",
        "Verbindung: direkt",
        "Connection: direct",
      ],
      [
        "relay",
        "direct=no,udp-relay=yes,tcp-relay=yes",
        "Verbindung: nur über Vermittlungsserver",
        "Connection: only through a relay server",
      ],
      [
        "relay",
        "direct=no,udp-relay=no,tcp-relay=yes",
        "Verbindung: nur über Vermittlungsserver per TCP",
        "Connection: only through a relay server over TCP",
      ],
      ["failed", "direct=no,udp-relay=no,tcp-relay=no", "keine Verbindung", "no connection"],
      [
        "passed",
        "direct=unknown,udp-relay=unknown,tcp-relay=unknown",
        "Verbindung nicht geprüft",
        "connection not tested",
      ],
    ] as const;
    for (const [result, paths, german, english] of cases) {
      expect((await check(result, paths)).status).toBe(204);
      for (const [lang, words] of [
        ["de", german],
        ["en", english],
      ] as const) {
        const html = await row(lang);
        const shown =
          /<span class="check-paths [^"]*" data-check-paths="([^"]*)">([^<]*)<\/span>/.exec(html);
        expect(shown?.[1], `${paths} ${lang}`).toBe(paths);
        expect(shown?.[2], `${paths} ${lang}`).toBe(words);
      }
    }
    // Beside the device check's own status, inside its line.
    expect(await row("de")).toMatch(
      /<span class="device-check passed">Technik-Check bestanden heute · <span class="check-paths/,
    );
    // The appointment page says the same.
    const page = await (
      await office.app.request(`/appointments/${office.id}`, get(office.counsellor))
    ).text();
    expect(page).toContain(
      'data-check-paths="direct=unknown,udp-relay=unknown,tcp-relay=unknown">Verbindung nicht geprüft<',
    );
    // A new check within the same minute is news for the dashboard's poll, not a 204.
    const seen = version(
      await (await office.app.request("/dashboard/today", get(office.counsellor))).text(),
    );
    await check("passed", "direct=yes,udp-relay=unknown,tcp-relay=unknown");
    const poll = await office.app.request(
      "/dashboard/today",
      get(office.counsellor, { "X-Seen": seen }),
    );
    expect(poll.status).toBe(200);
    expect(await poll.text()).toContain("Verbindung: direkt");
    // A check without paths (no WebRTC) shows the result alone.
    await office.app.request("/check/result", formPost({ result: "failed" }, { Cookie: client }));
    const without = await row("de");
    expect(without).toContain("Technik-Check mit Problemen heute");
    expect(without).not.toContain("data-check-paths");
  });

  it("turns a scheduled appointment into a no-show once it is over", async () => {
    const { app, anna, make } = await setup();
    await make(anna, "Frau Müller", "2026-11-25", "10:00");
    clock = new Date("2026-11-25T10:00:00Z");
    const html = await (await app.app.request("/dashboard/today", get(anna))).text();
    expect(html).toContain("nicht erschienen");
  });
});
