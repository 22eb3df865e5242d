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
 * The client's address for rate limits. On Workers, Cloudflare's `CF-Connecting-IP`;
 * behind a reverse proxy that the operator trusts (TRUST_PROXY=true), the first
 * `X-Forwarded-For` entry; otherwise the socket's peer address. Only ever hashed,
 * never stored or logged in clear.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const deps = c.get("deps");
  const cf = c.req.header("cf-connecting-ip");
  if (cf && !deps.peerAddress) return cf.trim();
  if (deps.config.TRUST_PROXY) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return deps.peerAddress?.(c) ?? "unknown";
}
