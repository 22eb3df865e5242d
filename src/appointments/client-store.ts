/**
 * @module
 * The client's side of the appointment store: every read and write a visitor
 * without an account causes (finding by code or cookie, checking in, the device
 * check, the answer to the counsellor, signing off, the waiting room's poll).
 * A second device's request (`knock.ts` has its rules) is a visitor's write too.
 * The counsellor's side is `store.ts`; together they are the only code that
 * touches the `appointments` table, apart from the purge's batch deletes.
 */
import { and, eq, isNotNull, isNull, sql } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import { hashCode } from "./codes.ts";
import type { Appointment } from "./state.ts";

/** The appointment with this normalised code, if any. */
export async function findByCode(
  db: Database,
  serverSecret: string,
  code: string,
): Promise<Appointment | undefined> {
  const codeHash = await hashCode(serverSecret, code);
  const [row] = await db.select().from(appointments).where(eq(appointments.codeHash, codeHash));
  return row;
}

const TOKEN_COLUMNS = {
  client: appointments.clientTokenHash,
  knock: appointments.knockTokenHash,
  turnedAway: appointments.turnedAwayTokenHash,
};

/**
 * The appointment whose client cookie has this hash (with `"knock"`, a second
 * device's; with `"turnedAway"`, a device the counsellor turned away).
 */
export async function findByToken(
  db: Database,
  hash: string,
  kind: keyof typeof TOKEN_COLUMNS = "client",
): Promise<Appointment | undefined> {
  const column = TOKEN_COLUMNS[kind];
  const [row] = await db.select().from(appointments).where(eq(column, hash)).limit(1);
  return row;
}

/** Whether the appointment's session is over (ended or cancelled); unknown ids are not. */
export async function isOver(db: Database, id: string): Promise<boolean> {
  const [row] = await db
    .select({ endedAt: appointments.endedAt, cancelledAt: appointments.cancelledAt })
    .from(appointments)
    .where(eq(appointments.id, id));
  return Boolean(row?.endedAt || row?.cancelledAt);
}

/** The client arrives: the name they typed, their cookie's hash, and (the first time) the check-in. */
export async function checkIn(
  db: Database,
  appointment: Appointment,
  arrival: { name: string; clientTokenHash: string },
  at: Date,
): Promise<void> {
  await db
    .update(appointments)
    .set({
      checkedInAt: appointment.checkedInAt ?? at,
      givenName: arrival.name,
      lastSeenAt: at,
      clientTokenHash: arrival.clientTokenHash,
      updatedAt: at,
    })
    .where(eq(appointments.id, appointment.id));
}

/**
 * The device check's result, for the counsellor's list, with the network paths it
 * found working; a check that did not probe them clears the last check's paths.
 */
export async function recordDeviceCheck(
  db: Database,
  id: string,
  check: { result: NonNullable<Appointment["deviceCheckResult"]>; paths?: string | undefined },
  at: Date,
): Promise<void> {
  await db
    .update(appointments)
    .set({
      deviceCheckAt: at,
      deviceCheckResult: check.result,
      deviceCheckPaths: check.paths ?? null,
      updatedAt: at,
    })
    .where(eq(appointments.id, id));
}

/** The waiting client's answer to the counsellor; a new one replaces the last. */
export async function saveClientReply(
  db: Database,
  id: string,
  message: string,
  at: Date,
): Promise<void> {
  await db
    .update(appointments)
    .set({ clientMessage: message, clientMessageAt: at, updatedAt: at })
    .where(eq(appointments.id, id));
}

/**
 * The client signs off: the cookie's hash is forgotten, and before admission
 * their arrival too (check-in, typed name, last seen, their answer from the
 * waiting room), so nobody is shown waiting and nothing they typed stays.
 */
export async function signOff(db: Database, appointment: Appointment, at: Date): Promise<void> {
  const arrival = appointment.admittedAt
    ? {}
    : {
        checkedInAt: null,
        givenName: null,
        lastSeenAt: null,
        clientMessage: null,
        clientMessageAt: null,
      };
  await db
    .update(appointments)
    .set({ clientTokenHash: null, ...arrival, updatedAt: at })
    .where(eq(appointments.id, appointment.id));
}

/**
 * The counsellor turns the waiting person away without cancelling: their
 * device's cookie now only opens a neutral note, and their arrival, typed name
 * and answer are forgotten. False when that person is no longer the one waiting.
 */
export async function turnAway(db: Database, appointment: Appointment, at: Date) {
  if (!appointment.clientTokenHash) return false;
  const changed = await db
    .update(appointments)
    .set({
      turnedAwayTokenHash: appointment.clientTokenHash,
      turnedAwayAt: at,
      clientTokenHash: null,
      checkedInAt: null,
      givenName: null,
      lastSeenAt: null,
      clientMessage: null,
      clientMessageAt: null,
      updatedAt: at,
    })
    .where(
      and(
        eq(appointments.id, appointment.id),
        eq(appointments.clientTokenHash, appointment.clientTokenHash),
        isNull(appointments.admittedAt),
      ),
    )
    .returning({ id: appointments.id });
  return changed.length > 0;
}

/** The second device's columns, cleared. */
export const noKnock = {
  knockTokenHash: null,
  knockName: null,
  knockAt: null,
  knockRefusedAt: null,
} as const;

/** Records a device's request; a newer request replaces an older one. */
export async function recordKnock(
  db: Database,
  appointmentId: string,
  tokenHash: string,
  name: string,
  now: Date,
): Promise<void> {
  await db
    .update(appointments)
    .set({ ...noKnock, knockTokenHash: tokenHash, knockName: name, knockAt: now, updatedAt: now })
    .where(eq(appointments.id, appointmentId));
}

/**
 * The counsellor's decision on the request they read: applied only while that
 * request (the same device) is still undecided. False when it no longer is.
 */
export async function decideKnock(
  db: Database,
  appointment: Appointment,
  changes: Partial<typeof appointments.$inferInsert>,
): Promise<boolean> {
  const changed = await db
    .update(appointments)
    .set(changes)
    .where(
      and(
        eq(appointments.id, appointment.id),
        eq(appointments.knockTokenHash, appointment.knockTokenHash ?? ""),
        isNull(appointments.knockRefusedAt),
      ),
    )
    .returning({ id: appointments.id });
  return changed.length > 0;
}

/** The knocking device signs off (or leaves quickly): its request is withdrawn. */
export async function withdrawKnock(db: Database, appointmentId: string, now: Date) {
  await db
    .update(appointments)
    .set({ ...noKnock, updatedAt: now })
    .where(eq(appointments.id, appointmentId));
}

/** What the waiting room's poll reads of an appointment. */
const pollColumns = {
  id: appointments.id,
  startsAt: appointments.startsAt,
  cancelledAt: appointments.cancelledAt,
  endedAt: appointments.endedAt,
  admittedAt: appointments.admittedAt,
  counsellorMessage: appointments.counsellorMessage,
  clientMessage: appointments.clientMessage,
  lastSeenAt: appointments.lastSeenAt,
};

/** The poll's columns with the token's hash they are kept under. */
const pollRow = { ...pollColumns, hash: appointments.clientTokenHash };

/**
 * The columns a poll reads, as the database names them: a change to any of them
 * but the poll's own "last seen" must reach the change log (`db/migrations/0013_poll_changes.sql`).
 */
export const POLL_COLUMN_NAMES = Object.values(pollColumns).map((column) => column.name);

/** A field of one entry of the JSON list `touchAll` is given. */
const seenField = (name: "id" | "hash" | "at") => sql.raw(`json_extract(seen.value, '$.${name}')`);

/** The poll's reads and writes, prepared once (building a query each time cost more than running it). */
export function preparePollQueries(db: Database) {
  return {
    read: db
      .select(pollColumns)
      .from(appointments)
      .where(eq(appointments.clientTokenHash, sql.placeholder("hash")))
      .limit(1)
      .prepare(),
    /** The appointments named in `ids` (a JSON list) that still exist, after a change to them. */
    byIds: db
      .select(pollRow)
      .from(appointments)
      .where(sql`${appointments.id} in (select value from json_each(${sql.placeholder("ids")}))`)
      .prepare(),
    /** Every client who may still be polling: joined, and neither ended nor cancelled. */
    polling: db
      .select(pollRow)
      .from(appointments)
      .where(
        and(
          isNotNull(appointments.clientTokenHash),
          isNull(appointments.endedAt),
          isNull(appointments.cancelledAt),
        ),
      )
      .prepare(),
    // Only while the token still opens the appointment: a poll that raced a sign-off
    // never brings the arrival back.
    touch: db
      .update(appointments)
      .set({ lastSeenAt: sql`${sql.placeholder("now")}` })
      .where(
        and(
          eq(appointments.id, sql.placeholder("id")),
          eq(appointments.clientTokenHash, sql.placeholder("hash")),
        ),
      )
      .prepare(),
    /** `touch` for many clients in one statement: `seen` is a JSON list of `{ id, hash, at }`. */
    touchAll: db
      .update(appointments)
      .set({ lastSeenAt: seenField("at") })
      .from(sql`json_each(${sql.placeholder("seen")}) as seen`)
      .where(
        and(
          eq(appointments.id, seenField("id")),
          eq(appointments.clientTokenHash, seenField("hash")),
        ),
      )
      .prepare(),
  };
}
