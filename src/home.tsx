import { Hono } from "hono";
import { renderPage } from "../views/page.tsx";
import { HomePage } from "../views/pages/home.tsx";
import type { AppEnv } from "./deps.ts";

/** `GET /`: what the service is, with the way in and the way to the information page. */
export const homeRoutes = new Hono<AppEnv>().get("/", (c) =>
  renderPage(c, <HomePage t={c.get("t")} retentionDays={c.get("deps").config.RETENTION_DAYS} />, {
    title: c.get("t")("home.title"),
  }),
);
