/**
 * @module
 * An appointment's status, derived from its timestamps (never stored, so it
 * cannot disagree with them).
 */
import type { appointments } from "../../db/schema.ts";

export type Appointment = typeof appointments.$inferSelect;

export type Status =
  | "cancelled"
  | "ended"
  | "inSession"
  | "waiting"
  | "away"
  | "noShow"
  | "scheduled";

/**
 * A checked-in client whose waiting room has not asked for news for this long
 * has gone (tab closed, phone locked). The page polls every 3 s and `lastSeenAt`
 * is written at most every 15 s; a hidden tab's timers may be slowed to one a
 * minute, so the margin covers that before anyone is called away.
 */
export const AWAY_AFTER_MS = 90_000;

export function endsAt(appointment: Pick<Appointment, "startsAt" | "durationMinutes">): Date {
  return new Date(appointment.startsAt.getTime() + appointment.durationMinutes * 60_000);
}

export function statusOf(appointment: Appointment, now: Date): Status {
  if (appointment.cancelledAt) return "cancelled";
  if (appointment.endedAt) return "ended";
  if (appointment.admittedAt) return "inSession";
  if (appointment.checkedInAt) {
    const seen = lastSeen(appointment);
    return now.getTime() - seen.getTime() > AWAY_AFTER_MS ? "away" : "waiting";
  }
  if (endsAt(appointment).getTime() < now.getTime()) return "noShow";
  return "scheduled";
}

/** When the checked-in client last asked the waiting room for news. */
export function lastSeen(appointment: Pick<Appointment, "lastSeenAt" | "checkedInAt">): Date {
  return appointment.lastSeenAt ?? appointment.checkedInAt ?? new Date(0);
}

/** Whether the appointment can still be changed (edited, given a new code, started). */
export function isOpen(appointment: Appointment): boolean {
  return !appointment.cancelledAt && !appointment.endedAt;
}

/**
 * Whether the appointment is still to come (or running): not ended, not
 * cancelled, and either started or not yet past its planned end.
 */
export function isUpcoming(appointment: Appointment, now: Date): boolean {
  if (!isOpen(appointment)) return false;
  return appointment.admittedAt !== null || endsAt(appointment).getTime() >= now.getTime();
}
