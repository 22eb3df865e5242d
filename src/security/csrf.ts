/**
 * @module
 * Form posts only from our own pages. `hono/csrf` lets a post through when
 * either `Origin` or `Sec-Fetch-Site` vouches for it; here each check also asks
 * the other header, so a post is refused whenever one of them names another
 * site, and accepted only when at least one names ours. A browser never sends
 * a foreign value in one and ours in the other, so this costs no real visitor.
 */
import type { Context } from "hono";
import { csrf } from "hono/csrf";
import type { AppEnv } from "../deps.ts";

/**
 * `publicOrigin`: PUBLIC_URL's origin behind a TLS proxy, where the request's
 * own URL is the proxy's upstream address.
 */
export function formOriginCheck(publicOrigin: string | undefined) {
  const ours = (origin: string, c: Context<AppEnv>) =>
    origin === new URL(c.req.url).origin || origin === publicOrigin;
  // Absent in old browsers; "null" where the referrer policy hides the origin (ours is no-referrer).
  const originAllows = (origin: string | undefined, c: Context<AppEnv>) =>
    origin === undefined || origin === "null" || ours(origin, c);
  const siteAllows = (site: string | undefined) => site === undefined || site === "same-origin";
  return csrf({
    origin: (origin, c) => ours(origin, c) && siteAllows(c.req.header("sec-fetch-site")),
    secFetchSite: (site, c) => site === "same-origin" && originAllows(c.req.header("origin"), c),
  });
}
