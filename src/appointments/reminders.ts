/**
 * @module
 * Reminders by e-mail, kept on the appointment's row: the client's address, the
 * mail's language and which reminders are still to go out (24 h and 1 h before
 * the start). The address stays only while a reminder is pending.
 *
 * The tick (`sendDueReminders`, every minute on Node and Deno) claims a due
 * reminder with a guarded UPDATE before it sends, so two processes or two
 * overlapping ticks never send the same reminder twice; a failed sending puts
 * the claim back for the next tick, and nothing is sent once the appointment
 * has started.
 */
import { and, eq, gt, inArray, isNotNull, isNull, lte, or } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/types.ts";
import type { Lang } from "../i18n/index.ts";
import type { Logger } from "../log.ts";
import type { Mailer } from "../mail/mailer.ts";
import { appointmentMail } from "../mail/messages.ts";
import { configuredOrigin } from "../security/request.ts";
import type { Appointment } from "./state.ts";
import { revealCode } from "./store.ts";

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the counsellor chose on the form. */
export type ReminderChoice = "both" | "hour" | "none";
export const REMINDER_CHOICES = ["both", "hour", "none"] as const;

/** The columns that say "no reminder, no address": set on cancelling, after the last one. */
export const NO_REMINDERS = {
  mailTo: null,
  mailLang: null,
  remindDayBefore: false,
  remindHourBefore: false,
} as const;

/**
 * The reminder columns for a choice made at `now`: a reminder whose time has
 * already come is not kept (the invitation just went out), and without any
 * reminder the address is not stored at all.
 */
export function reminderColumns(
  choice: ReminderChoice,
  to: string,
  lang: Lang,
  startsAt: Date,
  now: Date,
) {
  const day = choice === "both" && startsAt.getTime() - DAY_MS > now.getTime();
  const hour = choice !== "none" && startsAt.getTime() - HOUR_MS > now.getTime();
  if (!day && !hour) return NO_REMINDERS;
  return { mailTo: to, mailLang: lang, remindDayBefore: day, remindHourBefore: hour };
}

/** Which reminders are still to go out, for the appointment page. */
export function pendingReminders(
  appointment: Pick<Appointment, "mailTo" | "remindDayBefore" | "remindHourBefore">,
): { address: string; when: "both" | "day" | "hour" } | undefined {
  const { mailTo, remindDayBefore: day, remindHourBefore: hour } = appointment;
  if (!mailTo || (!day && !hour)) return undefined;
  return { address: mailTo, when: day && hour ? "both" : day ? "day" : "hour" };
}

export interface ReminderDeps {
  db: Database;
  mailer: Mailer;
  serverSecret: string;
  config: Pick<Config, "PUBLIC_URL" | "TIME_ZONE">;
  log: Logger;
}

export interface TickCounts {
  sent: number;
  failed: number;
  /** Addresses forgotten because the appointment started, ended or was cancelled. */
  forgotten: number;
}

/** Rows that still hold an address but can have no reminder any more. */
function overAt(now: Date) {
  return and(
    isNotNull(appointments.mailTo),
    or(
      lte(appointments.startsAt, now),
      isNotNull(appointments.cancelledAt),
      isNotNull(appointments.endedAt),
    ),
  );
}

async function forgetOver(db: Database, now: Date): Promise<number> {
  // Read first: an UPDATE that changes nothing still takes the write lock every minute.
  const over = await db.select({ id: appointments.id }).from(appointments).where(overAt(now));
  if (over.length === 0) return 0;
  const ids = over.map((row) => row.id);
  await db
    .update(appointments)
    .set(NO_REMINDERS)
    .where(and(inArray(appointments.id, ids), overAt(now)));
  return ids.length;
}

/** Still open and not started: nothing is sent for anything else. */
function stillAhead(now: Date) {
  return and(
    isNull(appointments.cancelledAt),
    isNull(appointments.endedAt),
    gt(appointments.startsAt, now),
  );
}

/**
 * Sends the reminders due at `now`, each at most once. The hour's reminder
 * wins when both are due (an appointment moved closer): one mail is enough.
 */
export async function sendDueReminders(deps: ReminderDeps, now: Date): Promise<TickCounts> {
  const { db } = deps;
  const counts: TickCounts = { sent: 0, failed: 0, forgotten: await forgetOver(db, now) };
  const origin = configuredOrigin(deps.config);
  if (!origin) throw new Error("reminders need PUBLIC_URL");
  const inHour = new Date(now.getTime() + HOUR_MS);
  const inDay = new Date(now.getTime() + DAY_MS);
  const due = await db
    .select()
    .from(appointments)
    .where(
      and(
        isNotNull(appointments.mailTo),
        stillAhead(now),
        or(
          and(eq(appointments.remindHourBefore, true), lte(appointments.startsAt, inHour)),
          and(eq(appointments.remindDayBefore, true), lte(appointments.startsAt, inDay)),
        ),
      ),
    )
    .limit(100);

  for (const row of due) {
    const hour = row.remindHourBefore && row.startsAt <= inHour;
    const seen = and(
      eq(appointments.id, row.id),
      eq(appointments.mailTo, row.mailTo ?? ""),
      eq(appointments.startsAt, row.startsAt),
      stillAhead(now),
    );
    // The claim: only the one UPDATE that still finds the reminder pending sends it.
    const [claimed] = await db
      .update(appointments)
      .set(hour ? { remindHourBefore: false, remindDayBefore: false } : { remindDayBefore: false })
      .where(
        and(
          seen,
          hour ? eq(appointments.remindHourBefore, true) : eq(appointments.remindDayBefore, true),
        ),
      )
      .returning();
    if (!claimed?.mailTo) continue;
    const code = await revealCode(deps.serverSecret, claimed);
    const result = code
      ? await deps.mailer.send(
          appointmentMail("reminder", {
            lang: claimed.mailLang ?? "de",
            to: claimed.mailTo,
            origin,
            code,
            startsAt: claimed.startsAt,
            durationMinutes: claimed.durationMinutes,
            timeZone: deps.config.TIME_ZONE,
          }),
        )
      : ({ sent: false, reason: "refused", code: "no-code" } as const);
    const untouched = and(
      seen,
      eq(appointments.remindDayBefore, claimed.remindDayBefore),
      eq(appointments.remindHourBefore, claimed.remindHourBefore),
    );
    if (result.sent) {
      counts.sent++;
      // The last one went out: the address goes.
      if (!claimed.remindDayBefore && !claimed.remindHourBefore) {
        await db.update(appointments).set(NO_REMINDERS).where(untouched);
      }
    } else {
      counts.failed++;
      deps.log.error("reminder not sent", { reason: result.reason, code: result.code });
      // Back for the next tick, unless the counsellor changed something meanwhile.
      const back = { remindDayBefore: row.remindDayBefore, remindHourBefore: row.remindHourBefore };
      await db.update(appointments).set(back).where(untouched);
    }
  }
  return counts;
}
