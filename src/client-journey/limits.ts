/**
 * @module
 * Limits on looking up a dial-in code (join, invitation link, device check).
 * Only wrong codes count: a client who types the right code is never charged for it.
 *
 * - Per network (an IPv4 address, an IPv6 /64): 10 wrong codes in 15 minutes.
 * - For everyone together, per minute: above `CODE_CEILING.soft` wrong codes, only
 *   networks without a wrong code in their current window get a look-up (so a
 *   client typing the right code at the first try still gets in), and at
 *   `CODE_CEILING.hard` nobody gets one until the minute is over. The hard cap
 *   bounds both the guesses against the code space and the database writes an
 *   anonymous visitor can cause: each wrong code writes two counters, a refusal none.
 *
 * A look-up first reserves its place in both counters (one atomic upsert each, so
 * concurrent requests cannot slip past a limit) and hands it back when the code was
 * right. A visitor already over a limit is refused after a read, without a write.
 */
import { and, gt, inArray, sql } from "drizzle-orm";
import type { Context } from "hono";
import { rateLimits } from "../../db/schema.ts";
import type { AppEnv } from "../deps.ts";
import { countAttempt, type Limit, type LimitStore, limitKey } from "../security/rate-limit.ts";
import { clientAddress } from "../security/request.ts";

/** Ten wrong codes per 15 minutes from one network. */
export const CODE_ADDRESS_LIMIT: Limit = {
  purpose: "code-ip",
  max: 10,
  windowMs: 15 * 60 * 1000,
};

/** Wrong codes per minute from everyone together. */
export const CODE_CEILING = { purpose: "code-all", soft: 60, hard: 300, windowMs: 60 * 1000 };

const GLOBAL_LIMIT: Limit = {
  purpose: CODE_CEILING.purpose,
  max: CODE_CEILING.hard,
  windowMs: CODE_CEILING.windowMs,
};
/** The one counter every wrong code adds to. */
const EVERYONE = "";

export type CodeLookup<T> = { found: T | undefined } | { waitSeconds: number };

interface Counters {
  network: number;
  everyone: number;
  networkResetMs: number;
  everyoneResetMs: number;
}

/** Reads both counters without writing (a refused visitor costs no write). */
async function readCounters(store: LimitStore, network: string, at: Date): Promise<Counters> {
  const networkKey = limitKey(store.serverSecret, CODE_ADDRESS_LIMIT.purpose, network);
  const everyoneKey = limitKey(store.serverSecret, GLOBAL_LIMIT.purpose, EVERYONE);
  const rows = await store.db
    .select()
    .from(rateLimits)
    .where(and(inArray(rateLimits.key, [networkKey, everyoneKey]), gt(rateLimits.resetAt, at)));
  const row = (key: string) => rows.find((candidate) => candidate.key === key);
  return {
    network: row(networkKey)?.count ?? 0,
    everyone: row(everyoneKey)?.count ?? 0,
    networkResetMs: row(networkKey)?.resetAt.getTime() ?? 0,
    everyoneResetMs: row(everyoneKey)?.resetAt.getTime() ?? 0,
  };
}

/** Why a look-up must wait, in seconds, or undefined when it may go ahead. */
function refusal(counters: Counters, at: Date, reserved: boolean): number | undefined {
  const until = (resetMs: number) => Math.max(1, Math.ceil((resetMs - at.getTime()) / 1000));
  // After reserving, the counts include this attempt itself.
  const mine = reserved ? 1 : 0;
  if (counters.everyone - mine >= CODE_CEILING.hard) return until(counters.everyoneResetMs);
  if (counters.network - mine >= CODE_ADDRESS_LIMIT.max) return until(counters.networkResetMs);
  if (counters.everyone - mine >= CODE_CEILING.soft && counters.network - mine > 0) {
    return until(counters.everyoneResetMs);
  }
  return undefined;
}

/** Takes back reserved places (the code was right, or the attempt was refused). */
async function release(store: LimitStore, keys: string[], at: Date): Promise<void> {
  await store.db
    .update(rateLimits)
    .set({ count: sql`max(${rateLimits.count} - 1, 0)` })
    .where(and(inArray(rateLimits.key, keys), gt(rateLimits.resetAt, at)));
}

/**
 * Looks a code up within the limits: `lookup` runs only when this visitor may try
 * a code now, and its result counts as a wrong code when it found nothing.
 */
export async function limitedCodeLookup<T>(
  c: Context<AppEnv>,
  lookup: () => Promise<T | undefined>,
): Promise<CodeLookup<T>> {
  const deps = c.get("deps");
  const at = deps.now();
  const network = clientAddress(c);
  const before = refusal(await readCounters(deps, network, at), at, false);
  if (before !== undefined) return { waitSeconds: before };

  // The shared counter first: a request refused at the hard cap leaves no row of its own.
  const everyoneKey = limitKey(deps.serverSecret, GLOBAL_LIMIT.purpose, EVERYONE);
  const byEveryone = await countAttempt(deps, GLOBAL_LIMIT, EVERYONE, at);
  if (!byEveryone.allowed) {
    await release(deps, [everyoneKey], at);
    return { waitSeconds: byEveryone.retryAfterSeconds };
  }
  const byNetwork = await countAttempt(deps, CODE_ADDRESS_LIMIT, network, at);
  const reserved: Counters = {
    network: byNetwork.count,
    everyone: byEveryone.count,
    networkResetMs: at.getTime() + byNetwork.retryAfterSeconds * 1000,
    everyoneResetMs: at.getTime() + byEveryone.retryAfterSeconds * 1000,
  };
  const places = [everyoneKey, limitKey(deps.serverSecret, CODE_ADDRESS_LIMIT.purpose, network)];
  const raced = refusal(reserved, at, true);
  if (raced !== undefined) {
    await release(deps, places, at);
    return { waitSeconds: raced };
  }
  const found = await lookup();
  if (found !== undefined) await release(deps, places, at);
  return { found };
}
