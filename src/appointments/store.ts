/**
 * @module
 * Appointment queries. Every read and write for a counsellor is scoped by their
 * id, so another counsellor's appointment simply does not exist for them.
 */
import { and, asc, desc, eq, gte, lt } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import { seal, unseal } from "../security/seal.ts";
import { generateCode, hashCode } from "./codes.ts";
import type { Appointment } from "./state.ts";

const CODE_PURPOSE = "dial-in-code";

export interface AppointmentInput {
  clientName: string;
  startsAt: Date;
  durationMinutes: number;
  note: string | undefined;
}

async function freshCode(serverSecret: string) {
  const code = generateCode();
  return {
    code,
    codeHash: await hashCode(serverSecret, code),
    codeSealed: await seal(serverSecret, CODE_PURPOSE, code),
  };
}

export async function createAppointment(
  db: Database,
  serverSecret: string,
  counsellorId: string,
  input: AppointmentInput,
  now: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  const { codeHash, codeSealed } = await freshCode(serverSecret);
  await db.insert(appointments).values({
    id,
    counsellorId,
    clientName: input.clientName,
    startsAt: input.startsAt,
    durationMinutes: input.durationMinutes,
    note: input.note ?? null,
    codeHash,
    codeSealed,
    updatedAt: now,
  });
  return id;
}

/** The counsellor's own appointment, or `undefined` (also for anyone else's). */
export async function findOwnAppointment(
  db: Database,
  counsellorId: string,
  id: string,
): Promise<Appointment | undefined> {
  const [row] = await db
    .select()
    .from(appointments)
    .where(and(eq(appointments.id, id), eq(appointments.counsellorId, counsellorId)))
    .limit(1);
  return row;
}

/** The dial-in code in clear, for the invitation. */
export function revealCode(
  serverSecret: string,
  appointment: Appointment,
): Promise<string | undefined> {
  return unseal(serverSecret, CODE_PURPOSE, appointment.codeSealed);
}

export function listBetween(
  db: Database,
  counsellorId: string,
  from: Date,
  to: Date,
  order: "asc" | "desc",
) {
  return db
    .select()
    .from(appointments)
    .where(
      and(
        eq(appointments.counsellorId, counsellorId),
        gte(appointments.startsAt, from),
        lt(appointments.startsAt, to),
      ),
    )
    .orderBy(order === "asc" ? asc(appointments.startsAt) : desc(appointments.startsAt))
    .limit(500);
}

/** Changes fields of the counsellor's own appointment; returns whether it existed. */
export async function updateOwnAppointment(
  db: Database,
  counsellorId: string,
  id: string,
  changes: Partial<typeof appointments.$inferInsert>,
  now: Date,
): Promise<boolean> {
  const updated = await db
    .update(appointments)
    .set({ ...changes, updatedAt: now })
    .where(and(eq(appointments.id, id), eq(appointments.counsellorId, counsellorId)))
    .returning({ id: appointments.id });
  return updated.length > 0;
}

/** Replaces a lost code: the old one stops working at once, a waiting client keeps their place. */
export async function replaceCode(
  db: Database,
  serverSecret: string,
  counsellorId: string,
  id: string,
  now: Date,
): Promise<boolean> {
  const { codeHash, codeSealed } = await freshCode(serverSecret);
  return updateOwnAppointment(db, counsellorId, id, { codeHash, codeSealed }, now);
}
