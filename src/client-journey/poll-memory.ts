/**
 * @module
 * The waiting room's poll state in memory, for a process that keeps running
 * (Node, Deno) over a libSQL file. The database stays the truth: the copy is
 * dropped whole as soon as anything else has committed a change to the file.
 *
 * The copy has a connection of its own, and SQLite's `PRAGMA data_version` on a
 * connection changes whenever another connection commits: this process's main
 * connection (a counsellor starts a session, a client joins or leaves, the
 * purge), the CLI, or a second server process. The poll's own "last seen" writes
 * go through the copy's connection and so do not drop it. The check runs at most
 * every `checkEveryMs`, so a change anywhere reaches the polls within that time.
 */
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../db/schema.ts";
import { preparePollQueries } from "../appointments/client-store.ts";
import type { PollFields } from "../appointments/state.ts";
import { BUSY_TIMEOUT_MS, FILE_PRAGMAS } from "../db/libsql.ts";
import { sha256Hex } from "../security/crypto.ts";
import { lastSeenDue, type PollState } from "./poll-state.ts";

/** Beyond this many remembered tokens (forged cookies included) the copy starts afresh. */
const MAX_ENTRIES = 200_000;

export interface PollMemory extends PollState {
  close(): void;
}

export async function openPollMemory(url: string, checkEveryMs = 100): Promise<PollMemory> {
  // One connection, never a pool: `data_version` is counted per connection.
  const client = createClient({ url, concurrency: 1, timeout: BUSY_TIMEOUT_MS });
  for (const pragma of FILE_PRAGMAS) await client.execute(pragma);
  const queries = preparePollQueries(drizzle(client, { schema }));

  const entries = new Map<string, PollFields | null>();
  // Tokens the polls carry, with their hashes: hashing each poll's token again costs more
  // than the rest of the look-up. Cleared with the entries.
  const hashes = new Map<string, string>();
  let version: unknown;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;

  const check = async () => {
    const started = performance.now();
    const result = await client.execute("PRAGMA data_version");
    const seen = result.rows[0]?.[0];
    if (seen !== version) {
      entries.clear();
      hashes.clear();
      version = seen;
    }
    checkedAt = started;
  };
  const upToDate = async () => {
    if (performance.now() - checkedAt < checkEveryMs) return;
    checking ??= check().finally(() => {
      checking = undefined;
    });
    await checking;
  };

  return {
    async read(hash) {
      await upToDate();
      const known = entries.get(hash);
      if (known !== undefined) return known ?? undefined;
      const [row] = await queries.read.all({ hash });
      if (entries.size >= MAX_ENTRIES) entries.clear();
      entries.set(hash, row ?? null);
      return row;
    },
    hashOf(token) {
      let hash = hashes.get(token);
      if (hash === undefined) {
        hash = sha256Hex(token);
        if (hashes.size >= MAX_ENTRIES) hashes.clear();
        hashes.set(token, hash);
      }
      return hash;
    },
    peek(hash) {
      if (performance.now() - checkedAt >= checkEveryMs) return undefined;
      return entries.get(hash);
    },
    async touch(hash, fields, now) {
      if (!lastSeenDue(fields, now)) return;
      await queries.touch.run({ id: fields.id, hash, now: now.getTime() });
      // `fields` is the remembered entry itself.
      fields.lastSeenAt = now;
    },
    close() {
      client.close();
    },
  };
}
