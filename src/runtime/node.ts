/**
 * @module
 * Node entry: the embedded default. One command (`npm start`) creates ./data/,
 * the libSQL file and the server secret, applies migrations and serves.
 */
import { configOrExit } from "../config.ts";
import { consoleLogger, summarising } from "../log.ts";
import { startEmbeddedOrExit } from "./embedded.ts";
import { startNodeServer } from "./node-server.ts";
import { startBanner } from "./start-banner.ts";

const config = configOrExit(process.env, (code) => process.exit(code));

// Unchanged polls are counted, and summed up once a minute.
const log = summarising(consoleLogger());
const embedded = await startEmbeddedOrExit(config, log, (code) => process.exit(code));
const server = await startNodeServer({
  deps: embedded.deps,
  port: config.PORT,
  hostname: config.HOST,
  timeouts: {
    headersTimeout: config.SERVER_HEADERS_TIMEOUT_MS,
    requestTimeout: config.SERVER_REQUEST_TIMEOUT_MS,
  },
});
console.log(startBanner({ runtime: "Node", host: config.HOST, port: server.port, embedded }));

const shutdown = async () => {
  void server.close();
  await embedded.stop();
  log.stop();
  process.exit(0);
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
