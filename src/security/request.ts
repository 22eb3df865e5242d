/**
 * @module
 * Facts about the request that several features need, read one way everywhere.
 */
import type { Context } from "hono";
import type { Config } from "../config.ts";
import type { AppDeps, AppEnv } from "../deps.ts";
import { addressNetwork, forwardedEntry } from "./address.ts";

/** True over HTTPS, directly or behind a proxy whose public address (PUBLIC_URL) is https. */
export function isHttps(c: Context<AppEnv>): boolean {
  // A string test, not a URL parse: this runs on every response (HSTS).
  return (
    c.req.url.startsWith("https:") || Boolean(c.get("deps").config.PUBLIC_URL?.startsWith("https:"))
  );
}

/** PUBLIC_URL's origin, where the operator set one. */
export function configuredOrigin(config: Pick<Config, "PUBLIC_URL">): string | undefined {
  return config.PUBLIC_URL ? new URL(config.PUBLIC_URL).origin : undefined;
}

/** The address clients reach the service at: PUBLIC_URL, or the request's own origin. */
export function publicOrigin(c: Context<AppEnv>): string {
  return configuredOrigin(c.get("deps").config) ?? new URL(c.req.url).origin;
}

/** Apps that have already said that they ignore `X-Forwarded-For` (once per app). */
const warnedAboutForwarding = new WeakSet<AppDeps>();

/**
 * The client's network for rate limits (see `addressNetwork`): behind
 * `TRUST_PROXY` trusted proxies, the `X-Forwarded-For` entry that many from the
 * right (entries further left are whatever the visitor wrote); otherwise the
 * peer address the runtime sees (on Workers, Cloudflare's `CF-Connecting-IP`).
 * Only ever keyed by an HMAC, never stored or logged in clear.
 */
export function clientAddress(c: Context<AppEnv>): string {
  const deps = c.get("deps");
  const hops = deps.proxyHeaders ? deps.config.TRUST_PROXY : 0;
  const forwarded = deps.proxyHeaders ? c.req.header("x-forwarded-for") : undefined;
  if (hops > 0) {
    const entry = forwardedEntry(forwarded, hops);
    const network = entry === undefined ? undefined : addressNetwork(entry);
    if (network) return network;
  } else if (forwarded !== undefined && !warnedAboutForwarding.has(deps)) {
    warnedAboutForwarding.add(deps);
    deps.log.info("x-forwarded-for ignored", {
      hint: "requests carry X-Forwarded-For but TRUST_PROXY is 0: every client counts as the proxy's address; set TRUST_PROXY to the number of proxies in front",
    });
  }
  const peer = deps.peerAddress(c);
  return (peer === undefined ? undefined : addressNetwork(peer)) ?? "unknown";
}
