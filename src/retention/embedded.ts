/**
 * @module
 * The purge on a libSQL database (Node, Deno, the CLI). On a file it then
 * checkpoints and truncates the write-ahead log, so deleted rows (already
 * overwritten by `secure_delete`) leave no copy behind in the WAL either.
 */
import type { Config } from "../config.ts";
import type { LibsqlHandle } from "../db/libsql.ts";
import { type PurgeCounts, type PurgeOptions, purgeExpired } from "./purge.ts";

export async function purgeLibsql(
  handle: LibsqlHandle,
  isFile: boolean,
  now: Date,
  config: Pick<Config, "RETENTION_DAYS">,
  options: PurgeOptions = {},
): Promise<PurgeCounts> {
  const counts = await purgeExpired(handle.db, now, config, options);
  if (isFile && !options.dryRun) await handle.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  return counts;
}
