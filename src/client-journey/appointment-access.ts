/**
 * @module
 * Finding an appointment by its dial-in code, and whether its waiting room is
 * open. Times always come from the injected clock.
 */
import { eq } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import { hashCode } from "../appointments/codes.ts";
import { type Appointment, endsAt } from "../appointments/status.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/types.ts";

export type { Appointment };

/** Whether a client may enter the waiting room now, and if not, why. */
export type Access =
  | { kind: "open" }
  | { kind: "tooEarly"; opensAt: Date }
  | { kind: "cancelled" }
  | { kind: "past" };

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

/**
 * Open from `WAITING_ROOM_OPENS_MINUTES` before the start until the planned end;
 * a session that was started and not ended stays open past its end, so a client
 * whose call runs over can come back in.
 */
export function accessAt(appointment: Appointment, config: Config, now: Date): Access {
  if (appointment.cancelledAt) return { kind: "cancelled" };
  if (appointment.endedAt) return { kind: "past" };
  const running = appointment.admittedAt !== null;
  if (!running && now.getTime() > endsAt(appointment).getTime()) return { kind: "past" };
  const opensAt = new Date(
    appointment.startsAt.getTime() - config.WAITING_ROOM_OPENS_MINUTES * 60_000,
  );
  if (now.getTime() < opensAt.getTime()) return { kind: "tooEarly", opensAt };
  return { kind: "open" };
}
