import { createMiddleware } from "hono/factory";
import { routePath } from "hono/route";
import type { AppEnv } from "./deps.ts";

/**
 * One log line per request: method, the matched route pattern (`/appointments/:id`,
 * never the concrete path, which may carry an id or code), status and duration.
 * No query strings, addresses or user agents.
 */
export const requestLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now();
  await next();
  if (c.req.path.startsWith("/assets/")) return;
  const route = routePath(c, -1);
  c.get("deps").log.info("request", {
    method: c.req.method,
    route: route === "*" || route === "/*" ? "(unmatched)" : route,
    status: c.res.status,
    ms: Date.now() - started,
  });
});
