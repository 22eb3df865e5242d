/**
 * @module
 * The client address used only as a rate-limit bucket (hashed before storing,
 * never logged). `getConnInfo` differs per runtime, so the address comes from the
 * proxy headers: Cloudflare sets `cf-connecting-ip`, reverse proxies set
 * `x-forwarded-for` (the first entry is the client). Without either header every
 * request shares one "unknown" bucket, which still caps guessing as a whole.
 */
import type { Context } from "hono";

/** The address to count attempts against. */
export function clientAddress(c: Context): string {
  const cloudflare = c.req.header("cf-connecting-ip")?.trim();
  if (cloudflare) return cloudflare;
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || "unknown";
}
