/**
 * @module
 * Rate limits on using a dial-in code (join and device check share them): per
 * client address and per code, so neither one address nor a swarm can guess codes.
 */
import type { Context } from "hono";
import type { AppEnv } from "../deps.ts";
import { countAttempt, type Limit } from "../security/rate-limit.ts";
import { clientAddress } from "../security/request.ts";

const FIFTEEN_MINUTES = 15 * 60 * 1000;

/** Ten attempts per 15 minutes from one address. */
export const CODE_ADDRESS_LIMIT: Limit = { purpose: "code-ip", max: 10, windowMs: FIFTEEN_MINUTES };
/** Five attempts per 15 minutes with one code. */
export const CODE_LIMIT: Limit = { purpose: "code", max: 5, windowMs: FIFTEEN_MINUTES };

/**
 * Counts one attempt from this request's address, and with `code` when it is a
 * well-formed one. Returns the minutes to wait when over a limit, else undefined.
 */
export async function limitCodeAttempt(
  c: Context<AppEnv>,
  code: string | undefined,
  options: { perCode: boolean } = { perCode: true },
): Promise<number | undefined> {
  const deps = c.get("deps");
  const { now } = deps;
  const at = now();
  const byAddress = await countAttempt(deps, CODE_ADDRESS_LIMIT, clientAddress(c), at);
  if (!byAddress.allowed) return Math.ceil(byAddress.retryAfterSeconds / 60);
  if (code === undefined || !options.perCode) return undefined;
  const byCode = await countAttempt(deps, CODE_LIMIT, code, at);
  if (!byCode.allowed) return Math.ceil(byCode.retryAfterSeconds / 60);
  return undefined;
}
