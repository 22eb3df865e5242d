/**
 * @module
 * A second device with the client's code. Once the client has been let in, a
 * new join with that code never reaches the call by itself: the device
 * "knocks", waits, and the counsellor sees the name it typed and either lets it
 * in instead of the first device (whose seat ends) or refuses it. So the
 * counsellor is never silently swapped to a different person. The rules live
 * here; the columns are written by the client's side of the store.
 */
import type { Database } from "../db/types.ts";
import type { Knock } from "../rooms/protocol.ts";
import { decideKnock, noKnock } from "./client-store.ts";
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
export function knockId(tokenHash: string): string {
  return tokenHash.slice(0, 16);
}

/** The request waiting for the counsellor's decision, if any. */
export function pendingKnock(appointment: Appointment): Knock | null {
  const { knockTokenHash, knockName, knockRefusedAt } = appointment;
  if (!knockTokenHash || !knockName || knockRefusedAt) return null;
  return { id: knockId(knockTokenHash), name: knockName };
}

/**
 * The counsellor's answer to the request named by `id`. Admitting lets the
 * knocking device in instead of the client's first device: its cookie now opens
 * the appointment, the first device's no longer does. Refusing tells its page so
 * and forgets the name it typed. False when that request is no longer the one
 * waiting.
 */
export async function answerKnock(
  db: Database,
  appointment: Appointment,
  id: string,
  answer: "admit" | "refuse",
  now: Date,
): Promise<boolean> {
  if (pendingKnock(appointment)?.id !== id) return false;
  if (answer === "refuse") {
    return decideKnock(db, appointment, { knockName: null, knockRefusedAt: now, updatedAt: now });
  }
  return decideKnock(db, appointment, {
    clientTokenHash: appointment.knockTokenHash,
    givenName: appointment.knockName,
    lastSeenAt: now,
    ...noKnock,
    updatedAt: now,
  });
}
