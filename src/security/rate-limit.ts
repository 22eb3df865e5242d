/**
 * @module
 * Fixed-window rate limits kept in the database, so they hold across restarts,
 * processes and Worker isolates. One atomic upsert per attempt: concurrent
 * requests cannot slip past the limit between a read and a write.
 *
 * Keys are an HMAC under the server secret of `purpose:subject`: a copy of the
 * database does not let anyone test the 10^12 dial-in codes or the address space
 * against the keys, as a plain hash would.
 */
import { sql } from "drizzle-orm";
import { rateLimits } from "../../db/schema.ts";
import type { Database } from "../db/types.ts";
import { hmacSha256Hex } from "./crypto.ts";

export interface Limit {
  /** What is limited, e.g. "join-ip"; part of the key. */
  purpose: string;
  max: number;
  windowMs: number;
}

export interface LimitResult {
  allowed: boolean;
  /** Attempts in the current window, this one included. */
  count: number;
  /** Whole seconds until the window resets (for "please wait N minutes"). */
  retryAfterSeconds: number;
}

/** Where the counters live and the key they are keyed under (both in `AppDeps`). */
export interface LimitStore {
  db: Database;
  serverSecret: string;
}

/** The stored key of a counter: never the subject itself, nor a hash anyone could recompute. */
export function limitKey(serverSecret: string, purpose: string, subject: string): string {
  return hmacSha256Hex(serverSecret, `rate-limit:${purpose}:${subject}`);
}

/**
 * Counts one attempt for `subject` (an address, a code, an e-mail; keyed by an
 * HMAC before it is stored) and says whether it is within the limit.
 */
export async function countAttempt(
  store: LimitStore,
  limit: Limit,
  subject: string,
  now: Date,
): Promise<LimitResult> {
  const key = limitKey(store.serverSecret, limit.purpose, subject);
  const resetAt = new Date(now.getTime() + limit.windowMs);
  const [row] = await store.db
    .insert(rateLimits)
    .values({ key, count: 1, resetAt })
    .onConflictDoUpdate({
      target: rateLimits.key,
      set: {
        count: sql`case when ${rateLimits.resetAt} <= ${now.getTime()} then 1 else ${rateLimits.count} + 1 end`,
        resetAt: sql`case when ${rateLimits.resetAt} <= ${now.getTime()} then ${resetAt.getTime()} else ${rateLimits.resetAt} end`,
      },
    })
    .returning({ count: rateLimits.count, resetAt: rateLimits.resetAt });
  const count = row?.count ?? 1;
  const resetMs = row?.resetAt.getTime() ?? resetAt.getTime();
  return {
    allowed: count <= limit.max,
    count,
    retryAfterSeconds: Math.max(1, Math.ceil((resetMs - now.getTime()) / 1000)),
  };
}

/**
 * Takes back one counted attempt for `subject` (one that was never tried, such
 * as a sign-in turned away because every hashing thread was busy).
 */
export async function refundAttempt(
  store: LimitStore,
  limit: Limit,
  subject: string,
): Promise<void> {
  const key = limitKey(store.serverSecret, limit.purpose, subject);
  await store.db
    .update(rateLimits)
    .set({ count: sql`${rateLimits.count} - 1` })
    .where(sql`${rateLimits.key} = ${key} and ${rateLimits.count} > 0`);
}

/** Forgets the attempts for `subject` (after a successful sign-in, say). */
export async function clearAttempts(
  store: LimitStore,
  limit: Limit,
  subject: string,
): Promise<void> {
  const key = limitKey(store.serverSecret, limit.purpose, subject);
  await store.db.delete(rateLimits).where(sql`${rateLimits.key} = ${key}`);
}
