/**
 * @module
 * The waiting room's most frequent request, answered before the middleware
 * stack: a waiting client's htmx poll (`GET /lobby/status?v=<tag>`) when the tag
 * it sends is still the tag of what the waiting room shows. The answer is the
 * same 204 the full route gives (`lobby.tsx`), with every security header, the
 * cache headers and the ETag, and the request log counts it the same way; what
 * it skips is the page machinery such a poll never needs.
 *
 * Anything else (no tag, another tag, a language choice in the query, an
 * `If-None-Match`, not a client's cookie, a status that stops polling or admits)
 * goes on to the full route, so this is only ever a shortcut to the same answer.
 */
import type { Context, MiddlewareHandler } from "hono";
import { lobbyStatus } from "../appointments/state.ts";
import type { AppDeps, AppEnv } from "../deps.ts";
import type { Lang } from "../i18n/index.ts";
import { languageOf } from "../i18n/middleware.ts";
import { countOrLog } from "../log-requests.ts";
import { prepareSecurityHeaderRecord, securityHeaderRecord } from "../security/headers.ts";
import { isHttps } from "../security/request.ts";
import { tokenHashOf } from "./client-session.ts";
import { statusTag } from "./lobby-status.ts";
import { lastSeenDue, pollStateOf } from "./poll-state.ts";

const FIELDS = { method: "GET", route: "/lobby/status", status: 204 } as const;

/** The 204's headers per security record and tag: built once, the same object every time. */
const answers = new WeakMap<Record<string, string>, Map<string, Record<string, string>>>();

function answerHeaders(security: Record<string, string>, tag: string): Record<string, string> {
  let byTag = answers.get(security);
  if (!byTag) {
    byTag = new Map();
    answers.set(security, byTag);
  }
  let headers = byTag.get(tag);
  if (!headers) {
    headers = {
      ...security,
      "cache-control": "private, no-cache",
      vary: "HX-Request",
      etag: `"${tag}"`,
    };
    // Tags are few (one per state, message and language) but nothing else bounds them.
    if (byTag.size >= 10_000) byTag.clear();
    byTag.set(tag, headers);
  }
  return headers;
}

/** Whose waiting room a poll asks about, and in which language. */
interface Asker {
  tokenHash: string | undefined;
  lang: Lang;
}

/**
 * The asker by the headers that decide it (the scheme, the cookies, the browser's
 * languages; a `?lang=` never comes this way): a client polls with the same
 * headers every 3 s, so the cookies are parsed, the token hashed and the
 * language detected once, not at every poll. Longer headers are worked out each
 * time, so that a flood of forged cookies cannot fill the memory.
 */
const askers = new Map<string, Asker>();
const MAX_ASKERS = 50_000;
const MAX_KEY_LENGTH = 512;

function askerOf(c: Context<AppEnv>): Asker {
  const key = `${isHttps(c) ? "https" : "http"}\n${c.req.header("cookie") ?? ""}\n${c.req.header("accept-language") ?? ""}`;
  let asker = askers.get(key);
  if (!asker) {
    asker = { tokenHash: tokenHashOf(c), lang: languageOf(c) };
    if (key.length > MAX_KEY_LENGTH) return asker;
    if (askers.size >= MAX_ASKERS) askers.clear();
    askers.set(key, asker);
  }
  return asker;
}

/** Registered before every other middleware of the app, so it sets the app's dependencies itself. */
export function unchangedPoll(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = Date.now();
    c.set("deps", deps);
    const security = securityHeaderRecord(c);
    if (!security) {
      await prepareSecurityHeaderRecord(c);
      return next();
    }
    const tag = c.req.query("v");
    if (
      !tag ||
      c.req.header("HX-Request") !== "true" ||
      c.req.header("If-None-Match") !== undefined ||
      c.req.query("lang") !== undefined
    )
      return next();
    const { tokenHash, lang } = askerOf(c);
    if (!tokenHash) return next();
    const state = pollStateOf(deps);
    // Most polls find their answer remembered and need not wait for anything.
    const peeked = state.peek?.(tokenHash);
    const fields = peeked === undefined ? await state.read(tokenHash) : peeked;
    if (!fields) return next();
    const at = deps.now();
    const status = lobbyStatus(fields, at);
    if (!status.polling || status.state === "admitted") return next();
    if (statusTag(status, lang) !== tag) return next();
    if (lastSeenDue(fields, at)) await state.touch(tokenHash, fields, at);
    countOrLog(deps.log, FIELDS, Date.now() - started);
    return new Response(null, { status: 204, headers: answerHeaders(security, tag) });
  };
}
