/**
 * @module
 * Builds the Hono app from injected dependencies. Portable: imports no runtime;
 * `node.ts`, `deno.ts` and `worker.ts` only wire the dependencies in.
 */
import { Hono } from "hono";
import { compress } from "hono/compress";
import type { AppDeps, AppEnv } from "./deps.ts";
import { errorPage, notFoundPage } from "./errors.tsx";
import { healthRoutes } from "./health.ts";
import { homeRoutes } from "./home.tsx";
import { asLang, detectLanguage, translator } from "./i18n/index.ts";
import { requestLog } from "./log-requests.ts";
import { roomRoutes } from "./rooms/routes.ts";
import { assetCaching } from "./security/asset-caching.ts";
import { securityHeaders } from "./security/headers.ts";

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(requestLog);
  app.use(securityHeaders);
  if (deps.compress) app.use(compress());
  app.use(detectLanguage);
  app.use(async (c, next) => {
    const lang = asLang(c.get("language"));
    c.set("lang", lang);
    c.set("t", translator(lang));
    await next();
  });

  if (deps.serveAssets) app.use("/assets/*", assetCaching, deps.serveAssets);

  app.route("/", healthRoutes);
  app.route("/", homeRoutes);
  app.route("/", roomRoutes);

  app.notFound(notFoundPage);
  app.onError(errorPage);
  return app;
}
