/**
 * @module
 * Finding an appointment by its dial-in code (whether its waiting room is open
 * is `accessAt` in `appointments/state.ts`).
 */
import { eq } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import { hashCode } from "../appointments/codes.ts";
import type { Appointment } from "../appointments/state.ts";
import type { Database } from "../db/types.ts";

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
