/**
 * @module
 * Opens the libSQL database for Node and Deno (a local file by default, or a
 * remote libSQL URL) and applies pending migrations.
 */
import { chmodSync, closeSync, existsSync, openSync } from "node:fs";
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

/** How long a statement on a database file waits for another process's write lock. */
export const BUSY_TIMEOUT_MS = 5000;

/**
 * The settings every connection to a database file carries. They are per
 * connection in SQLite, so they only hold because there is exactly one (below).
 */
export const FILE_PRAGMAS = [
  `PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`,
  "PRAGMA journal_mode = WAL",
  // With WAL, NORMAL syncs at checkpoints instead of every commit: no corruption on a crash,
  // and the event loop is not held up by an fsync per waiting-room "last seen" write.
  "PRAGMA synchronous = NORMAL",
  "PRAGMA foreign_keys = ON",
  // Deleted rows are overwritten, not just unlinked: a purged name cannot be read from the file.
  "PRAGMA secure_delete = ON",
] as const;

/** The file a `file:` URL names (without its `?` options), or undefined for a remote URL. */
export function databaseFilePath(url: string): string | undefined {
  if (!url.startsWith("file:")) return undefined;
  const bare = url.split("?")[0] as string;
  return bare.startsWith("file://") ? fileURLToPath(bare) : bare.slice("file:".length);
}

/**
 * Makes the database file readable by this user only (0600) before SQLite opens
 * it: SQLite creates files 0644, and gives the `-wal` and `-shm` it creates the
 * main file's mode, so a file made here first keeps all three private. Existing
 * files are narrowed too.
 */
export function privateDatabaseFile(path: string): void {
  if (!existsSync(path)) closeSync(openSync(path, "a", 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    try {
      if (existsSync(file)) chmodSync(file, 0o600);
    } catch (error) {
      // Another user's file (a command line run by someone else) keeps the rights its owner gave it.
      if ((error as { code?: string }).code !== "EPERM") throw error;
    }
  }
}

/**
 * Opens the database. A file gets exactly one connection: `@libsql/client` would
 * otherwise open up to 20 as requests overlap, and the PRAGMAs above would reach
 * only the first (a purge on another connection would leave names in the file,
 * and a write there would fail at once on a lock instead of waiting). One
 * connection costs nothing here: every statement runs synchronously on the event
 * loop anyway. It also means no interactive transaction may be held across an
 * await while other requests run; the code uses single statements and batches.
 * `timeout` is the driver's own busy timeout, applied to any connection it opens.
 */
export async function openLibsql(url: string, authToken?: string): Promise<LibsqlHandle> {
  const isFile = url.startsWith("file:");
  const file = databaseFilePath(url);
  if (file && file !== ":memory:") privateDatabaseFile(file);
  const client = createClient({
    url,
    ...(authToken ? { authToken } : {}),
    ...(isFile ? { concurrency: 1, timeout: BUSY_TIMEOUT_MS } : {}),
  });
  if (isFile) for (const pragma of FILE_PRAGMAS) await client.execute(pragma);
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
