import { Hono } from "hono";
import { renderPage } from "../views/page.tsx";
import { HomePage } from "../views/pages/home.tsx";
import type { AppEnv } from "./deps.ts";

/** `GET /`: what the service is, with the way in and the way to the information page. */
export const homeRoutes = new Hono<AppEnv>().get("/", (c) => {
  const { RETENTION_DAYS, DATABASE_HISTORY_DAYS } = c.get("deps").config;
  // "At the latest" counts the days the database keeps deleted rows restorable.
  return renderPage(
    c,
    <HomePage t={c.get("t")} retentionDays={RETENTION_DAYS + DATABASE_HISTORY_DAYS} />,
    { title: c.get("t")("home.title") },
  );
});
