/**
 * The benchmark server: exactly the Node entry's app (in-process signalling hub
 * included), plus bench-only routes: a bare route (`GET /__bench/ok`) that the
 * poll benchmark measures against in the same process, and the process's memory
 * (`GET /__bench/memory`, after a full GC when started with --expose-gc).
 * Never used outside `npm run bench`.
 */
import { parseConfig } from "../src/config.ts";
import { consoleLogger, silentLogger } from "../src/log.ts";
import { startEmbedded } from "../src/runtime/embedded.ts";
import { startNodeServer } from "../src/runtime/node-server.ts";
import { startBanner } from "../src/runtime/start-banner.ts";

const config = parseConfig(process.env);
// Request logs would cost as much as the requests; purge lines are still wanted.
const quiet = {
  ...silentLogger,
  info: (event: string, fields?: Record<string, string | number | boolean>) => {
    if (event !== "request") consoleLogger().info(event, fields);
  },
};
const embedded = await startEmbedded(config, quiet);
const server = await startNodeServer({
  deps: embedded.deps,
  port: config.PORT,
  hostname: config.HOST,
  extend: (app) => {
    app.get("/__bench/ok", (c) => c.text("ok"));
    app.get("/__bench/memory", (c) => {
      (globalThis as { gc?: () => void }).gc?.();
      return c.json(process.memoryUsage());
    });
  },
});
console.log(
  startBanner({ runtime: "Node, benchmark", host: config.HOST, port: server.port, embedded }),
);

// A clean exit, so `node --cpu-prof` can write its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
