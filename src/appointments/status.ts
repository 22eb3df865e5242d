/**
 * @module
 * An appointment's status, derived from its timestamps (never stored, so it
 * cannot disagree with them).
 */
import type { appointments } from "../../db/schema.ts";

export type Appointment = typeof appointments.$inferSelect;

export type Status = "cancelled" | "ended" | "inSession" | "waiting" | "noShow" | "scheduled";

export function endsAt(appointment: Pick<Appointment, "startsAt" | "durationMinutes">): Date {
  return new Date(appointment.startsAt.getTime() + appointment.durationMinutes * 60_000);
}

export function statusOf(appointment: Appointment, now: Date): Status {
  if (appointment.cancelledAt) return "cancelled";
  if (appointment.endedAt) return "ended";
  if (appointment.admittedAt) return "inSession";
  if (appointment.checkedInAt) return "waiting";
  if (endsAt(appointment).getTime() < now.getTime()) return "noShow";
  return "scheduled";
}

/** Whether the appointment can still be changed (edited, given a new code, started). */
export function isOpen(appointment: Appointment): boolean {
  return !appointment.cancelledAt && !appointment.endedAt;
}
