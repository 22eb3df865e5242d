/**
 * @module
 * The purge: one function that deletes everything past its time, run by the
 * Worker's cron trigger, the Node/Deno hourly timer and `npm run purge`.
 *
 * - appointments whose last moment (end of session, cancellation, or the
 *   scheduled end when it never took place) is more than RETENTION_DAYS ago,
 *   with everything stored on them: the name the client typed, check-in,
 *   admission, the counsellor's message, the device check, the sealed code;
 * - expired counsellor sessions and rate-limit records;
 * - purge log entries older than the retention period.
 *
 * Deletes go in batches, yielding between them, so requests keep being answered.
 */
import { count, inArray, lt, sql } from "drizzle-orm";
import { appointments, purgeRuns, rateLimits, sessions } from "../../db/schema.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/types.ts";

export const DAY_MS = 86_400_000;

/** The tables the purge covers; the coverage test checks every schema table is here or exempt. */
export const PURGED_TABLES = ["appointments", "sessions", "rate_limits", "purge_runs"] as const;

export type PurgeCounts = {
  appointments: number;
  sessions: number;
  rate_limits: number;
  purge_runs: number;
};

export interface PurgeOptions {
  dryRun?: boolean;
  batchSize?: number;
  /** Called with each batch of deleted appointment ids (the Worker clears their rooms). */
  onAppointmentsPurged?: (ids: string[]) => Promise<void>;
}

/** When an appointment's data is deleted: its last moment plus the retention period. */
export function purgeDueAt(
  appointment: {
    startsAt: Date;
    durationMinutes: number;
    endedAt: Date | null;
    cancelledAt: Date | null;
  },
  retentionDays: number,
): Date {
  const last =
    appointment.endedAt ??
    appointment.cancelledAt ??
    new Date(appointment.startsAt.getTime() + appointment.durationMinutes * 60_000);
  return new Date(last.getTime() + retentionDays * DAY_MS);
}

function appointmentExpired(cutoff: number) {
  return sql`coalesce(${appointments.endedAt}, ${appointments.cancelledAt}, ${appointments.startsAt} + ${appointments.durationMinutes} * 60000) < ${cutoff}`;
}

const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function purgeExpired(
  db: Database,
  now: Date,
  config: Pick<Config, "RETENTION_DAYS">,
  options: PurgeOptions = {},
): Promise<PurgeCounts> {
  const cutoff = now.getTime() - config.RETENTION_DAYS * DAY_MS;
  const expired = appointmentExpired(cutoff);
  const batchSize = options.batchSize ?? 500;

  if (options.dryRun) {
    const countWhere = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
    return {
      appointments: await countWhere(db.select({ n: count() }).from(appointments).where(expired)),
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
    };
  }

  let appointmentCount = 0;
  for (;;) {
    const batch = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(expired)
      .limit(batchSize);
    if (batch.length === 0) break;
    const ids = batch.map((row) => row.id);
    await db.delete(appointments).where(inArray(appointments.id, ids));
    appointmentCount += ids.length;
    await options.onAppointmentsPurged?.(ids);
    await pause();
  }
  const deletedSessions = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  const deletedLimits = await db
    .delete(rateLimits)
    .where(lt(rateLimits.resetAt, now))
    .returning({ key: rateLimits.key });
  const deletedRuns = await db
    .delete(purgeRuns)
    .where(lt(purgeRuns.ranAt, new Date(cutoff)))
    .returning({ id: purgeRuns.id });
  const counts: PurgeCounts = {
    appointments: appointmentCount,
    sessions: deletedSessions.length,
    rate_limits: deletedLimits.length,
    purge_runs: deletedRuns.length,
  };
  await db.insert(purgeRuns).values({ ranAt: now, counts: JSON.stringify(counts) });
  return counts;
}
