/**
 * @module
 * The purge: deletes what is past its time. Called by the Worker's cron trigger,
 * the Node/Deno hourly timer and (later) the CLI. So far it covers expired
 * counsellor sessions; appointment data joins it with the retention work.
 */
import { lt } from "drizzle-orm";
import { sessions } from "../../db/schema.ts";
import type { Config } from "../config.ts";
import type { Database } from "../db/types.ts";

export type PurgeCounts = {
  sessions: number;
};

export async function purgeExpired(
  db: Database,
  now: Date,
  _config: Pick<Config, "RETENTION_DAYS">,
): Promise<PurgeCounts> {
  const deleted = await db
    .delete(sessions)
    .where(lt(sessions.expiresAt, now))
    .returning({ id: sessions.id });
  return { sessions: deleted.length };
}
