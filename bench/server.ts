/**
 * The benchmark server: exactly the Node entry's app, plus one bare route
 * (`GET /__bench/ok`) that the poll benchmark measures against in the same
 * process, same run. Never used outside `npm run bench`.
 */
import { serve } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import { startEmbedded } from "../src/embedded.ts";
import { consoleLogger, silentLogger } from "../src/log.ts";
import { PUBLIC_DIR, startBanner } from "../src/start-banner.ts";

const config = parseConfig(process.env);
// Request logs would cost as much as the requests; purge lines are still wanted.
const quiet = {
  ...silentLogger,
  info: (event: string, fields?: Record<string, string | number | boolean>) => {
    if (event !== "request") consoleLogger().info(event, fields);
  },
};
const embedded = await startEmbedded(config, quiet);
const app = createApp({
  ...embedded.deps,
  serveAssets: serveStatic({ root: PUBLIC_DIR, precompressed: true }),
});
app.get("/__bench/ok", (c) => c.text("ok"));
app.get("/__bench/memory", (c) => c.json(process.memoryUsage()));

serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
  console.log(
    startBanner({ runtime: "Node, benchmark", host: config.HOST, port: info.port, embedded }),
  );
});

// A clean exit, so `node --cpu-prof` can write its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
