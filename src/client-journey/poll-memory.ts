/**
 * @module
 * The waiting room's poll state in memory, for a process that keeps running
 * (Node, Deno) over a libSQL file. The database stays the truth: the copy
 * follows every change anyone commits to the file.
 *
 * The copy has a connection of its own, and SQLite's `PRAGMA data_version` on a
 * connection changes whenever another connection commits: this process's main
 * connection (a counsellor starts a session, a client joins or leaves, the
 * purge), the CLI, or a second server process. The poll's own "last seen" writes
 * go through the copy's connection and so do not count. The check runs at most
 * every `checkEveryMs`, so a change anywhere reaches the polls within that time.
 *
 * What changed is read from `poll_changes`, which triggers on `appointments`
 * fill (`db/schema.ts`): only those appointments are read again, so that with
 * thousands waiting, one more arrival does not cost a read of all of them. At
 * the start, and whenever the log cannot say everything that changed since the
 * copy last looked (it keeps the last 1,000 entries, the purge drops those older
 * than an hour), the copy reads every client who may be polling (joined, neither
 * ended nor cancelled) in one query: a restart must not cost one read per
 * waiting room in the next three seconds. Anyone else (an ended session's
 * client, a forged cookie) is read on its own and remembered.
 *
 * "Last seen" is noted in the copy at once and written to the file in one
 * statement for all clients every `flushEveryMs` (a second): with 20,000 waiting
 * clients that is one commit a second instead of more than a thousand. The
 * dashboard calls a client away only after 90 s without a poll, so a second's
 * delay changes nothing anyone sees; a write that fails is tried again with the
 * next one.
 */
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../../db/schema.ts";
import { preparePollQueries } from "../appointments/client-store.ts";
import type { PollFields } from "../appointments/state.ts";
import { BUSY_TIMEOUT_MS, FILE_PRAGMAS } from "../db/libsql.ts";
import type { Logger } from "../log.ts";
import { sha256Hex } from "../security/crypto.ts";
import { lastSeenDue, type PollState } from "./poll-state.ts";

/** The change log's last entry ever written (`AUTOINCREMENT` counts it in `sqlite_sequence`). */
const LAST_CHANGE = "SELECT seq FROM sqlite_sequence WHERE name = 'poll_changes'";

/** Beyond this many remembered tokens (forged cookies included) the copy starts afresh. */
const MAX_ENTRIES = 200_000;

export interface PollMemory extends PollState {
  /** Looks at the file now, whatever the interval, and takes in what changed. */
  sync(): Promise<void>;
  /** Writes the "last seen" times noted so far. */
  flush(): Promise<void>;
  /** Writes what is noted, then closes the connection. */
  close(): Promise<void>;
}

export interface PollMemoryOptions {
  /** How old the copy may be before a poll checks the file again. */
  checkEveryMs?: number;
  /** How long a noted "last seen" may wait for its write. */
  flushEveryMs?: number;
  /** Where a failed "last seen" write is reported. */
  log?: Logger;
}

/** One noted "last seen": the appointment, the token's hash it was noted for, and when. */
interface Seen {
  id: string;
  hash: string;
  at: number;
}

export async function openPollMemory(
  url: string,
  options: PollMemoryOptions = {},
): Promise<PollMemory> {
  const { checkEveryMs = 100, flushEveryMs = 1_000, log } = options;
  // One connection, never a pool: `data_version` is counted per connection.
  const client = createClient({ url, concurrency: 1, timeout: BUSY_TIMEOUT_MS });
  for (const pragma of FILE_PRAGMAS) await client.execute(pragma);
  const queries = preparePollQueries(drizzle(client, { schema }));

  let entries = new Map<string, PollFields | null>();
  // Which token hash each appointment in the copy is kept under, to drop it when it changes.
  let hashById = new Map<string, string>();
  // Tokens the polls carry, with their hashes: hashing each poll's token again costs more
  // than the rest of the look-up. Kept while their client is in the copy.
  const hashes = new Map<string, string>();
  let version: unknown;
  // The change log's last entry the copy has taken in; undefined until the first full read.
  let applied: number | undefined;
  let checkedAt = Number.NEGATIVE_INFINITY;
  let checking: Promise<void> | undefined;

  // Keyed by the token's hash: a later poll of the same client replaces its earlier time.
  let noted = new Map<string, Seen>();

  /** A row as the copy keeps it: a "last seen" noted but not yet written is newer than the file's. */
  const withNoted = (hash: string, fields: PollFields): PollFields => {
    const at = noted.get(hash)?.at;
    if (at !== undefined && at > (fields.lastSeenAt?.getTime() ?? 0))
      fields.lastSeenAt = new Date(at);
    return fields;
  };

  /** Keeps a row (or that there is none) under its token's hash. */
  const keep = (hash: string, fields: PollFields | null) => {
    if (entries.size >= MAX_ENTRIES) {
      entries.clear();
      hashById.clear();
    }
    entries.set(hash, fields && withNoted(hash, fields));
    if (fields) hashById.set(fields.id, hash);
  };

  /** The change log's last entry so far, and the entries after `after` (in one read transaction). */
  const changesAfter = async (after: number) => {
    const [last, rows] = await client.batch(
      [
        LAST_CHANGE,
        {
          sql: "SELECT seq, appointment_id FROM poll_changes WHERE seq > ? ORDER BY seq",
          args: [after],
        },
      ],
      "read",
    );
    return {
      last: Number(last?.rows[0]?.[0] ?? 0),
      ids: (rows?.rows ?? []).map((row) => String(row[1])),
    };
  };

  // Everyone who may be polling, in one query: at the start thousands of waiting rooms ask
  // within one interval, and one read each would cost far more.
  const readAll = async () => {
    // Taken before the read: a change committed in between is simply read again later.
    const last = Number((await client.execute(LAST_CHANGE)).rows[0]?.[0] ?? 0);
    const fresh = new Map<string, PollFields | null>();
    const freshIds = new Map<string, string>();
    for (const { hash, ...fields } of await queries.polling.all()) {
      if (!hash) continue;
      fresh.set(hash, withNoted(hash, fields));
      freshIds.set(fields.id, hash);
    }
    entries = fresh;
    hashById = freshIds;
    for (const [token, hash] of hashes) if (!fresh.has(hash)) hashes.delete(token);
    applied = last;
  };

  /** Reads again what changed since the copy last looked; false when the log cannot say. */
  const readChanges = async (since: number): Promise<boolean> => {
    const { last, ids } = await changesAfter(since);
    // Entries after `since` that are gone (kept no longer) would be changes missed.
    if (ids.length !== last - since) return false;
    const changed = new Set(ids);
    // Past this many, one read of everyone is cheaper than one read each.
    if (changed.size > 500) return false;
    const rows = await queries.byIds.all({ ids: JSON.stringify([...changed]) });
    // Each changed appointment leaves its old place; those still there and joined come back.
    for (const id of changed) {
      const old = hashById.get(id);
      if (old !== undefined) entries.delete(old);
      hashById.delete(id);
    }
    for (const { hash, ...fields } of rows) if (hash) keep(hash, fields);
    applied = last;
    return true;
  };

  const check = async () => {
    const started = performance.now();
    const result = await client.execute("PRAGMA data_version");
    const seen = result.rows[0]?.[0];
    if (seen !== version) {
      if (applied === undefined || !(await readChanges(applied))) await readAll();
      version = seen;
    }
    checkedAt = started;
  };
  const sync = async () => {
    checking ??= check().finally(() => {
      checking = undefined;
    });
    await checking;
  };
  const upToDate = async () => {
    if (performance.now() - checkedAt >= checkEveryMs) await sync();
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let closed = false;
  const write = async () => {
    timer = undefined;
    if (noted.size === 0) return;
    const batch = noted;
    noted = new Map();
    try {
      await queries.touchAll.run({ seen: JSON.stringify([...batch.values()]) });
    } catch (error) {
      // Tried again with the next write; what was noted since is newer and stays.
      for (const [hash, entry] of batch) if (!noted.has(hash)) noted.set(hash, entry);
      if (!closed) schedule();
      log?.error("last seen not written", { error: String(error), clients: batch.size });
    }
  };
  const schedule = () => {
    timer ??= setTimeout(() => {
      writing = writing.then(write);
    }, flushEveryMs);
  };
  const flush = () => {
    if (timer) clearTimeout(timer);
    writing = writing.then(write);
    return writing;
  };

  return {
    async read(hash) {
      await upToDate();
      const known = entries.get(hash);
      if (known !== undefined) return known ?? undefined;
      const [row] = await queries.read.all({ hash });
      keep(hash, row ?? null);
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
    touch(hash, fields, now) {
      if (closed || !lastSeenDue(fields, now)) return;
      // `fields` is the remembered entry itself.
      fields.lastSeenAt = now;
      noted.set(hash, { id: fields.id, hash, at: now.getTime() });
      schedule();
    },
    sync,
    flush,
    async close() {
      closed = true;
      await flush();
      client.close();
    },
  };
}
