/**
 * @module
 * Further participants of an appointment (interpreter, companion, partner, …):
 * the `participants` table's one owner, apart from the purge's batch deletes.
 * Each has their own dial-in code (stored like the client's: an HMAC for
 * look-ups and a sealed copy for the invitation) and their own waiting-room
 * state. The counsellor's queries are scoped by the appointment, which the
 * route has already found among the counsellor's own.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { appointments, participants } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import type { MessageKey, Translate } from "../i18n/index.ts";
import { seal, unseal } from "../security/seal.ts";
import { generateCode, hashCode } from "./codes.ts";
import type { Appointment } from "./state.ts";

export type Participant = typeof participants.$inferSelect;

/** At most this many people besides the counsellor and the client: four in the call. */
export const MAX_PARTICIPANTS = 2;

/** The preset roles, in the order the form offers them; `other` takes a typed role. */
export const PARTICIPANT_ROLES = [
  "interpreter",
  "signInterpreter",
  "companion",
  "partner",
  "trainee",
] as const;
export type PresetRole = (typeof PARTICIPANT_ROLES)[number];
export type ParticipantRole = Participant["role"];

const CODE_PURPOSE = "participant-dial-in-code";

/** Where a further participant stands, from their own timestamps. */
export type ParticipantStatus = "scheduled" | "waiting" | "inSession" | "left";

export function participantStatus(
  p: Pick<Participant, "leftAt" | "admittedAt" | "checkedInAt">,
): ParticipantStatus {
  if (p.leftAt) return "left";
  if (p.admittedAt) return "inSession";
  if (p.checkedInAt) return "waiting";
  return "scheduled";
}

/** The role in words: a preset's text in the translator's language, or what the counsellor typed. */
export function roleLabel(t: Translate, p: Pick<Participant, "role" | "roleText">): string {
  if (p.role === "other") return p.roleText || t("participant.role.other");
  return t(`participant.role.${p.role}` satisfies MessageKey);
}

/** The member id a participant holds in the call's room. */
export function memberIdOf(p: Pick<Participant, "id">): `p-${string}` {
  return `p-${p.id}`;
}

/** The participant id inside a member id, or `undefined` for the counsellor and the client. */
export function participantIdOf(member: string): string | undefined {
  return member.startsWith("p-") ? member.slice(2) : undefined;
}

export interface ParticipantInput {
  name: string;
  role: ParticipantRole;
  roleText: string | null;
}

/** A fresh code no appointment and no participant holds. */
async function freshCode(db: Database, serverSecret: string) {
  for (;;) {
    const code = generateCode();
    const codeHash = await hashCode(serverSecret, code);
    const [taken] = await db
      .select({ id: appointments.id })
      .from(appointments)
      .where(eq(appointments.codeHash, codeHash))
      .limit(1);
    // A participant's code is unique by its column; the client's lives in the other table.
    if (!taken) return { code, codeHash, codeSealed: await seal(serverSecret, CODE_PURPOSE, code) };
  }
}

/**
 * Adds a participant unless the appointment already has MAX_PARTICIPANTS. One
 * statement checks and inserts, so two forms sent at once cannot both pass the
 * limit. Returns the new id, or `undefined` when the appointment is full.
 */
export async function addParticipant(
  db: Database,
  serverSecret: string,
  appointmentId: string,
  input: ParticipantInput,
  now: Date,
): Promise<string | undefined> {
  const id = crypto.randomUUID();
  const { codeHash, codeSealed } = await freshCode(db, serverSecret);
  const rows = await db.all<{ id: string }>(sql`
    insert into ${participants}
      (id, appointment_id, name, role, role_text, code_hash, code_sealed, updated_at)
    select ${id}, ${appointmentId}, ${input.name}, ${input.role}, ${input.roleText},
      ${codeHash}, ${codeSealed}, ${now.getTime()}
    where (select count(*) from ${participants} where appointment_id = ${appointmentId})
      < ${MAX_PARTICIPANTS}
    returning id`);
  return rows[0]?.id;
}

/** The appointment's participants, in the order they were added. */
export function listParticipants(db: Database, appointmentId: string): Promise<Participant[]> {
  return db
    .select()
    .from(participants)
    .where(eq(participants.appointmentId, appointmentId))
    .orderBy(asc(participants.createdAt), asc(participants.id));
}

/** Every participant of these appointments (the dashboard's list), by appointment id. */
export async function participantsOf(
  db: Database,
  appointmentIds: string[],
): Promise<Map<string, Participant[]>> {
  const byAppointment = new Map<string, Participant[]>();
  if (appointmentIds.length === 0) return byAppointment;
  const rows = await db
    .select()
    .from(participants)
    .where(inArray(participants.appointmentId, appointmentIds))
    .orderBy(asc(participants.createdAt), asc(participants.id));
  for (const row of rows) {
    const list = byAppointment.get(row.appointmentId) ?? [];
    list.push(row);
    byAppointment.set(row.appointmentId, list);
  }
  return byAppointment;
}

/** One participant of this appointment, or `undefined` (also for another appointment's). */
export async function findParticipant(
  db: Database,
  appointmentId: string,
  id: string,
): Promise<Participant | undefined> {
  const [row] = await db
    .select()
    .from(participants)
    .where(and(eq(participants.id, id), eq(participants.appointmentId, appointmentId)))
    .limit(1);
  return row;
}

/**
 * Whether the room of appointment `appointmentId` may take participant `id` now:
 * only while the counsellor has them let in. Sent back, signed off or removed,
 * their ticket (valid for two minutes) no longer opens it. A room with no
 * appointment behind it (none of this database's, or one purged meanwhile)
 * holds nobody to protect, and is left to the ticket alone, as for everyone.
 */
export async function mayEnterRoom(
  db: Database,
  appointmentId: string,
  id: string,
): Promise<boolean> {
  const [row] = await db
    .select({ admittedAt: participants.admittedAt })
    .from(appointments)
    .leftJoin(
      participants,
      and(eq(participants.appointmentId, appointments.id), eq(participants.id, id)),
    )
    .where(eq(appointments.id, appointmentId))
    .limit(1);
  return row === undefined || Boolean(row.admittedAt);
}

/** The participant with this normalised code and their appointment, if any. */
export async function findParticipantByCode(
  db: Database,
  serverSecret: string,
  code: string,
): Promise<{ participant: Participant; appointment: Appointment } | undefined> {
  const codeHash = await hashCode(serverSecret, code);
  const [row] = await db
    .select()
    .from(participants)
    .innerJoin(appointments, eq(participants.appointmentId, appointments.id))
    .where(eq(participants.codeHash, codeHash))
    .limit(1);
  return row && { participant: row.participants, appointment: row.appointments };
}

/** The participant whose cookie has this hash and their appointment, if any. */
export async function findParticipantByToken(
  db: Database,
  tokenHash: string,
): Promise<{ participant: Participant; appointment: Appointment } | undefined> {
  const [row] = await db
    .select()
    .from(participants)
    .innerJoin(appointments, eq(participants.appointmentId, appointments.id))
    .where(eq(participants.tokenHash, tokenHash))
    .limit(1);
  return row && { participant: row.participants, appointment: row.appointments };
}

/** The dial-in code in clear, for the invitation. */
export function revealParticipantCode(
  serverSecret: string,
  p: Pick<Participant, "codeSealed">,
): Promise<string | undefined> {
  return unseal(serverSecret, CODE_PURPOSE, p.codeSealed);
}

/** Changes a participant of this appointment; returns whether it existed. */
export async function updateParticipant(
  db: Database,
  appointmentId: string,
  id: string,
  changes: Partial<typeof participants.$inferInsert>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(participants)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(participants.id, id), eq(participants.appointmentId, appointmentId)))
    .returning({ id: participants.id });
  return updated.length > 0;
}

/** Removes a participant: their code and cookie open nothing from now on. */
export async function removeParticipant(
  db: Database,
  appointmentId: string,
  id: string,
): Promise<boolean> {
  const deleted = await db
    .delete(participants)
    .where(and(eq(participants.id, id), eq(participants.appointmentId, appointmentId)))
    .returning({ id: participants.id });
  return deleted.length > 0;
}

/**
 * A participant arrives with their code: the name they typed and their cookie's
 * hash. They wait from now on when they were not waiting already (first
 * arrival, after signing off, or another device while they were in the call:
 * that seat ends and the counsellor lets them in again).
 */
export async function checkInParticipant(
  db: Database,
  p: Participant,
  arrival: { name: string; tokenHash: string },
  at: Date,
): Promise<void> {
  const waiting = participantStatus(p) === "waiting";
  await db
    .update(participants)
    .set({
      checkedInAt: waiting ? p.checkedInAt : at,
      givenName: arrival.name,
      tokenHash: arrival.tokenHash,
      lastSeenAt: at,
      admittedAt: null,
      leftAt: null,
      // A sent-back person who comes again is told so again only while still sent back.
      sentBackAt: waiting ? p.sentBackAt : null,
      updatedAt: at,
    })
    .where(eq(participants.id, p.id));
}

/** The waiting room's poll: "still here", only while this cookie still opens the seat. */
export async function touchParticipant(
  db: Database,
  p: Pick<Participant, "id">,
  tokenHash: string,
  at: Date,
): Promise<void> {
  await db
    .update(participants)
    .set({ lastSeenAt: at })
    .where(and(eq(participants.id, p.id), eq(participants.tokenHash, tokenHash)));
}

/**
 * A participant signs off (or leaves quickly): the cookie's hash is forgotten.
 * Before they were ever let in their arrival goes too (back to "scheduled",
 * nothing they typed stays); once they were in the session, they have left.
 */
export async function signOffParticipant(db: Database, p: Participant, at: Date): Promise<void> {
  const wasIn = p.admittedAt !== null || p.sentBackAt !== null;
  const changes = wasIn
    ? { leftAt: at, admittedAt: null, sentBackAt: null }
    : { checkedInAt: null, givenName: null, lastSeenAt: null };
  await db
    .update(participants)
    .set({ tokenHash: null, ...changes, updatedAt: at })
    .where(eq(participants.id, p.id));
}
