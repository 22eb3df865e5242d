/**
 * `npm run purge -- [--dry-run] [--now ISO-DATE]`: deletes (or, with --dry-run,
 * counts) everything past the retention period as of now or of the given date,
 * and prints the counts per table.
 */
import { mkdirSync } from "node:fs";
import { parseArgs } from "node:util";
import { ConfigError, parseConfig } from "../src/config.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { purgeLibsql } from "../src/retention/embedded.ts";
import { defaultDatabaseUrl } from "../src/runtime/embedded.ts";

const USAGE = "Usage: npm run purge -- [--dry-run] [--now 2026-12-31]";

/** The database's own words (the first line), not the whole failed statement. */
function causeOf(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return (cause instanceof Error ? cause.message : String(cause)).split("\n")[0] ?? "";
}

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { "dry-run": { type: "boolean" }, now: { type: "string" } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();

const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime()))
  fail(`--now must be a date such as 2026-12-31 or 2026-12-31T12:00:00Z.\n${USAGE}`);

try {
  const config = parseConfig(process.env);
  const url = config.DATABASE_URL ?? defaultDatabaseUrl(config);
  if (url === defaultDatabaseUrl(config)) mkdirSync(config.DATA_DIR, { recursive: true });
  const handle = await openLibsql(url, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(handle.db);
  const dryRun = values["dry-run"] ?? false;
  const counts = await purgeLibsql(handle, url.startsWith("file:"), now, config, { dryRun });
  handle.client.close();
  console.log(
    `${dryRun ? "Would delete" : "Deleted"} as of ${now.toISOString()} (retention ${config.RETENTION_DAYS} days):`,
  );
  for (const [table, n] of Object.entries(counts)) console.log(`  ${table.padEnd(14)} ${n}`);
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  // One clear line and a failing exit code, so a cron job or systemd timer reports it.
  fail(`Purge failed (${causeOf(error)}); nothing was lost, run it again once the cause is fixed.`);
}
