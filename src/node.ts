/**
 * @module
 * Node entry: the embedded default. One command (`npm start`) creates ./data/,
 * the libSQL file and the server secret, applies migrations and serves.
 */
import { serve, upgradeWebSocket } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import { WebSocketServer } from "ws";
import { createApp } from "./app.ts";
import { ConfigError, parseConfig } from "./config.ts";
import { startEmbedded } from "./embedded.ts";
import { consoleLogger } from "./log.ts";
import { createHub } from "./rooms/hub.ts";
import { MAX_MESSAGE_BYTES } from "./rooms/protocol.ts";
import { PUBLIC_DIR, startBanner } from "./start-banner.ts";

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  console.error(error.message);
  process.exit(1);
}

const log = consoleLogger();
const embedded = await startEmbedded(config, log);
const app = createApp({
  ...embedded.deps,
  rooms: createHub(upgradeWebSocket),
  serveAssets: serveStatic({ root: PUBLIC_DIR, precompressed: true }),
  peerAddress: (c) => getConnInfo(c).remote.address,
});

// Frames far beyond the protocol's limit are cut off by ws before they are buffered whole.
const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_MESSAGE_BYTES });
const server = serve(
  {
    fetch: app.fetch,
    port: config.PORT,
    hostname: config.HOST,
    websocket: { server: sockets },
  },
  (info) => {
    console.log(startBanner({ runtime: "Node", host: config.HOST, port: info.port, embedded }));
  },
);

// Slow or idle clients must not hold connections open for ever.
const http = server as unknown as {
  headersTimeout: number;
  requestTimeout: number;
  keepAliveTimeout: number;
};
http.headersTimeout = 20_000;
http.requestTimeout = 30_000;
http.keepAliveTimeout = 5_000;

const shutdown = () => {
  server.close();
  embedded.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
