/**
 * @module
 * `POST /leave/quick`: signs the client off and sends them to a neutral page
 * (`QUICK_EXIT_URL`). The script version sends this as a beacon and navigates
 * itself; without JavaScript the form post does both.
 */
import { Hono } from "hono";
import { deleteCookie } from "hono/cookie";
import type { AppEnv } from "../deps.ts";
import { LANG_COOKIE } from "../i18n/index.ts";
import { endClientSession } from "./client-session.ts";

/** The quick-exit route. */
export const quickExitRoutes = new Hono<AppEnv>().post("/leave/quick", async (c) => {
  await endClientSession(c);
  // Nothing of this visit stays in the browser: cookies (the language choice too),
  // cached pages and storage. The cookie is also deleted by name for browsers
  // that ignore Clear-Site-Data.
  deleteCookie(c, LANG_COOKIE, { path: "/" });
  c.header("Clear-Site-Data", '"cache", "cookies", "storage"');
  c.header("Cache-Control", "no-store");
  // The script's beacon must not follow a redirect off-site (connect-src forbids it).
  if (c.req.query("beacon") === "1") return c.body(null, 204);
  return c.redirect(c.get("deps").config.QUICK_EXIT_URL, 303);
});
