/**
 * Waiting clients for the benchmarks, written straight into the database the
 * way the join form leaves them: checked in, with a cookie token whose hash is
 * stored on the appointment.
 */
import { appointments } from "../db/schema.ts";
import { hashCode } from "../src/appointments/codes.ts";
import type { Database } from "../src/db/types.ts";
import { randomToken, sha256Hex } from "../src/security/crypto.ts";

/** Returns the client's cookie ("sz_client=…"). */
export async function addWaitingClient(
  db: Database,
  secret: string,
  counsellorId: string,
  n: number,
  admitted = false,
) {
  const token = randomToken();
  const now = new Date();
  await db.insert(appointments).values({
    id: `bench-${n}-${randomToken(6)}`,
    counsellorId,
    clientName: `Client ${n}`,
    startsAt: new Date(now.getTime() + 5 * 60_000),
    durationMinutes: 50,
    codeHash: await hashCode(secret, `${n}`.padStart(12, "0") + randomToken(4)),
    checkedInAt: now,
    givenName: `Client ${n}`,
    // Clients arrive over time, so their "last seen" writes (every 15 s) are spread out too.
    lastSeenAt: new Date(now.getTime() - ((n * 7919) % 15_000)),
    clientTokenHash: sha256Hex(token),
    admittedAt: admitted ? now : null,
  });
  return `sz_client=${token}`;
}
