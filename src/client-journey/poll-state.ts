/**
 * @module
 * What the waiting room's poll reads and writes, behind one small interface:
 * straight from the database (Workers, tests), or from the in-memory copy a
 * long-running process keeps (`poll-memory.ts`).
 */
import { preparePollQueries } from "../appointments/client-store.ts";
import type { PollFields } from "../appointments/state.ts";
import type { Database } from "../db/types.ts";
import { LAST_SEEN_EVERY_MS } from "./lobby-status.ts";

export interface PollState {
  /** The poll fields of the appointment whose client token has this hash, if any. */
  read(tokenHash: string): Promise<PollFields | undefined>;
  /**
   * The remembered answer of `read` without waiting, where the copy is known to be
   * current: the fields, `null` for no such client; `undefined` when only `read` can tell.
   */
  peek?(tokenHash: string): PollFields | null | undefined;
  /** A token's hash (`sha256Hex`), remembered while the copy lasts. */
  hashOf?(token: string): string;
  /** Records that the client is still there, at most every 15 seconds. */
  touch(tokenHash: string, fields: PollFields, now: Date): Promise<void> | void;
}

/** Whether "last seen" is due again. */
export function lastSeenDue(fields: PollFields, now: Date): boolean {
  return now.getTime() - (fields.lastSeenAt?.getTime() ?? 0) >= LAST_SEEN_EVERY_MS;
}

/** Keyed weakly by the handle, so a Worker's per-request handle takes its entry with it. */
const direct = new WeakMap<Database, PollState>();

/** The poll state read straight from the database on every poll. */
export function databasePollState(db: Database): PollState {
  let state = direct.get(db);
  if (!state) {
    const queries = preparePollQueries(db);
    state = {
      async read(hash) {
        const [row] = await queries.read.all({ hash });
        return row;
      },
      async touch(hash, fields, now) {
        if (!lastSeenDue(fields, now)) return;
        await queries.touch.run({ id: fields.id, hash, now: now.getTime() });
      },
    };
    direct.set(db, state);
  }
  return state;
}

/** The process's in-memory copy where it keeps one, else the database itself. */
export function pollStateOf(deps: { pollState?: PollState | undefined; db: Database }): PollState {
  return deps.pollState ?? databasePollState(deps.db);
}
