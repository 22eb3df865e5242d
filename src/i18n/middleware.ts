/**
 * @module
 * Which language a request gets: `?lang=`, then the remembered cookie, then
 * `Accept-Language` (hono's language detector does the detection; an explicit
 * choice is remembered in a cookie).
 */
import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import { languageDetector } from "hono/language";
import type { AppEnv } from "../deps.ts";
import { isHttps } from "../security/request.ts";
import { asLang, LANG_COOKIE, LANGUAGES, type Lang } from "./index.ts";

const detector = languageDetector({
  supportedLanguages: [...LANGUAGES],
  fallbackLanguage: "de",
  order: ["querystring", "cookie", "header"],
  lookupQueryString: "lang",
  lookupCookie: LANG_COOKIE,
  // Only an explicit choice is remembered (below); a browser's own preference is not stored.
  caches: false,
});

/** Middleware: sets `c.get("language")`; a `?lang=` choice is remembered in a cookie for a year. */
export const detectLanguage = createMiddleware<AppEnv>(async (c, next) => {
  const chosen = c.req.query("lang");
  if (chosen === "de" || chosen === "en") {
    setCookie(c, LANG_COOKIE, chosen, {
      sameSite: "Lax",
      httpOnly: true,
      secure: isHttps(c),
      maxAge: 365 * 24 * 60 * 60,
      path: "/",
    });
  }
  return detector(c, next);
});

const nothingMore = async () => {};

/**
 * The request's language as the middleware would find it, without remembering a
 * choice. hono's detector sets it before it hands on, so it is there at once.
 */
export function languageOf(c: Context<AppEnv>): Lang {
  void detector(c, nothingMore);
  return asLang(c.get("language"));
}
