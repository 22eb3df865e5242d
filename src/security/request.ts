/**
 * @module
 * Facts about the request that several features need, read one way everywhere.
 */
import type { Context } from "hono";
import type { AppEnv } from "../deps.ts";

/** True over HTTPS, directly or behind a proxy whose public address (PUBLIC_URL) is https. */
export function isHttps(c: Context<AppEnv>): boolean {
  return (
    new URL(c.req.url).protocol === "https:" ||
    Boolean(c.get("deps").config.PUBLIC_URL?.startsWith("https:"))
  );
}

/** The address clients reach the service at: PUBLIC_URL, or the request's own origin. */
export function publicOrigin(c: Context<AppEnv>): string {
  const configured = c.get("deps").config.PUBLIC_URL;
  return configured ? new URL(configured).origin : new URL(c.req.url).origin;
}

/**
 * The client's address for rate limits: Cloudflare's `CF-Connecting-IP`, else the
 * first `X-Forwarded-For` entry set by a reverse proxy, else one shared bucket.
 * Only ever hashed, never stored or logged in clear.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const cf = c.req.header("cf-connecting-ip");
  if (cf) return cf.trim();
  const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || "unknown";
}
