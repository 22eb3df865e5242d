/**
 * @module
 * A second device with the client's code. Once the client has been let in, a
 * new join with that code never reaches the call by itself: the device
 * "knocks", waits, and the counsellor sees the name it typed and either lets it
 * in instead of the first device (whose seat ends) or refuses it. So the
 * counsellor is never silently swapped to a different person.
 */
import { and, eq, isNull } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import type { Knock } from "../rooms/protocol.ts";
import type { Appointment } from "./state.ts";

/**
 * Whether a new join must knock: the session was started and someone was let
 * in. (Started before anybody arrived, the first arrival is let in directly.)
 */
export function joinMustKnock(appointment: Appointment): boolean {
  return appointment.admittedAt !== null && appointment.checkedInAt !== null;
}

/**
 * Names one request in the counsellor's forms, so a decision applies only to
 * the request whose name they read. A prefix of a hash of a random token: it
 * tells nothing about the token.
 */
function knockId(tokenHash: string): string {
  return tokenHash.slice(0, 16);
}

/** The request waiting for the counsellor's decision, if any. */
export function pendingKnock(appointment: Appointment): Knock | null {
  const { knockTokenHash, knockName, knockRefusedAt } = appointment;
  if (!knockTokenHash || !knockName || knockRefusedAt) return null;
  return { id: knockId(knockTokenHash), name: knockName };
}

/** Records a device's request; a newer request replaces an older one. */
export async function recordKnock(
  db: Database,
  appointmentId: string,
  tokenHash: string,
  name: string,
  now: Date,
): Promise<Knock> {
  await db
    .update(appointments)
    .set({
      knockTokenHash: tokenHash,
      knockName: name,
      knockAt: now,
      knockRefusedAt: null,
      updatedAt: now,
    })
    .where(eq(appointments.id, appointmentId));
  return { id: knockId(tokenHash), name };
}

/** Only the request the counsellor decided on, still undecided, is changed. */
function stillPending(appointment: Appointment) {
  return and(
    eq(appointments.id, appointment.id),
    eq(appointments.knockTokenHash, appointment.knockTokenHash ?? ""),
    isNull(appointments.knockRefusedAt),
  );
}

/**
 * Lets the knocking device in instead of the client's first device: its cookie
 * now opens the appointment, the first device's no longer does. False when the
 * request named by `id` is no longer the one waiting.
 */
export async function admitKnock(
  db: Database,
  appointment: Appointment,
  id: string,
  now: Date,
): Promise<boolean> {
  if (pendingKnock(appointment)?.id !== id) return false;
  const changed = await db
    .update(appointments)
    .set({
      clientTokenHash: appointment.knockTokenHash,
      givenName: appointment.knockName,
      lastSeenAt: now,
      knockTokenHash: null,
      knockName: null,
      knockAt: null,
      knockRefusedAt: null,
      updatedAt: now,
    })
    .where(stillPending(appointment))
    .returning({ id: appointments.id });
  return changed.length > 0;
}

/**
 * Refuses the knocking device: its page says so, and the name it typed is
 * forgotten. False when the request named by `id` is no longer the one waiting.
 */
export async function refuseKnock(
  db: Database,
  appointment: Appointment,
  id: string,
  now: Date,
): Promise<boolean> {
  if (pendingKnock(appointment)?.id !== id) return false;
  const changed = await db
    .update(appointments)
    .set({ knockName: null, knockRefusedAt: now, updatedAt: now })
    .where(stillPending(appointment))
    .returning({ id: appointments.id });
  return changed.length > 0;
}

/** The knocking device signs off (or leaves quickly): its request is withdrawn. */
export async function withdrawKnock(db: Database, appointmentId: string, now: Date) {
  await db
    .update(appointments)
    .set({
      knockTokenHash: null,
      knockName: null,
      knockAt: null,
      knockRefusedAt: null,
      updatedAt: now,
    })
    .where(eq(appointments.id, appointmentId));
}
