/**
 * @module
 * The key check: an HMAC under the server secret of a fixed label, stored once in
 * the database. Every dial-in code, its sealed copy and every rate-limit key are
 * made with the secret, so a database opened with another secret would find no
 * code and show empty invitations. Comparing the check at start says so at once.
 */
import { eq } from "drizzle-orm";
import { settings } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import { equalConstantTime, hmacSha256Hex } from "./crypto.ts";

const NAME = "key_check";
const LABEL = "sprechzimmer key check v1";

/** The line an operator reads when the secret does not fit the database. */
export const KEY_MISMATCH_LINE =
  "Configuration error: SERVER_SECRET is not the secret this database was created with, so none of its dial-in codes could be checked; restore that secret (SERVER_SECRET, or the file DATA_DIR/server-secret).";

/**
 * Stores the check on first use (a database from before it existed gets the
 * current secret's) and compares it. Two processes starting at once agree:
 * the insert keeps whichever row came first, and both compare against that.
 */
export async function serverKeyFits(db: Database, serverSecret: string): Promise<boolean> {
  const check = hmacSha256Hex(serverSecret, LABEL);
  await db.insert(settings).values({ name: NAME, value: check }).onConflictDoNothing();
  const [row] = await db.select().from(settings).where(eq(settings.name, NAME));
  return row !== undefined && equalConstantTime(row.value, check);
}
