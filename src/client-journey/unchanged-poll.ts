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
import type { MiddlewareHandler } from "hono";
import { lobbyStatus } from "../appointments/state.ts";
import type { AppEnv } from "../deps.ts";
import { languageOf } from "../i18n/middleware.ts";
import { countOrLog } from "../log-requests.ts";
import { prepareSecurityHeaderRecord, securityHeaderRecord } from "../security/headers.ts";
import { currentPollFields } from "./client-session.ts";
import { statusTag } from "./lobby-status.ts";
import { pollStateOf } from "./poll-state.ts";

const FIELDS = { method: "GET", route: "/lobby/status", status: 204 } as const;

export const unchangedPoll: MiddlewareHandler<AppEnv> = async (c, next) => {
  const started = Date.now();
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
  const polled = await currentPollFields(c);
  if (!polled) return next();
  const deps = c.get("deps");
  const at = deps.now();
  const status = lobbyStatus(polled.fields, at);
  if (!status.polling || status.state === "admitted") return next();
  const lang = await languageOf(c);
  if (statusTag(status, lang) !== tag) return next();
  await pollStateOf(deps).touch(polled.tokenHash, polled.fields, at);
  const headers = {
    ...security,
    "cache-control": "private, no-cache",
    vary: "HX-Request",
    etag: `"${tag}"`,
  };
  countOrLog(deps.log, FIELDS, Date.now() - started);
  return new Response(null, { status: 204, headers });
};
