/**
 * @module
 * What the waiting room shows, reduced to a small value with a tag, so a poll
 * that finds nothing changed costs one indexed read and no rendering.
 */
import type { Lang } from "../i18n/index.ts";
import { sha256Hex } from "../security/crypto.ts";
import type { Appointment } from "./appointment-access.ts";

/** Where the client stands: waiting (before or after the start), admitted, or done. */
export type LobbyState = "waiting" | "late" | "admitted" | "ended" | "cancelled";

/** Everything the status fragment shows. */
export interface LobbyStatus {
  state: LobbyState;
  /** The counsellor's message to the waiting room. */
  message: string | null;
  /** The client's own answer, shown back to them. */
  reply?: string | null;
}

/** `lastSeenAt` is written at most this often. */
export const LAST_SEEN_EVERY_MS = 15_000;

/** The columns the waiting room's poll reads: fewer columns, a cheaper read. */
export type PollFields = Pick<
  Appointment,
  | "id"
  | "startsAt"
  | "cancelledAt"
  | "endedAt"
  | "admittedAt"
  | "counsellorMessage"
  | "clientMessage"
  | "lastSeenAt"
>;

/** The status at `now`; cancellation and the end win over admission. */
export function lobbyStatus(appointment: PollFields, now: Date): LobbyStatus {
  const message = appointment.counsellorMessage?.trim() || null;
  const reply = appointment.clientMessage ?? null;
  if (appointment.cancelledAt) return { state: "cancelled", message, reply };
  if (appointment.endedAt) return { state: "ended", message, reply };
  if (appointment.admittedAt) return { state: "admitted", message, reply };
  const late = now.getTime() >= appointment.startsAt.getTime();
  return { state: late ? "late" : "waiting", message, reply };
}

/** Whether the page keeps asking for news (it stops once nothing more can happen). */
export function keepsPolling(status: LobbyStatus): boolean {
  return status.state === "waiting" || status.state === "late";
}

/** A short tag over everything the status fragment shows, in its language. */
export async function statusTag(status: LobbyStatus, lang: Lang): Promise<string> {
  return (
    await sha256Hex(JSON.stringify([lang, status.state, status.message, status.reply ?? null]))
  ).slice(0, 20);
}
