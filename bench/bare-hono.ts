/**
 * The ceiling the waiting-room poll is measured against: a bare Hono route on
 * `@hono/node-server`, no middleware, in a process of its own. Prints the same
 * start line as the app, so the benchmarks start both the same way.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";

const app = new Hono().get("/", (c) => c.text("ok"));
serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 0), hostname: "127.0.0.1" }, (info) => {
  console.log(`bare Hono is serving on http://127.0.0.1:${info.port}`);
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
