/**
 * The benchmark server: exactly the Node entry's app (in-process signalling hub
 * included), plus bench-only routes: a bare route (`GET /__bench/ok`) that the
 * poll benchmark measures against in the same process, and the process's memory
 * (`GET /__bench/memory`, after a full GC when started with --expose-gc).
 * Never used outside `npm run bench`.
 */
import { serve, upgradeWebSocket } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { WebSocketServer } from "ws";
import { createApp } from "../src/app.ts";
import { parseConfig } from "../src/config.ts";
import { startEmbedded } from "../src/embedded.ts";
import { consoleLogger, silentLogger } from "../src/log.ts";
import { createHub } from "../src/rooms/hub.ts";
import { MAX_MESSAGE_BYTES } from "../src/rooms/protocol.ts";
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
  rooms: createHub(upgradeWebSocket),
  serveAssets: serveStatic({ root: PUBLIC_DIR, precompressed: true }),
});
app.get("/__bench/ok", (c) => c.text("ok"));
app.get("/__bench/memory", (c) => {
  (globalThis as { gc?: () => void }).gc?.();
  return c.json(process.memoryUsage());
});

const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_MESSAGE_BYTES });
serve(
  { fetch: app.fetch, port: config.PORT, hostname: config.HOST, websocket: { server: sockets } },
  (info) => {
    console.log(
      startBanner({ runtime: "Node, benchmark", host: config.HOST, port: info.port, embedded }),
    );
  },
);

// A clean exit, so `node --cpu-prof` can write its profile.
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => process.exit(0));
