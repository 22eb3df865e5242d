import { existsSync, readFileSync } from "node:fs";
import { getTableName } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import {
  appointments,
  counsellors,
  participants,
  pollChanges,
  purgeRuns,
  rateLimits,
  sessions,
  tables,
} from "../../db/schema.ts";
import { addParticipant, updateParticipant } from "../../src/appointments/participants.ts";
import { DAY_MS, purgeDueAt } from "../../src/appointments/state.ts";
import { createAppointment } from "../../src/appointments/store.ts";
import { purgeLibsql } from "../../src/retention/embedded.ts";
import { PURGED_TABLES, purgeExpired } from "../../src/retention/purge.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost } from "../helpers/appointments.ts";
import { addCounsellor } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

/** Tables the purge leaves alone on purpose, and why. */
const EXEMPT: Record<string, string> = {
  counsellors: "staff accounts, kept while the office employs them; no client data",
  settings: "the service's own settings (the key check); no personal data",
};

const START = new Date("2026-01-10T09:00:00Z");
/** A device check's paths, in a form found nowhere else in the file. */
const PATHS = "direct=no,udp-relay=no,tcp-relay=yes";

async function withAppointment(extra: Partial<typeof appointments.$inferInsert> = {}) {
  t = await makeTestApp({ env: { RETENTION_DAYS: "90" } });
  const counsellorId = await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
  const id = await createAppointment(
    t.deps.db,
    t.deps.serverSecret,
    counsellorId,
    { clientName: "Zyxwvu Quertzmann", startsAt: START, durationMinutes: 50, note: "private note" },
    START,
  );
  const { eq } = await import("drizzle-orm");
  await t.deps.db
    .update(appointments)
    .set({
      givenName: "Qwyzzel Pfropfen",
      checkedInAt: START,
      counsellorMessage: "gleich da",
      clientMessage: "Kamera Wubbelquatsch geht nicht",
      clientMessageAt: START,
      // Reminders by e-mail still pending: the address goes with the row.
      mailTo: "wexelbrock@example.net",
      mailLang: "de",
      remindHourBefore: true,
      // The device check and the network paths it found.
      deviceCheckAt: START,
      deviceCheckResult: "relay",
      deviceCheckPaths: PATHS,
      ...extra,
    })
    .where(eq(appointments.id, id));
  // A further participant who came and was let in: their row goes with the appointment.
  const pid = await addParticipant(
    t.deps.db,
    t.deps.serverSecret,
    id,
    { name: "Xaverine Dolmetsch", role: "other", roleText: "Rolle Quappelwitz" },
    START,
  );
  await updateParticipant(
    t.deps.db,
    id,
    pid ?? "",
    { givenName: "Getippt Zwirbelkraut", checkedInAt: START, admittedAt: START, tokenHash: "x" },
    START,
  );
  return { app: t, id, counsellorId };
}

const end = new Date(START.getTime() + 50 * 60_000);

describe("the purge", () => {
  it("covers every table of the schema, or says why not", () => {
    for (const table of Object.values(tables)) {
      const name = getTableName(table);
      const covered = (PURGED_TABLES as readonly string[]).includes(name);
      expect(covered || name in EXEMPT, `${name} is neither purged nor exempt`).toBe(true);
    }
  });

  it("keeps an appointment until its retention period is over, to the day", async () => {
    const { app } = await withAppointment();
    const dayBefore = new Date(end.getTime() + 89 * DAY_MS);
    expect((await purgeExpired(app.deps.db, dayBefore, app.deps.config)).appointments).toBe(0);
    expect(await app.deps.db.select().from(appointments)).toMatchObject([
      { deviceCheckResult: "relay", deviceCheckPaths: PATHS },
    ]);
    const dayAfter = new Date(end.getTime() + 91 * DAY_MS);
    expect((await purgeExpired(app.deps.db, dayAfter, app.deps.config)).appointments).toBe(1);
    expect(await app.deps.db.select().from(appointments)).toHaveLength(0);
    expect(await app.deps.db.select().from(participants)).toHaveLength(0);
    const left = await app.database.client.execute(
      "select count(*) as n from appointments where device_check_paths is not null or device_check_result is not null",
    );
    expect(Number(left.rows[0]?.n)).toBe(0);
  });

  it("counts from the end of the session, or the cancellation, and honours a shorter period", async () => {
    const cancelledAt = new Date(START.getTime() - 10 * DAY_MS);
    const { app } = await withAppointment({ cancelledAt });
    expect(
      purgeDueAt({ startsAt: START, durationMinutes: 50, endedAt: null, cancelledAt }, 90),
    ).toEqual(new Date(cancelledAt.getTime() + 90 * DAY_MS));
    const justAfter = new Date(cancelledAt.getTime() + 90 * DAY_MS + 1000);
    expect((await purgeExpired(app.deps.db, justAfter, app.deps.config)).appointments).toBe(1);

    const short = { RETENTION_DAYS: 7 };
    const second = await withAppointment();
    expect(
      (await purgeExpired(second.app.deps.db, new Date(end.getTime() + 6 * DAY_MS), short))
        .appointments,
    ).toBe(0);
    expect(
      (await purgeExpired(second.app.deps.db, new Date(end.getTime() + 8 * DAY_MS), short))
        .appointments,
    ).toBe(1);
  });

  it("deletes expired sessions, rate-limit records and old purge log entries, and logs counts only", async () => {
    const { app, counsellorId } = await withAppointment();
    const now = new Date(end.getTime() + 100 * DAY_MS);
    await app.deps.db.insert(sessions).values([
      { id: "old", counsellorId, expiresAt: new Date(now.getTime() - 1) },
      { id: "live", counsellorId, expiresAt: new Date(now.getTime() + 3600_000) },
    ]);
    await app.deps.db.insert(rateLimits).values([
      { key: "old", count: 3, resetAt: new Date(now.getTime() - 1) },
      { key: "live", count: 3, resetAt: new Date(now.getTime() + 60_000) },
    ]);
    await app.deps.db
      .insert(purgeRuns)
      .values({ ranAt: new Date(now.getTime() - 91 * DAY_MS), counts: "{}" });
    await app.deps.db.insert(pollChanges).values([
      { appointmentId: "old", at: new Date(now.getTime() - 2 * 3600_000) },
      { appointmentId: "recent", at: new Date(now.getTime() - 60_000) },
    ]);

    const preview = await purgeExpired(app.deps.db, now, app.deps.config, { dryRun: true });
    expect(preview).toEqual({
      appointments: 1,
      participants: 1,
      sessions: 1,
      rate_limits: 1,
      purge_runs: 1,
      poll_changes: 1,
    });
    expect(await app.deps.db.select().from(appointments)).toHaveLength(1);

    const counts = await purgeExpired(app.deps.db, now, app.deps.config, { batchSize: 1 });
    expect(counts).toEqual({
      appointments: 1,
      participants: 1,
      sessions: 1,
      rate_limits: 1,
      purge_runs: 1,
      poll_changes: 1,
    });
    expect((await app.deps.db.select().from(sessions)).map((row) => row.id)).toEqual(["live"]);
    expect((await app.deps.db.select().from(rateLimits)).map((row) => row.key)).toEqual(["live"]);
    const changes = (await app.deps.db.select().from(pollChanges)).map((row) => row.appointmentId);
    expect(changes).toContain("recent");
    expect(changes).not.toContain("old");
    const runs = await app.deps.db.select().from(purgeRuns);
    expect(runs).toHaveLength(1);
    expect(JSON.parse(runs[0]?.counts ?? "")).toEqual(counts);
  });

  it("deletes in batches", async () => {
    const { app, counsellorId } = await withAppointment();
    for (let i = 0; i < 7; i++) {
      await createAppointment(
        app.deps.db,
        app.deps.serverSecret,
        counsellorId,
        { clientName: `K${i}`, startsAt: START, durationMinutes: 50, note: undefined },
        START,
      );
    }
    const batches: number[] = [];
    const counts = await purgeExpired(
      app.deps.db,
      new Date(end.getTime() + 91 * DAY_MS),
      app.deps.config,
      {
        batchSize: 3,
        onAppointmentsPurged: async (ids) => {
          batches.push(ids.length);
        },
      },
    );
    expect(counts.appointments).toBe(8);
    expect(batches).toEqual([3, 3, 2]);
  });

  it("leaves no trace of purged names while other requests run at the same time", async () => {
    t = await makeTestApp({ env: { RETENTION_DAYS: "90" }, pollMemory: true });
    const app = t;
    const counsellorId = crypto.randomUUID();
    await app.deps.db.insert(counsellors).values({
      id: counsellorId,
      email: "busy@example.org",
      name: "Busy Office",
      passwordHash: "not-a-real-hash",
    });
    // Twenty appointments with a name, a typed name, a note and a message each,
    // every one a word found nowhere else in the file.
    const words: string[] = [];
    for (let i = 0; i < 20; i++) {
      const tag = String.fromCharCode(97 + i).repeat(3);
      const [client, typed, note, message, other, otherTyped, role] = [
        "Klient",
        "Getippt",
        "Notiz",
        "Nachricht",
        "Dolmetsch",
        "Weitere",
        "Rolle",
      ].map((kind) => `${kind}${tag}Qzx`) as [
        string,
        string,
        string,
        string,
        string,
        string,
        string,
      ];
      words.push(client, typed, note, message, other, otherTyped, role);
      const id = await createAppointment(
        app.deps.db,
        app.deps.serverSecret,
        counsellorId,
        { clientName: client, startsAt: START, durationMinutes: 50, note },
        START,
      );
      const { eq } = await import("drizzle-orm");
      await app.deps.db
        .update(appointments)
        .set({
          givenName: typed,
          checkedInAt: START,
          clientMessage: message,
          clientMessageAt: START,
        })
        .where(eq(appointments.id, id));
      // A further participant with their own names, who waited.
      const pid = await addParticipant(
        app.deps.db,
        app.deps.serverSecret,
        id,
        { name: other, role: "other", roleText: role },
        START,
      );
      await updateParticipant(
        app.deps.db,
        id,
        pid ?? "",
        { givenName: otherTyped, checkedInAt: START },
        START,
      );
    }

    // Requests keep arriving, several at a time, until the purge is done.
    let purging = true;
    const statuses: number[] = [];
    const traffic = async (visitor: number) => {
      while (purging) {
        const answers = await Promise.all([
          app.app.request("/healthz"),
          app.app.request(
            "/join",
            formPost(
              { code: "1000 0000 0001", name: "Eve", consent: "yes" },
              { "x-test-visitor": String(visitor) },
            ),
          ),
          app.app.request("/join?code=100000000002"),
        ]);
        statuses.push(...answers.map((res) => res.status));
        // Requests arrive from the network: let timers (the purge's pause between batches) run.
        await new Promise((resolve) => setImmediate(resolve));
      }
    };
    const purge = purgeLibsql(
      app.database,
      true,
      new Date(end.getTime() + 91 * DAY_MS),
      app.deps.config,
      { batchSize: 3 },
    ).finally(() => {
      purging = false;
    });
    const [counts] = await Promise.all([purge, traffic(1), traffic(2), traffic(3)]);
    expect(counts.appointments).toBe(20);
    expect(counts.participants).toBe(20);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((status) => status >= 500)).toEqual([]);

    for (const file of [app.file, `${app.file}-wal`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      const found = words.filter((word) => bytes.includes(Buffer.from(word)));
      expect(found, `purged words in ${file}`).toEqual([]);
    }
  });

  it("leaves no trace of a purged name in the database file or its log", async () => {
    const { app } = await withAppointment();
    await purgeLibsql(app.database, true, new Date(end.getTime() + 91 * DAY_MS), app.deps.config);
    for (const file of [app.file, `${app.file}-wal`, `${app.file}-shm`]) {
      if (!existsSync(file)) continue;
      const bytes = readFileSync(file);
      for (const secret of [
        "Zyxwvu",
        "Quertzmann",
        "Qwyzzel",
        "Pfropfen",
        "private note",
        "Wubbelquatsch",
        "wexelbrock",
        PATHS,
      ]) {
        expect(bytes.includes(Buffer.from(secret)), `${secret} in ${file}`).toBe(false);
      }
    }
  });
});
