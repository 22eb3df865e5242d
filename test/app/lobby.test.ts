import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { DAY_MS } from "../../src/appointments/state.ts";
import { purgeExpired } from "../../src/retention/purge.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost, readAppointment } from "../helpers/appointments.ts";
import { joinedClient } from "../helpers/client.ts";
import { officeWithAppointment, post, get as signedIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

async function joined(
  extra: Parameters<typeof joinedClient>[0] = {},
  options: Parameters<typeof joinedClient>[1] = {},
) {
  const client = await joinedClient(extra, options);
  t = client.t;
  return client;
}

describe("GET /lobby", () => {
  it("shows the waiting room with time, counsellor, deletion date, polling and quick exit", async () => {
    const { get } = await joined({ counsellorMessage: "Ich bin gleich da." });
    const res = await get("/lobby");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Sie sind im Wartezimmer");
    expect(html).toContain("25. November 2026 um 14:00 Uhr");
    expect(html).toContain("Frau Berger");
    expect(html).toContain("Ich bin gleich da.");
    // Ends 14:50 on 25 November, deleted 30 days later.
    expect(html).toContain("am 25.12.2026 gelöscht");
    expect(html).toMatch(
      /aria-live="polite"><div id="lobby-status"[^>]*hx-get="\/lobby\/status\?v=/,
    );
    expect(html).toContain('hx-trigger="every 3s"');
    expect(html).toContain('<noscript><meta http-equiv="refresh" content="5"></noscript>');
    expect(html.split("</head>")[0]).not.toContain("refresh");
    expect(html).toContain("Schnell verlassen");
    expect(html).toMatch(/data-quick-exit="https:\/\/www\.wikipedia\.org\/"/);
    expect(html).toMatch(/htmx\.[0-9a-f]+\.js/);
    expect(html).not.toContain("style=");
    expect(html).not.toContain("verspätet");
  });

  it("says the counsellor is late once the start has passed", async () => {
    const { get, clock } = await joined();
    clock.now = new Date("2026-11-25T13:02:00Z");
    expect(await (await get("/lobby")).text()).toContain("verspätet sich etwas");
  });

  it.each([
    ["no cookie", ""],
    ["a forged cookie", "sz_client=forged-token"],
  ])("refuses %s with a way to join", async (_label, cookie) => {
    const { app } = await joined();
    for (const path of ["/lobby", "/lobby/status"]) {
      const res = await app.request(path, { headers: { Cookie: cookie } });
      expect(res.status).toBe(403);
      const html = await res.text();
      expect(html).toContain('href="/join"');
      expect(html).not.toMatch(/at .*\.ts/);
    }
  });

  it("sends a polling page whose session is gone to the explanation", async () => {
    const { app } = await joined();
    const res = await app.request("/lobby/status", { headers: { "HX-Request": "true" } });
    expect(res.status).toBe(403);
    expect(res.headers.get("hx-redirect")).toBe("/lobby");
  });

  it("speaks English when asked", async () => {
    const { get } = await joined();
    const html = await (await get("/lobby", { "Accept-Language": "en" })).text();
    expect(html).toContain("You are in the waiting room");
    expect(html).toContain("Leave quickly");
  });

  it("sends an admitted client on to /call", async () => {
    const { get, admit } = await joined();
    await admit();
    const res = await get("/lobby");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/call");
  });
});

// Straight from the database (Workers, tests) and from the copy a Node or Deno process keeps.
describe.each([
  ["read from the database", false],
  ["served from the in-memory copy", true],
])("GET /lobby/status, %s", (_label, pollMemory) => {
  it("returns the partial, then 304 or 204 while nothing changed, then the news", async () => {
    const { get, db, id } = await joined({}, { pollMemory });
    const first = await get("/lobby/status", { "HX-Request": "true" });
    expect(first.status).toBe(200);
    expect(first.headers.get("vary")).toContain("HX-Request");
    const etag = first.headers.get("etag") ?? "";
    const html = await first.text();
    expect(html.startsWith('<div id="lobby-status"')).toBe(true);
    expect(html).not.toContain("<html");
    const tag = /\?v=([0-9a-f]+)/.exec(html)?.[1];

    const conditional = await get("/lobby/status", { "HX-Request": "true", "If-None-Match": etag });
    expect(conditional.status).toBe(304);
    expect(await conditional.text()).toBe("");
    const polled = await get(`/lobby/status?v=${tag}`, { "HX-Request": "true" });
    expect(polled.status).toBe(204);

    await db
      .update(appointments)
      .set({ counsellorMessage: "Noch 5 Minuten" })
      .where(eq(appointments.id, id));
    const changed = await get(`/lobby/status?v=${tag}`, {
      "HX-Request": "true",
      "If-None-Match": etag,
    });
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Noch 5 Minuten");
  });

  it("takes the client's short answer, shows it back and to the counsellor's poll", async () => {
    const { app, cookie, get, db, id } = await joined({ counsellorMessage: "Noch 5 Minuten" });
    const first = await (await get("/lobby/status", { "HX-Request": "true" })).text();
    const tag = /\?v=([0-9a-f]+)/.exec(first)?.[1];
    const sent = await app.request(
      "/lobby/message",
      formPost({ message: "  Meine Kamera geht nicht " }, { Cookie: cookie }),
    );
    expect(sent.status).toBe(303);
    expect(sent.headers.get("location")).toBe("/lobby");
    const row = await readAppointment(db, id);
    expect(row.clientMessage).toBe("Meine Kamera geht nicht");
    // The exchange is on the client's page, and the poll sees the change.
    const lobby = await (await get("/lobby")).text();
    expect(lobby).toContain("Noch 5 Minuten");
    expect(lobby).toContain("Ihre Antwort:");
    expect(lobby).toContain("Meine Kamera geht nicht");
    const polled = await get(`/lobby/status?v=${tag}`, { "HX-Request": "true" });
    expect(polled.status).toBe(200);
    expect(await polled.text()).toContain("Meine Kamera geht nicht");

    // htmx posts in place: the fragment with the answer, and an emptied form out of band.
    const inPlace = await app.request(
      "/lobby/message",
      formPost({ message: "Jetzt geht sie" }, { Cookie: cookie, "HX-Request": "true" }),
    );
    expect(inPlace.status).toBe(200);
    const html = await inPlace.text();
    expect(html.startsWith('<div id="lobby-status"')).toBe(true);
    expect(html).toContain("Jetzt geht sie");
    expect(html).toContain('id="reply-form"');
    expect(html).toContain('hx-swap-oob="true"');
  });

  it.each([
    ["de", "", "Bitte schreiben Sie eine Nachricht."],
    ["de", "x".repeat(201), "höchstens 200 Zeichen"],
    ["de", "Kamera\u0007kaputt", "unerlaubte Steuerzeichen"],
    ["en", "", "Please write a message."],
  ])(
    "refuses a bad answer (%s, %j) with a clear message and keeps what was stored",
    async (lang, message, error) => {
      const { app, cookie, db, id } = await joined({ clientMessage: "Erste Nachricht" });
      const before = await readAppointment(db, id);
      const res = await app.request(
        "/lobby/message",
        formPost({ message }, { Cookie: cookie, "Accept-Language": lang }),
      );
      expect(res.status).toBe(422);
      expect(await res.text()).toContain(error);
      expect(await readAppointment(db, id)).toEqual(before);
    },
  );

  it("after admission: HX-Redirect for htmx, 303 for plain requests", async () => {
    const { get, admit } = await joined({}, { pollMemory });
    await admit();
    const htmx = await get("/lobby/status", { "HX-Request": "true" });
    expect(htmx.headers.get("hx-redirect")).toBe("/call");
    const plain = await get("/lobby/status");
    expect(plain.status).toBe(303);
    expect(plain.headers.get("location")).toBe("/call");
  });

  it("stops polling once the session has ended", async () => {
    const { get, db, id } = await joined({}, { pollMemory });
    await db.update(appointments).set({ endedAt: new Date() }).where(eq(appointments.id, id));
    const html = await (await get("/lobby/status")).text();
    expect(html).toContain("beendet");
    expect(html).not.toContain("hx-trigger");
  });

  it("writes lastSeenAt at most every 15 seconds", async () => {
    const { get, db, id, clock, t } = await joined({}, { pollMemory });
    const joinedAt = clock.now;
    clock.now = new Date(joinedAt.getTime() + 10_000);
    await get("/lobby/status");
    // The in-memory copy writes what it noted within a second; here at once.
    await t.pollMemory?.flush();
    expect((await readAppointment(db, id)).lastSeenAt).toEqual(joinedAt);
    clock.now = new Date(joinedAt.getTime() + 16_000);
    await get("/lobby/status");
    await t.pollMemory?.flush();
    expect((await readAppointment(db, id)).lastSeenAt).toEqual(clock.now);
  });
});

describe("GET /call", () => {
  it("sends a waiting client back to the lobby and lets an admitted one in", async () => {
    const { get, admit } = await joined();
    const waiting = await get("/call");
    expect(waiting.status).toBe(303);
    expect(waiting.headers.get("location")).toBe("/lobby");
    await admit();
    const res = await get("/call");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-role="client"');
    expect(html).toContain("Schnell verlassen");
    expect(html).toContain('data-end-url="/call/left"');
  });
});

describe("GET /call/left", () => {
  it("offers the way back in while the session runs, and says it is over (clearing the cookie) once it ended", async () => {
    const client = await joinedClient();
    try {
      await client.admit();
      const running = await client.get("/call/left");
      expect(await running.text()).toContain('href="/call"');
      await client.db
        .update(appointments)
        .set({ endedAt: client.clock.now })
        .where(eq(appointments.id, client.id));
      const ended = await client.get("/call/left");
      const html = await ended.text();
      expect(html).toContain("Die Sprechstunde ist beendet");
      expect(ended.headers.get("set-cookie")).toMatch(/sz_client=;/);
      const [row] = await client.db
        .select()
        .from(appointments)
        .where(eq(appointments.id, client.id));
      expect(row?.clientTokenHash).toBeNull();
    } finally {
      client.t.close();
    }
  });
});

describe("the exchange between waiting room and counsellor", () => {
  it("goes both ways through the real forms, both see it in both languages, and it goes with the appointment", async () => {
    const clock = { now: new Date("2026-11-25T12:56:00Z") };
    t = await makeTestApp({ now: () => clock.now, env: { RETENTION_DAYS: "30" } });
    const office = await officeWithAppointment(t, new Date("2026-11-25T13:00:00Z"));
    const { app, id, counsellor } = office;
    const client = await office.join("Maria");
    const asClient = async (path: string, lang: string) =>
      (await app.request(path, { headers: { Cookie: client, "Accept-Language": lang } })).text();
    const asCounsellor = async (path: string, lang: string) =>
      (await app.request(path, signedIn(counsellor, { "Accept-Language": lang }))).text();

    const sent = await app.request(
      `/appointments/${id}/message`,
      post({ message: "Noch fünf Minuten" }, counsellor),
    );
    expect(sent.status).toBe(303);
    expect(await asClient("/lobby", "de")).toContain("Nachricht an Sie:");
    expect(await asClient("/lobby/status", "en")).toContain("Noch fünf Minuten");

    clock.now = new Date("2026-11-25T12:57:00Z");
    const answered = await app.request(
      "/lobby/message",
      formPost({ message: "Danke, ich warte" }, { Cookie: client }),
    );
    expect(answered.status).toBe(303);
    for (const [lang, yours] of [
      ["de", "Ihre Antwort:"],
      ["en", "Your answer:"],
    ] as const) {
      const lobby = await asClient("/lobby", lang);
      expect(lobby).toContain("Noch fünf Minuten");
      expect(lobby).toContain(yours);
      expect(lobby).toContain("Danke, ich warte");
    }
    for (const [lang, line] of [
      ["de", "Nachricht aus dem Wartezimmer (13:57 Uhr): „Danke, ich warte“"],
      ["en", "Message from the waiting room (13:57): “Danke, ich warte”"],
    ] as const) {
      const page = await asCounsellor(`/appointments/${id}`, lang);
      expect(page).toContain(line);
      // The counsellor's own message stays in its field, to change or clear.
      expect(page).toContain('value="Noch fünf Minuten"');
      expect(await asCounsellor("/dashboard/today", lang)).toContain(line);
    }

    // Deleted with the appointment: the purge after the retention period takes both messages.
    const after = new Date(new Date("2026-11-25T13:50:00Z").getTime() + 31 * DAY_MS);
    expect((await purgeExpired(t.deps.db, after, t.deps.config)).appointments).toBe(1);
    const left = await t.deps.db.select().from(appointments);
    expect(left).toEqual([]);
  });
});
