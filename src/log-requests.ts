import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { AppEnv } from "./deps.ts";
import type { Logger } from "./log.ts";

type RequestFields = {
  method: string;
  route: string;
  status: number;
};

/** A request's line: an unchanged GET (204, 304) only counted where the logger can count. */
export function countOrLog(log: Logger, fields: RequestFields, ms: number) {
  if (log.count && fields.method === "GET" && (fields.status === 204 || fields.status === 304))
    log.count("request", fields, ms);
  else log.info("request", { ...fields, ms });
}

/**
 * One log line per request: method, the matched route pattern (`/appointments/:id`,
 * never the concrete path, which may carry an id or code), status and duration.
 * No query strings, addresses or user agents. A GET answered "nothing changed"
 * (204, 304) is only counted where the logger can count: the waiting room's and
 * the dashboard's polls would otherwise make most of the log and cost as much
 * as the requests themselves.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  if (c.req.path.startsWith("/assets/")) return;
  const route = routePath(c, -1);
  const fields = {
    method: c.req.method,
    route: route === "*" || route === "/*" ? "(unmatched)" : route,
    status: c.res.status,
  };
  countOrLog(c.get("deps").log, fields, Date.now() - started);
});
