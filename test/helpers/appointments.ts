/**
 * Test helper: a counsellor and an appointment inserted directly, as the
 * counsellor pages would create them, plus small request helpers for the client.
 */
import { eq } from "drizzle-orm";
import { appointments, counsellors } from "../../db/schema.ts";
import { hashCode } from "../../src/appointments/codes.ts";
import type { Database } from "../../src/db/types.ts";

export const CODE = "123456789012";

export interface AppointmentOptions {
  code?: string;
  startsAt: Date;
  durationMinutes?: number;
  counsellorName?: string;
  extra?: Partial<typeof appointments.$inferInsert>;
}

/** Inserts a counsellor and one appointment; returns the appointment id. */
export async function insertAppointment(
  db: Database,
  serverSecret: string,
  options: AppointmentOptions,
): Promise<string> {
  const counsellorId = crypto.randomUUID();
  await db.insert(counsellors).values({
    id: counsellorId,
    email: `${counsellorId}@example.org`,
    name: options.counsellorName ?? "Frau Berger",
    passwordHash: "not-a-real-hash",
  });
  const id = crypto.randomUUID();
  await db.insert(appointments).values({
    id,
    counsellorId,
    clientName: "Erwartete Person",
    startsAt: options.startsAt,
    durationMinutes: options.durationMinutes ?? 50,
    codeHash: await hashCode(serverSecret, options.code ?? CODE),
    ...options.extra,
  });
  return id;
}

/** The appointment row as stored now. */
export async function readAppointment(db: Database, id: string) {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  if (!row) throw new Error(`appointment ${id} is gone`);
  return row;
}

/** A same-origin form POST, as a browser sends it. */
export function formPost(fields: Record<string, string>, headers: Record<string, string> = {}) {
  return {
    method: "POST",
    body: new URLSearchParams(fields),
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: "http://localhost",
      ...headers,
    },
  };
}

/** `name=value` of a response's Set-Cookie, for sending it back. */
export function cookieFrom(response: Response): string {
  const header = response.headers.get("set-cookie") ?? "";
  return header.split(";")[0] ?? "";
}
