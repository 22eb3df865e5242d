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
import { configOrExit } from "./config.ts";
import { startEmbedded } from "./embedded.ts";
import { consoleLogger, summarising } from "./log.ts";
import { createHub } from "./rooms/hub.ts";
import { MAX_MESSAGE_BYTES } from "./rooms/protocol.ts";
import { PUBLIC_DIR, startBanner } from "./start-banner.ts";

const config = configOrExit(process.env, (code) => process.exit(code));

// Unchanged polls are counted, and summed up once a minute.
const log = summarising(consoleLogger());
const embedded = await startEmbedded(config, log);
const app = createApp({
  ...embedded.deps,
  rooms: createHub(upgradeWebSocket),
  serveAssets: serveStatic({ root: PUBLIC_DIR, precompressed: true }),
  peerAddress: (c) => getConnInfo(c).remote.address,
});

// Frames far beyond the protocol's limit are cut off by ws before they are buffered whole.
const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_MESSAGE_BYTES });
// Slow or idle clients must not hold connections open for ever: a request's headers
// must arrive within SERVER_HEADERS_TIMEOUT_MS, the whole request within
// SERVER_REQUEST_TIMEOUT_MS, and an idle kept-alive connection closes after 5 s.
const headersTimeout = config.SERVER_HEADERS_TIMEOUT_MS;
const server = serve(
  {
    fetch: app.fetch,
    port: config.PORT,
    hostname: config.HOST,
    websocket: { server: sockets },
    serverOptions: {
      headersTimeout,
      requestTimeout: config.SERVER_REQUEST_TIMEOUT_MS,
      keepAliveTimeout: 5_000,
      // How often Node looks for connections past those limits.
      connectionsCheckingInterval: Math.min(5_000, Math.max(50, Math.floor(headersTimeout / 4))),
    },
  },
  (info) => {
    console.log(startBanner({ runtime: "Node", host: config.HOST, port: info.port, embedded }));
  },
);

const shutdown = () => {
  server.close();
  embedded.stop();
  log.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
