/**
 * @module
 * The database type domain code is written against: the async SQLite flavour of
 * Drizzle, which both the libSQL driver (Node, Deno, remote) and D1 (Workers) implement.
 */
import type { BaseSQLiteDatabase } from "drizzle-orm/sqlite-core";
import type * as schema from "../../db/schema.ts";

// biome-ignore lint/suspicious/noExplicitAny: the run-result type differs per driver and no domain code reads it.
export type Database = BaseSQLiteDatabase<"async", any, typeof schema>;
