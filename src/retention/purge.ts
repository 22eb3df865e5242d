/**
 * @module
 * The purge: one function that deletes everything past its time, run by the
 * Worker's cron trigger, the Node/Deno hourly timer and `npm run purge`.
 *
 * - appointments whose last moment (end of session, cancellation, or the
 *   scheduled end when it never took place) is more than RETENTION_DAYS ago,
 *   with everything stored on them: the name the client typed, check-in,
 *   admission, the counsellor's message, the device check with the network
 *   paths it found, the sealed code, an e-mail address still kept for a reminder,
 *   and its further participants (names, roles, typed names, codes, waiting-room state);
 * - expired counsellor sessions and rate-limit records;
 * - purge log entries older than the retention period;
 * - the poll state's change log (appointment ids only) older than an hour: a
 *   process whose copy is older than that reads everything afresh anyway.
 *
 * Deletes go in batches, yielding between them, so requests keep being answered,
 * and every statement stays within D1's limits (bound parameters, rows, size).
 */
import { count, inArray, lt, type SQL, sql } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import {
  appointments,
  participants,
  pollChanges,
  purgeRuns,
  rateLimits,
  sessions,
} from "../../db/schema.ts";
import { DAY_MS } from "../appointments/state.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/types.ts";

/** The tables the purge covers; the coverage test checks every schema table is here or exempt. */
export const PURGED_TABLES = [
  "appointments",
  "participants",
  "sessions",
  "rate_limits",
  "purge_runs",
  "poll_changes",
] as const;

/** How long the change log keeps an entry (`db/schema.ts`, `pollChanges`). */
const POLL_CHANGES_KEPT_MS = 60 * 60_000;

export type PurgeCounts = {
  appointments: number;
  participants: number;
  sessions: number;
  rate_limits: number;
  purge_runs: number;
  poll_changes: number;
};

export interface PurgeOptions {
  dryRun?: boolean;
  batchSize?: number;
  /**
   * Called with the ids of each batch's deleted appointments whose session was
   * never ended (the Worker closes their rooms; an ended session's room closed then).
   */
  onAppointmentsPurged?: (ids: string[]) => Promise<void>;
}

/** The SQL of `lastMoment` (`appointments/state.ts`): the end, the cancellation, or the planned end. */
function appointmentExpired(cutoff: number) {
  return sql`coalesce(${appointments.endedAt}, ${appointments.cancelledAt}, ${appointments.startsAt} + ${appointments.durationMinutes} * 60000) < ${cutoff}`;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs `remove` (one batch of at most `limit` rows) until a batch comes back short. */
async function deleteInBatches(
  batchSize: number,
  remove: (limit: number) => Promise<unknown[]>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = (await remove(batchSize)).length;
    total += removed;
    if (removed < batchSize) return total;
    await pause();
  }
}

export async function purgeExpired(
  db: Database,
  now: Date,
  config: Pick<Config, "RETENTION_DAYS">,
  options: PurgeOptions = {},
): Promise<PurgeCounts> {
  const cutoff = now.getTime() - config.RETENTION_DAYS * DAY_MS;
  const expired = appointmentExpired(cutoff);
  const oldChanges = lt(pollChanges.at, new Date(now.getTime() - POLL_CHANGES_KEPT_MS));
  const batchSize = options.batchSize ?? 500;
  // The participants of the appointments that go.
  const expiredIds = db.select({ id: appointments.id }).from(appointments).where(expired);
  const ofExpired = inArray(participants.appointmentId, expiredIds);

  if (options.dryRun) {
    const countWhere = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
    return {
      appointments: await countWhere(db.select({ n: count() }).from(appointments).where(expired)),
      participants: await countWhere(db.select({ n: count() }).from(participants).where(ofExpired)),
      sessions: await countWhere(
        db.select({ n: count() }).from(sessions).where(lt(sessions.expiresAt, now)),
      ),
      rate_limits: await countWhere(
        db.select({ n: count() }).from(rateLimits).where(lt(rateLimits.resetAt, now)),
      ),
      purge_runs: await countWhere(
        db
          .select({ n: count() })
          .from(purgeRuns)
          .where(lt(purgeRuns.ranAt, new Date(cutoff))),
      ),
      poll_changes: await countWhere(db.select({ n: count() }).from(pollChanges).where(oldChanges)),
    };
  }

  // Each delete names its rows by a subquery, so a statement binds a handful of
  // parameters whatever the batch size (D1 allows 100 per query), and touches at
  // most `batchSize` rows (D1 bounds each statement's time and result size).
  // Participants first and explicitly, not only by the foreign key's cascade: the
  // purge must not depend on a connection's foreign-key setting (D1, remote libSQL).
  const participantCount = await deleteInBatches(batchSize, (limit) =>
    db
      .delete(participants)
      .where(
        inArray(
          participants.id,
          db.select({ id: participants.id }).from(participants).where(ofExpired).limit(limit),
        ),
      )
      .returning({ id: participants.id }),
  );
  let appointmentCount = 0;
  for (;;) {
    const due = db
      .select({ id: appointments.id })
      .from(appointments)
      .where(expired)
      .limit(batchSize);
    const batch = await db
      .delete(appointments)
      .where(inArray(appointments.id, due))
      .returning({ id: appointments.id, endedAt: appointments.endedAt });
    if (batch.length === 0) break;
    appointmentCount += batch.length;
    // A room is ended with its session; only one never ended can still hold a socket.
    const open = batch.filter((row) => row.endedAt === null).map((row) => row.id);
    if (open.length > 0) await options.onAppointmentsPurged?.(open);
    await pause();
  }
  const deleteOld = (table: SQLiteTable, key: SQLiteColumn, where: SQL | undefined) =>
    deleteInBatches(batchSize, (limit) =>
      db
        .delete(table)
        .where(inArray(key, db.select({ key }).from(table).where(where).limit(limit)))
        .returning({ key }),
    );
  const deletedSessions = await deleteOld(sessions, sessions.id, lt(sessions.expiresAt, now));
  const deletedLimits = await deleteOld(rateLimits, rateLimits.key, lt(rateLimits.resetAt, now));
  const oldRuns = lt(purgeRuns.ranAt, new Date(cutoff));
  const deletedRuns = await deleteOld(purgeRuns, purgeRuns.id, oldRuns);
  const deletedChanges = await deleteOld(pollChanges, pollChanges.seq, oldChanges);
  const counts: PurgeCounts = {
    appointments: appointmentCount,
    participants: participantCount,
    sessions: deletedSessions,
    rate_limits: deletedLimits,
    purge_runs: deletedRuns,
    poll_changes: deletedChanges,
  };
  await db.insert(purgeRuns).values({ ranAt: now, counts: JSON.stringify(counts) });
  return counts;
}
