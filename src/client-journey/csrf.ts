/**
 * @module
 * CSRF protection for the client's POST routes: hono/csrf's origin and
 * Sec-Fetch-Site checks, also accepting `PUBLIC_URL`'s origin, because behind a
 * TLS proxy the request URL says http: while the browser's Origin says https:.
 */

import { csrf } from "hono/csrf";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps.ts";

/** Refuses cross-origin form posts with 403. */
export const clientCsrf = createMiddleware<AppEnv>((c, next) => {
  const publicUrl = c.get("deps").config.PUBLIC_URL;
  const publicOrigin = publicUrl ? new URL(publicUrl).origin : undefined;
  return csrf({
    origin: (origin, ctx) => origin === new URL(ctx.req.url).origin || origin === publicOrigin,
  })(c, next);
});
