import { Hono } from "hono";
import { databaseAnswers } from "./db/health.ts";
import type { AppEnv } from "./deps.ts";

/** `GET /healthz`: 200 when the database answers, 503 otherwise. Never cached. */
export const healthRoutes = new Hono<AppEnv>().get("/healthz", async (c) => {
  c.header("Cache-Control", "no-store");
  const ok = await databaseAnswers(c.get("deps").db);
  return c.json({ status: ok ? "ok" : "unavailable", database: ok }, ok ? 200 : 503);
});
