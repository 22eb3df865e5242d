/**
 * @module
 * An appointment's state, derived from its timestamps and the clock (never
 * stored, so it cannot disagree with them). The one place that says where an
 * appointment stands: the counsellor's status, whether the waiting room is open,
 * what the waiting room shows, and when its data is deleted. Every route, view
 * and the purge derive from here; `test/unit/appointment-state.test.ts` holds
 * the rules.
 */
import type {
  Appointment,
  AppointmentFacts,
  AppointmentStatus,
  ConnectionSummary,
  LobbyStatus,
} from "../../views/model.ts";
import { connectionSummary, parsePaths } from "../client-journey/check-paths.ts";
import type { Config } from "../config.ts";

export type { Appointment, AppointmentStatus as Status, LobbyStatus };

const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/**
 * A checked-in client whose waiting room has not asked for news for this long
 * has gone (tab closed, phone locked). The page polls every 3 s and `lastSeenAt`
 * is written at most every 15 s; a hidden tab's timers may be slowed to one a
 * minute, so the margin covers that before anyone is called away.
 */
export const AWAY_AFTER_MS = 90_000;

type Timing = Pick<Appointment, "startsAt" | "durationMinutes">;
type Ending = Timing & Pick<Appointment, "endedAt" | "cancelledAt">;

/** The planned end. */
export function endsAt(appointment: Timing): Date {
  return new Date(appointment.startsAt.getTime() + appointment.durationMinutes * MINUTE_MS);
}

/**
 * The appointment's last moment: the end of the session, the cancellation, or
 * the planned end when it never took place. Retention counts from here (the
 * purge's SQL says the same in `retention/purge.ts`).
 */
export function lastMoment(appointment: Ending): Date {
  return appointment.endedAt ?? appointment.cancelledAt ?? endsAt(appointment);
}

/** When an appointment's data is deleted: its last moment plus the retention period. */
export function purgeDueAt(appointment: Ending, retentionDays: number): Date {
  return new Date(lastMoment(appointment).getTime() + retentionDays * DAY_MS);
}

/** When the checked-in client last asked the waiting room for news. */
export function lastSeen(appointment: Pick<Appointment, "lastSeenAt" | "checkedInAt">): Date {
  return appointment.lastSeenAt ?? appointment.checkedInAt ?? new Date(0);
}

export function statusOf(appointment: Appointment, now: Date): AppointmentStatus {
  if (appointment.cancelledAt) return "cancelled";
  if (appointment.endedAt) return "ended";
  if (isRunning(appointment)) return "inSession";
  if (appointment.checkedInAt) {
    return now.getTime() - lastSeen(appointment).getTime() > AWAY_AFTER_MS ? "away" : "waiting";
  }
  if (endsAt(appointment).getTime() < now.getTime()) return "noShow";
  return "scheduled";
}

/** Whether the appointment can still be changed (edited, given a new code, started). */
export function isOpen(appointment: Pick<Appointment, "cancelledAt" | "endedAt">): boolean {
  return !appointment.cancelledAt && !appointment.endedAt;
}

/** Whether the session runs: started and neither ended nor cancelled (`statusOf` says "inSession"). */
export function isRunning(
  appointment: Pick<Appointment, "admittedAt" | "cancelledAt" | "endedAt">,
) {
  return isOpen(appointment) && appointment.admittedAt !== null;
}

/**
 * Whether the appointment is still to come (or running): not ended, not
 * cancelled, and either started or not yet past its planned end.
 */
export function isUpcoming(appointment: Appointment, now: Date): boolean {
  if (!isOpen(appointment)) return false;
  return appointment.admittedAt !== null || endsAt(appointment).getTime() >= now.getTime();
}

/** Everything a view shows about an appointment beyond its stored fields. */
export function appointmentFacts(
  appointment: Appointment,
  now: Date,
  retentionDays: number,
): AppointmentFacts {
  return {
    status: statusOf(appointment, now),
    open: isOpen(appointment),
    lastSeenAt: lastSeen(appointment),
    deletionDate: purgeDueAt(appointment, retentionDays),
    connection: connectionOf(appointment),
  };
}

/** What the last device check's stored network paths say about the connection. */
export function connectionOf(
  appointment: Pick<Appointment, "deviceCheckPaths">,
): ConnectionSummary | null {
  const answers = parsePaths(appointment.deviceCheckPaths);
  return answers ? connectionSummary(answers) : null;
}

/** Whether a client may enter the waiting room now, and if not, why. */
export type Access =
  | { kind: "open" }
  | { kind: "tooEarly"; opensAt: Date }
  | { kind: "cancelled" }
  | { kind: "past" };

/**
 * Open from `WAITING_ROOM_OPENS_MINUTES` before the start until the planned end;
 * a session that was started and not ended stays open past its end, so a client
 * whose call runs over can come back in.
 */
export function accessAt(
  appointment: Appointment,
  config: Pick<Config, "WAITING_ROOM_OPENS_MINUTES">,
  now: Date,
): Access {
  if (appointment.cancelledAt) return { kind: "cancelled" };
  if (appointment.endedAt) return { kind: "past" };
  const running = appointment.admittedAt !== null;
  if (!running && now.getTime() > endsAt(appointment).getTime()) return { kind: "past" };
  const opensAt = new Date(
    appointment.startsAt.getTime() - config.WAITING_ROOM_OPENS_MINUTES * MINUTE_MS,
  );
  if (now.getTime() < opensAt.getTime()) return { kind: "tooEarly", opensAt };
  return { kind: "open" };
}

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

/** What the waiting room shows at `now`; cancellation and the end win over admission. */
export function lobbyStatus(appointment: PollFields, now: Date): LobbyStatus {
  const message = appointment.counsellorMessage?.trim() || null;
  const reply = appointment.clientMessage ?? null;
  const done = { message, reply, polling: false };
  if (appointment.cancelledAt) return { state: "cancelled", ...done };
  if (appointment.endedAt) return { state: "ended", ...done };
  if (appointment.admittedAt) return { state: "admitted", ...done };
  const late = now.getTime() >= appointment.startsAt.getTime();
  return { state: late ? "late" : "waiting", message, reply, polling: true };
}

/** What a turned-away device's waiting room shows: a neutral word, and nothing of the appointment. */
export const TURNED_AWAY: LobbyStatus = { state: "turnedAway", message: null, polling: false };

/** Whether someone waits who has not been let in: the one the counsellor can turn away. */
export function canTurnAway(
  appointment: Pick<Appointment, "checkedInAt" | "admittedAt" | "clientTokenHash">,
): boolean {
  return (
    appointment.checkedInAt !== null &&
    appointment.admittedAt === null &&
    appointment.clientTokenHash !== null
  );
}

/**
 * What a second device's waiting room shows (`appointments/knock.ts`): it is
 * not let in yet, so it gets none of the counsellor's messages to the client.
 */
export function knockStatus(
  appointment: Pick<Appointment, "cancelledAt" | "endedAt" | "knockRefusedAt">,
): LobbyStatus {
  const done = { message: null, polling: false };
  if (appointment.cancelledAt) return { state: "cancelled", ...done };
  if (appointment.endedAt) return { state: "ended", ...done };
  if (appointment.knockRefusedAt) return { state: "refused", ...done };
  return { state: "knocking", message: null, polling: true };
}

/** What the waiting room needs of a further participant: their own admission. */
export type ParticipantSeat = { admittedAt: Date | null; sentBackAt: Date | null };

/**
 * What a further participant's waiting room shows: the appointment's end or
 * cancellation first, then their own admission; sent back, a neutral word that
 * they will be let in again. The counsellor's messages to the waiting room are
 * the client's and not shown to them.
 */
export function participantLobbyStatus(
  appointment: Pick<Appointment, "startsAt" | "cancelledAt" | "endedAt">,
  seat: ParticipantSeat,
  now: Date,
): LobbyStatus {
  const done = { message: null, polling: false };
  if (appointment.cancelledAt) return { state: "cancelled", ...done };
  if (appointment.endedAt) return { state: "ended", ...done };
  if (seat.admittedAt) return { state: "admitted", ...done };
  if (seat.sentBackAt) return { state: "waiting", message: null, polling: true, sentBack: true };
  const late = now.getTime() >= appointment.startsAt.getTime();
  return { state: late ? "late" : "waiting", message: null, polling: true };
}
