/**
 * @module
 * Builds the Hono app from injected dependencies. Portable: imports no runtime;
 * `node.ts`, `deno.ts` and `worker.ts` only wire the dependencies in.
 */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { appointmentRoutes } from "./appointments/routes.tsx";
import { adminRoutes } from "./auth/admin-routes.tsx";
import { authRoutes } from "./auth/routes.tsx";
import { clientCallRoutes } from "./client-journey/call.tsx";
import { checkRoutes } from "./client-journey/check.tsx";
import { infoRoutes } from "./client-journey/info.tsx";
import { joinRoutes } from "./client-journey/join.tsx";
import { lobbyRoutes } from "./client-journey/lobby.tsx";
import { quickExitRoutes } from "./client-journey/quick-exit.ts";
import { unchangedPoll } from "./client-journey/unchanged-poll.ts";
import { dashboardRoutes } from "./dashboard.tsx";
import type { AppDeps, AppEnv } from "./deps.ts";
import { badRequestPage, errorPage, notFoundPage, tooLargePage } from "./errors.tsx";
import { healthRoutes } from "./health.ts";
import { homeRoutes } from "./home.tsx";
import { asLang, translator } from "./i18n/index.ts";
import { detectLanguage } from "./i18n/middleware.ts";
import { requestLog } from "./log-requests.ts";
import { roomRoutes } from "./rooms/routes.ts";
import { assetCaching } from "./security/asset-caching.ts";
import { formOriginCheck } from "./security/csrf.ts";
import { securityHeaders } from "./security/headers.ts";
import { configuredOrigin } from "./security/request.ts";

/** The largest request body accepted (413 above). */
export const MAX_BODY_BYTES = 32 * 1024;

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // The waiting room's unchanged poll is most of the traffic and needs none of what follows.
  app.get("/lobby/status", unchangedPoll(deps));
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

  if (deps.assets !== "platform") app.use("/assets/*", assetCaching, deps.assets);

  // No form of ours comes near this; anything larger is refused before it is read. A GET
  // or HEAD body is never read, and asking for one would build a whole Request per poll.
  const limitBody = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: tooLargePage });
  app.use((c, next) =>
    c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next),
  );

  // A form body that cannot be parsed is the visitor's error (400), never a 500 later in a
  // route. Hono keeps the parsed body, so routes and validators read it again for free.
  app.use(async (c, next) => {
    const type = c.req.header("content-type") ?? "";
    if (
      c.req.method === "POST" &&
      /^\s*(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type)
    ) {
      try {
        await c.req.parseBody();
      } catch {
        return badRequestPage(c);
      }
    }
    await next();
  });

  // Every form post must come from our own pages (Origin and Sec-Fetch-Site), on top of SameSite cookies.
  app.use(formOriginCheck(configuredOrigin(deps.config)));

  app.route("/", healthRoutes);
  app.route("/", homeRoutes);
  app.route("/", authRoutes);
  app.route("/", adminRoutes);
  app.route("/", dashboardRoutes);
  app.route("/", appointmentRoutes);
  app.route("/", infoRoutes);
  app.route("/", joinRoutes);
  app.route("/", lobbyRoutes);
  app.route("/", clientCallRoutes);
  app.route("/", quickExitRoutes);
  app.route("/", checkRoutes);
  app.route("/", roomRoutes);

  app.notFound(notFoundPage);
  app.onError(errorPage);
  return app;
}
