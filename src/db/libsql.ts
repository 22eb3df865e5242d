/**
 * @module
 * Opens the libSQL database for Node and Deno (a local file by default, or a
 * remote libSQL URL) and applies pending migrations.
 */
import { fileURLToPath } from "node:url";
import { type Client, createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "../../db/schema.ts";
import type { Database } from "./types.ts";

/** The drizzle-kit output folder, found relative to this file so any working directory works. */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../db/migrations", import.meta.url));

export interface LibsqlHandle {
  client: Client;
  db: Database;
}

/** Opens the database. File databases wait for locks instead of failing at once. */
export async function openLibsql(url: string, authToken?: string): Promise<LibsqlHandle> {
  const client = createClient(authToken ? { url, authToken } : { url });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA busy_timeout = 5000");
    await client.execute("PRAGMA journal_mode = WAL");
    // With WAL, NORMAL syncs at checkpoints instead of every commit: no corruption on a crash,
    // and the event loop is not held up by an fsync per waiting-room "last seen" write.
    await client.execute("PRAGMA synchronous = NORMAL");
    await client.execute("PRAGMA foreign_keys = ON");
    // Deleted rows are overwritten, not just unlinked: a purged name cannot be read from the file.
    await client.execute("PRAGMA secure_delete = ON");
  }
  return { client, db: drizzle(client, { schema }) };
}

/**
 * Applies pending migrations. Idempotent. When two processes start at once, both may
 * see the same migration as pending; the loser's batch is rolled back as a whole
 * (its CREATE fails on the winner's table), so it reads the journal again, now
 * finds nothing pending, and succeeds. A second failure is a real error.
 */
export async function migrateLibsql(db: Database): Promise<void> {
  // biome-ignore lint/suspicious/noExplicitAny: migrate() wants the libSQL-specific type; Database is its base.
  const run = () => migrate(db as any, { migrationsFolder: MIGRATIONS_FOLDER });
  try {
    await run();
  } catch {
    await run();
  }
}
