/**
 * The invitation and reminders by e-mail, sent with nodemailer over a real
 * socket to a real SMTP server on loopback (`test/helpers/smtp.ts`): neutral
 * wording in both languages, reminders 24 h and 1 h before from the periodic
 * tick (each once, also when two ticks run together), the address forgotten
 * after the last one, a mail server that does not answer, bad input, and the
 * page where no mail can be sent.
 */
import { createServer } from "node:net";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { formatCode } from "../../src/appointments/codes.ts";
import { sendDueReminders } from "../../src/appointments/reminders.ts";
import { replaceCode, revealCode } from "../../src/appointments/store.ts";
import { openLibsql } from "../../src/db/libsql.ts";
import type { Logger } from "../../src/log.ts";
import { appointmentMail } from "../../src/mail/messages.ts";
import { smtpMailer } from "../../src/mail/smtp.ts";
import { purgeExpired } from "../../src/retention/purge.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounsellor, get, officeWithAppointment, post, signIn } from "../helpers/counsellor.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

let t: TestApp | undefined;
let smtp: TestSmtp | undefined;
afterEach(async () => {
  t?.close();
  await smtp?.close();
  t = undefined;
  smtp = undefined;
});

const START = new Date("2026-12-02T13:00:00Z"); // Wednesday, 14:00 in Berlin
const HOUR = 3_600_000;
const ORIGIN = "https://video.example.org";
const ADDRESS = "klient@example.net";

/** Words that would tell a reader of the client's mailbox what the appointment is about. */
const TELLING =
  /berat|therap|counsel|psych|sitzung|session|sprechstunde|consultation|wartezimmer|waiting room|Anna|Lichtblick|Erwartete Person/i;

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Anna's office with mail set up, three days before her appointment, and a clock to move. */
async function office(options: { smtpUrl?: string } = {}) {
  smtp = await startSmtp();
  const clock = { now: new Date(START.getTime() - 72 * HOUR) };
  const logs: string[] = [];
  const log: Logger = {
    info: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
    error: (event, fields) => logs.push(JSON.stringify({ event, ...fields })),
  };
  t = await makeTestApp({
    now: () => clock.now,
    log,
    env: {
      SMTP_URL: options.smtpUrl ?? smtp.url,
      MAIL_FROM: "Termine <termine@example.org>",
      PUBLIC_URL: ORIGIN,
      OPERATOR: "Suchtberatung Lichtblick",
    },
  });
  const s = await officeWithAppointment(t, START);
  const row = await s.row();
  await replaceCode(t.deps.db, t.deps.serverSecret, row.counsellorId, s.id, clock.now);
  const code = (await revealCode(t.deps.serverSecret, await s.row())) ?? "";
  const app = t;
  const deps = t.deps;
  const send = (fields: Record<string, string>, headers: Record<string, string> = {}) =>
    s.app.request(`/appointments/${s.id}/email-invitation`, {
      ...post(fields, s.counsellor),
      headers: { ...post(fields, s.counsellor).headers, ...headers },
    });
  const tick = () =>
    sendDueReminders({ ...deps, mailer: deps.mailer ?? fail("no mailer") }, clock.now);
  // Signed in afresh: the clock moves past the session's lifetime.
  const page = async () => {
    const cookie = await signIn(app, "anna@example.org");
    return (await s.app.request(`/appointments/${s.id}`, get(cookie))).text();
  };
  return { ...s, smtp, clock, code, send, tick, page, logs };
}

function fail(message: string): never {
  throw new Error(message);
}

describe("the invitation by e-mail", () => {
  it("sends the German invitation with the code and the German link, and keeps the address for the reminders", async () => {
    const s = await office();
    const res = await s.send({ to: ` ${ADDRESS} `, reminders: "both", lang: "de" });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/appointments/${s.id}?mailed=1`);

    const [mail] = s.smtp.received;
    expect(s.smtp.received).toHaveLength(1);
    expect(mail?.to).toEqual([ADDRESS]);
    expect(mail?.from).toBe("termine@example.org");
    expect(s.smtp.users).toEqual(["mailer"]);
    expect(mail?.subject).toBe("Ihr Termin am Mittwoch, 2. Dezember 2026 um 14:00 Uhr");
    expect(mail?.text).toContain(`${ORIGIN}/join#code=${s.code}`);
    expect(mail?.text).toContain(`Einwahlcode ein: ${formatCode(s.code)}`);
    expect(mail?.text).toContain(`${ORIGIN}/check#code=${s.code}`);
    expect(mail?.headers.get("auto-submitted")).toBe("auto-generated");

    const after = await (
      await s.app.request(res.headers.get("location") ?? "", get(s.counsellor))
    ).text();
    expect(after).toContain(`Einladung an ${ADDRESS} gesendet.`);
    expect(after).toContain(`Erinnerung per E-Mail an ${ADDRESS}: 24 Stunden und 1 Stunde vorher.`);
    expect(await s.row()).toMatchObject({
      mailTo: ADDRESS,
      mailLang: "de",
      remindDayBefore: true,
      remindHourBefore: true,
    });
    // The log says what happened, never to whom.
    expect(s.logs.join("\n")).not.toContain("example.net");
  });

  it("sends the English invitation whose links open the English pages, and keeps no address without reminders", async () => {
    const s = await office();
    const res = await s.send({ to: ADDRESS, reminders: "none", lang: "en" });
    expect(res.status).toBe(303);
    const [mail] = await s.smtp.waitFor(1);
    expect(mail?.subject).toBe("Your appointment on Wednesday, 2 December 2026 at 14:00");
    expect(mail?.text).toContain(`${ORIGIN}/join?lang=en#code=${s.code}`);
    expect(mail?.text).toContain(`If asked, enter your dial-in code: ${formatCode(s.code)}`);
    expect(mail?.text).toContain(`${ORIGIN}/check?lang=en#code=${s.code}`);
    expect(await s.row()).toMatchObject({
      mailTo: null,
      mailLang: null,
      remindDayBefore: false,
      remindHourBefore: false,
    });
    const after = await s.app.request(`/appointments/${s.id}?mailed=1`, get(s.counsellor));
    const html = await after.text();
    expect(html).toContain("Die Einladung wurde per E-Mail gesendet.");
    expect(html).not.toContain(ADDRESS);
  });

  it("says nothing of counselling, the office or the counsellor, in either language", async () => {
    const s = await office();
    await s.send({ to: ADDRESS, reminders: "hour", lang: "de" });
    await s.send({ to: ADDRESS, reminders: "hour", lang: "en" });
    s.clock.now = new Date(START.getTime() - HOUR + 60_000);
    expect((await s.tick()).sent).toBe(1);
    const mails = await s.smtp.waitFor(3);
    expect(mails.map((mail) => mail.subject)).toEqual([
      "Ihr Termin am Mittwoch, 2. Dezember 2026 um 14:00 Uhr",
      "Your appointment on Wednesday, 2 December 2026 at 14:00",
      "Reminder: your appointment on Wednesday, 2 December 2026 at 14:00",
    ]);
    for (const mail of mails) {
      expect(`${mail.subject}\n${mail.text}`).not.toMatch(TELLING);
    }
    // Every kind of mail in both languages, also the German reminder not sent above.
    for (const lang of ["de", "en"] as const) {
      for (const kind of ["invitation", "reminder"] as const) {
        const built = appointmentMail(kind, {
          lang,
          to: ADDRESS,
          origin: ORIGIN,
          code: s.code,
          startsAt: START,
          durationMinutes: 50,
          timeZone: "Europe/Berlin",
        });
        expect(`${built.subject}\n${built.text}`, `${kind} ${lang}`).not.toMatch(TELLING);
        expect(built.text).toContain(formatCode(s.code));
      }
    }
  });

  it("sends the reminders 24 h and 1 h before from the periodic tick, each once even when two ticks run together, then forgets the address", async () => {
    const s = await office();
    const app = t ?? fail("no app");
    await s.send({ to: ADDRESS, reminders: "both", lang: "de" });
    expect(await s.tick()).toEqual({ sent: 0, failed: 0, forgotten: 0 });

    s.clock.now = new Date(START.getTime() - 24 * HOUR + 30_000);
    const first = await Promise.all([s.tick(), s.tick()]);
    expect(first.map((counts) => counts.sent).sort()).toEqual([0, 1]);
    expect(s.smtp.received).toHaveLength(2);
    const dayBefore = s.smtp.received[1];
    expect(dayBefore?.subject).toBe(
      "Erinnerung: Ihr Termin am Mittwoch, 2. Dezember 2026 um 14:00 Uhr",
    );
    expect(dayBefore?.to).toEqual([ADDRESS]);
    expect(dayBefore?.text).toContain(`${ORIGIN}/join#code=${s.code}`);
    expect(await s.row()).toMatchObject({
      mailTo: ADDRESS,
      remindDayBefore: false,
      remindHourBefore: true,
    });
    s.clock.now = new Date(START.getTime() - 2 * HOUR);
    expect((await s.tick()).sent).toBe(0);
    expect(await s.page()).toContain(`Erinnerung per E-Mail an ${ADDRESS}: 1 Stunde vorher.`);

    // A second connection to the same file, as a second process would have.
    s.clock.now = new Date(START.getTime() - HOUR + 5_000);
    const other = await openLibsql(`file:${app.file}`);
    const otherTick = () =>
      sendDueReminders(
        { ...app.deps, db: other.db, mailer: app.deps.mailer ?? fail("") },
        s.clock.now,
      );
    const second = await Promise.all([s.tick(), otherTick(), s.tick()]).finally(() =>
      other.client.close(),
    );
    expect(second.map((counts) => counts.sent).sort()).toEqual([0, 0, 1]);
    expect(s.smtp.received).toHaveLength(3);
    expect(s.smtp.received[2]?.subject).toMatch(/^Erinnerung: Ihr Termin/);
    expect(await s.row()).toMatchObject({
      mailTo: null,
      mailLang: null,
      remindDayBefore: false,
      remindHourBefore: false,
    });
    expect(await s.page()).not.toContain(ADDRESS);
    expect((await s.tick()).sent).toBe(0);
    expect(s.smtp.received).toHaveLength(3);

    // And the purge takes the whole row in its time.
    const deps = app.deps;
    await purgeExpired(deps.db, new Date(START.getTime() + 91 * 24 * HOUR), deps.config);
    expect(await deps.db.select().from(appointments).where(eq(appointments.id, s.id))).toEqual([]);
  });

  it("retries a reminder the mail server did not take at the next tick, but never after the start", async () => {
    const s = await office();
    await s.send({ to: ADDRESS, reminders: "hour", lang: "en" });
    const deps = t?.deps ?? fail("no app");
    const working = deps.mailer ?? fail("no mailer");
    const dead = smtpMailer({
      SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
      MAIL_FROM: "termine@example.org",
    });

    deps.mailer = dead;
    s.clock.now = new Date(START.getTime() - 30 * 60_000);
    expect(await s.tick()).toMatchObject({ sent: 0, failed: 1 });
    expect(await s.row()).toMatchObject({ mailTo: ADDRESS, remindHourBefore: true });
    expect(s.logs.join("\n")).toContain('"event":"reminder not sent","reason":"unreachable"');
    expect(s.logs.join("\n")).not.toContain("example.net");

    deps.mailer = working;
    s.clock.now = new Date(START.getTime() - 29 * 60_000);
    expect(await s.tick()).toMatchObject({ sent: 1, failed: 0 });
    expect(s.smtp.received.map((mail) => mail.subject)).toEqual([
      "Your appointment on Wednesday, 2 December 2026 at 14:00",
      "Reminder: your appointment on Wednesday, 2 December 2026 at 14:00",
    ]);
    expect((await s.row()).mailTo).toBeNull();
  });

  it("forgets an address whose reminder could not go out before the start", async () => {
    const s = await office();
    await s.send({ to: ADDRESS, reminders: "hour", lang: "de" });
    const deps = t?.deps ?? fail("no app");
    deps.mailer = smtpMailer({
      SMTP_URL: `smtp://127.0.0.1:${await closedPort()}`,
      MAIL_FROM: "termine@example.org",
    });
    s.clock.now = new Date(START.getTime() - 10 * 60_000);
    expect(await s.tick()).toMatchObject({ failed: 1 });
    s.clock.now = new Date(START.getTime() + 60_000);
    expect(await s.tick()).toEqual({ sent: 0, failed: 0, forgotten: 1 });
    expect(await s.row()).toMatchObject({ mailTo: null, remindHourBefore: false });
  });

  it("tells the counsellor when the mail server cannot be reached, keeps what was typed and changes nothing", async () => {
    const s = await office({ smtpUrl: `smtp://mailer:x@127.0.0.1:${await closedPort()}` });
    const before = await s.row();
    const res = await s.send({ to: ADDRESS, reminders: "both", lang: "en" });
    expect(res.status).toBe(502);
    const html = await res.text();
    expect(html).toContain(
      "Die E-Mail wurde nicht gesendet: Der Mailserver ist gerade nicht erreichbar.",
    );
    expect(html).toContain(`value="${ADDRESS}"`);
    expect(html).toMatch(/<option value="en" lang="en" selected="">/);
    expect(html).toContain(`data-dial-in-code="${s.code}"`);
    expect(await s.row()).toEqual(before);
    expect(s.logs.join("\n")).toContain(
      '"event":"invitation mail not sent","reason":"unreachable"',
    );
    expect(s.logs.join("\n")).not.toContain("example.net");
  });

  it("answers a bad address with the form again in the counsellor's language, and keeps the reminders already set", async () => {
    const s = await office();
    await s.send({ to: ADDRESS, reminders: "both", lang: "de" });
    const before = await s.row();
    for (const to of [
      "",
      "klient",
      "a@b@example.net",
      "klient@example.net\r\nBcc: x@example.org",
    ]) {
      const res = await s.send({ to, reminders: "both", lang: "de" });
      expect(res.status, to).toBe(422);
      expect(await res.text()).toContain("Bitte geben Sie eine gültige E-Mail-Adresse ein.");
    }
    const english = await s.send(
      { to: "klient", reminders: "hour", lang: "en" },
      { "Accept-Language": "en" },
    );
    expect(english.status).toBe(422);
    const html = await english.text();
    expect(html).toContain("Please enter a valid e-mail address.");
    expect(html).toMatch(/<option value="hour" selected="">/);
    const unknown = await s.send({ to: ADDRESS, reminders: "weekly", lang: "de" });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("Bitte wählen Sie eine Erinnerung.");
    expect(s.smtp.received).toHaveLength(1);
    expect(await s.row()).toEqual(before);
  });

  it("never fails with 500 or echoes markup, whatever is posted, and changes nothing when it refuses", async () => {
    const s = await office();
    const mark = "<i data-x>";
    const field = fc.oneof(
      fc.string({ maxLength: 250 }),
      fc.string({ unit: "binary", maxLength: 60 }),
      fc.constantFrom("", "both", "hour", "none", "de", "en", ADDRESS, `${mark}@example.net`, mark),
      fc.string({ maxLength: 20 }).map((text) => `${mark}${text}`),
    );
    await fc.assert(
      fc.asyncProperty(field, field, field, async (to, reminders, lang) => {
        const before = await s.row();
        const res = await s.send({ to, reminders, lang });
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain(mark);
        if (res.status >= 400) expect(await s.row()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });

  it("refuses another counsellor and sends nothing", async () => {
    const s = await office();
    const app = t ?? fail("no app");
    await addCounsellor(app, { email: "bert@example.org", name: "Bert" });
    const bert = await signIn(app, "bert@example.org");
    const res = await s.app.request(
      `/appointments/${s.id}/email-invitation`,
      post({ to: ADDRESS, reminders: "both", lang: "de" }, bert),
    );
    expect(res.status).toBe(404);
    const foreign = await s.app.request(
      `/appointments/${s.id}/email-invitation`,
      post({ to: ADDRESS, reminders: "both", lang: "de" }, s.counsellor, "https://evil.example"),
    );
    expect(foreign.status).toBe(403);
    expect(s.smtp.received).toHaveLength(0);
    expect((await s.row()).mailTo).toBeNull();
  });

  it("stops the reminders on the counsellor's word, sends nothing more and deletes the address", async () => {
    const s = await office();
    await s.send({ to: ADDRESS, reminders: "both", lang: "de" });
    expect(await s.page()).toContain("Erinnerungen abbestellen");
    const res = await s.app.request(
      `/appointments/${s.id}/email-reminders/stop`,
      post({}, s.counsellor),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/appointments/${s.id}?reminders=stopped`);
    const after = await (
      await s.app.request(res.headers.get("location") ?? "", get(s.counsellor))
    ).text();
    expect(after).toContain("Es werden keine Erinnerungen gesendet; die Adresse ist gelöscht.");
    expect(after).not.toContain(ADDRESS);
    expect(await s.row()).toMatchObject({
      mailTo: null,
      mailLang: null,
      remindDayBefore: false,
      remindHourBefore: false,
    });
    s.clock.now = new Date(START.getTime() - HOUR + 1000);
    expect((await s.tick()).sent).toBe(0);
    expect(s.smtp.received).toHaveLength(1);
  });

  it("stops the reminders when the appointment is cancelled", async () => {
    const s = await office();
    await s.send({ to: ADDRESS, reminders: "both", lang: "de" });
    await s.app.request(`/appointments/${s.id}/cancel`, post({}, s.counsellor));
    expect(await s.row()).toMatchObject({
      mailTo: null,
      remindDayBefore: false,
      remindHourBefore: false,
    });
    s.clock.now = new Date(START.getTime() - HOUR + 1000);
    expect((await s.tick()).sent).toBe(0);
    expect(s.smtp.received).toHaveLength(1);
    expect(await s.page()).not.toContain("email-invitation");
  });
});

describe("without mail settings (and always on Workers)", () => {
  it("says that e-mail is not configured, in the counsellor's language, and sends nothing", async () => {
    t = await makeTestApp({ now: () => new Date(START.getTime() - 72 * HOUR) });
    expect(t.deps.mailer).toBeNull();
    const s = await officeWithAppointment(t, START);
    const german = await (await s.app.request(`/appointments/${s.id}`, get(s.counsellor))).text();
    expect(german).toContain("E-Mail ist auf diesem Server nicht eingerichtet.");
    expect(german).not.toContain("/email-invitation");
    const english = await (
      await s.app.request(`/appointments/${s.id}`, get(s.counsellor, { "Accept-Language": "en" }))
    ).text();
    expect(english).toContain("E-mail is not configured on this server.");
    const res = await s.app.request(
      `/appointments/${s.id}/email-invitation`,
      post({ to: ADDRESS, reminders: "both", lang: "de" }, s.counsellor),
    );
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("E-Mail ist auf diesem Server nicht eingerichtet.");
    expect((await s.row()).mailTo).toBeNull();
  });
});
