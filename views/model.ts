/**
 * @module
 * What the views are given. The features derive these values (the appointment's
 * status, whether the waiting room keeps polling, the formatted code, the
 * deletion date) and pass them as props; the views only show them, so nothing
 * in `views/` imports a feature.
 */
import type { appointments, counsellors } from "../db/schema.ts";
import type { MessageKey } from "../src/i18n/index.ts";

/** An appointment's row as stored. */
export type Appointment = typeof appointments.$inferSelect;

/** A counsellor's row as stored. */
export type Counsellor = typeof counsellors.$inferSelect;

/** Where an appointment stands, as the counsellor sees it. */
export type AppointmentStatus =
  | "cancelled"
  | "ended"
  | "inSession"
  | "waiting"
  | "away"
  | "noShow"
  | "scheduled";

/** A network path the device check probes (`data-path` on the check page). */
export type CheckPath = "direct" | "udp-relay" | "tcp-relay";

/** Whether a path worked; "unknown" is not tested (`data-works` on the check page). */
export type PathWorks = "yes" | "no" | "unknown";

/**
 * The device check's connection as the counsellor reads it: direct, only through
 * a relay (over UDP, or only over TCP), none, or nothing could be tested.
 */
export type ConnectionSummary = "direct" | "relay" | "tcpRelay" | "none" | "untested";

/** The derived facts every view of an appointment shows. */
export interface AppointmentFacts {
  status: AppointmentStatus;
  /** Can still be changed (edited, given a new code, started). */
  open: boolean;
  /** When the checked-in client last asked the waiting room for news. */
  lastSeenAt: Date;
  /** When its data is deleted. */
  deletionDate: Date;
  /** The last device check's connection, when it stored its network paths. */
  connection: ConnectionSummary | null;
}

/**
 * Where the client stands in the waiting room: waiting (before or after the
 * start), admitted, or done; a second device with the client's code waits for
 * the counsellor's decision (`knocking`) or was refused.
 */
export type LobbyState =
  | "waiting"
  | "late"
  | "admitted"
  | "ended"
  | "cancelled"
  | "knocking"
  | "refused"
  | "turnedAway";

/** Everything the waiting room's status fragment shows. */
export interface LobbyStatus {
  state: LobbyState;
  /** The counsellor's message to the waiting room. */
  message: string | null;
  /** The client's own answer, shown back to them. */
  reply?: string | null;
  /** Whether the page keeps asking for news (it stops once nothing more can happen). */
  polling: boolean;
  /** A further participant the counsellor sent back during the session: told so, neutrally. */
  sentBack?: boolean;
}

/** What the visitor typed into the join form, echoed back after an error. */
export interface JoinValues {
  code: string;
  name: string;
  consent: boolean;
}

export type JoinErrors = Partial<Record<"code" | "name" | "consent" | "form", string>>;

/** What the counsellor typed into the appointment form, echoed back after an error. */
export interface AppointmentFormValues {
  clientName?: string;
  date?: string;
  time?: string;
  durationMinutes?: string;
  note?: string;
}

/** A STUN or TURN server as the browser's RTCPeerConnection takes it. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** The sides of a call: the counsellor, the client, or a further participant. */
export type CallRole = "counsellor" | "client" | "participant";

/** Where a further participant stands (`participantStatus` in `appointments/participants.ts`). */
export type ParticipantState = "scheduled" | "waiting" | "inSession" | "left";

/** A further participant as the counsellor's pages show them. */
export interface ParticipantView {
  id: string;
  /** The name as the counsellor knows the person. */
  name: string;
  /** The role in words. */
  role: string;
  state: ParticipantState;
  /** The state in words ("wartet seit 13:56 Uhr"). */
  stateText: string;
  /** The name the person typed when joining. */
  givenName: string | null;
}

/** A further participant on the appointment page: with their code and invitation. */
export interface ParticipantInvitationView extends ParticipantView {
  code: string;
  formattedCode: string;
  text: string;
  mailto: string;
}

/** The add form again, with what was typed and what went wrong. */
export interface ParticipantForm {
  errors: Partial<Record<"name" | "role" | "roleText" | "form", MessageKey>>;
  values: { name?: string; role?: string; roleText?: string };
}

/** Another device's request to join a running session: the name it typed. */
export interface KnockRequest {
  id: string;
  name: string;
}

/** The operator's details from the configuration, for the privacy notice and the imprint. */
export interface OperatorDetails {
  name?: string;
  address?: string;
  contact?: string;
  representative?: string;
  register?: string;
  dpo?: string;
  authority?: string;
  hosting?: string;
  /** The TURN relay's operator; undefined when no relay is configured. */
  turn?: string;
}
