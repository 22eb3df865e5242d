/**
 * `npm run db:migrate`: applies pending migrations to the database in
 * DATABASE_URL (a remote libSQL server for the edge, or a file). Node and Deno
 * do this at every start on their own.
 */
import { ConfigError, parseConfig } from "../src/config.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { defaultDatabaseUrl } from "../src/runtime/embedded.ts";

try {
  const config = parseConfig(process.env);
  const url = config.DATABASE_URL ?? defaultDatabaseUrl(config);
  const { client, db } = await openLibsql(url, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(db);
  client.close();
  console.log(
    `Migrations applied to ${url.startsWith("file:") ? url : "the remote libSQL database"}.`,
  );
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`,
  );
  process.exit(1);
}
