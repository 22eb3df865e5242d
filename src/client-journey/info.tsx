/**
 * @module
 * `GET /info`: data protection, what you need, tips and terms, without signing in.
 */
import { Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { InfoPage } from "../../views/pages/info.tsx";
import type { AppEnv } from "../deps.ts";

/** The information page. */
export const infoRoutes = new Hono<AppEnv>().get("/info", (c) => {
  const { RETENTION_DAYS, DATABASE_HISTORY_DAYS } = c.get("deps").config;
  return renderPage(
    c,
    <InfoPage t={c.get("t")} retentionDays={RETENTION_DAYS} historyDays={DATABASE_HISTORY_DAYS} />,
    { title: c.get("t")("info.title") },
  );
});
