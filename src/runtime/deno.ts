/**
 * @module
 * Deno entry: the same embedded start as Node, served by `Deno.serve`.
 */
import { getConnInfo, serveStatic, upgradeWebSocket } from "hono/deno";
import { createApp } from "../app.ts";
import { configOrExit } from "../config.ts";
import { consoleLogger, summarising } from "../log.ts";
import { createHub } from "../rooms/hub.ts";
import { startEmbeddedOrExit } from "./embedded.ts";
import { PUBLIC_DIR, startBanner } from "./start-banner.ts";

declare const Deno: {
  env: { toObject(): Record<string, string> };
  exit(code: number): never;
  serve(
    options: { port: number; hostname: string; onListen?: (addr: { port: number }) => void },
    handler: (request: Request) => Response | Promise<Response>,
  ): { shutdown(): Promise<void> };
  addSignalListener(signal: "SIGINT" | "SIGTERM", handler: () => void): void;
};

const config = configOrExit(Deno.env.toObject(), (code) => Deno.exit(code));

// Unchanged polls are counted, and summed up once a minute.
const log = summarising(consoleLogger());
const embedded = await startEmbeddedOrExit(config, log, (code) => Deno.exit(code));
const app = createApp({
  ...embedded.deps,
  rooms: createHub(upgradeWebSocket),
  assets: serveStatic({ root: PUBLIC_DIR, precompressed: true }),
  peerAddress: (c) => getConnInfo(c).remote.address,
});

const server = Deno.serve(
  {
    port: config.PORT,
    hostname: config.HOST,
    onListen: ({ port }) =>
      console.log(startBanner({ runtime: "Deno", host: config.HOST, port, embedded })),
  },
  app.fetch,
);

const shutdown = async () => {
  await server.shutdown();
  await embedded.stop();
  log.stop();
  Deno.exit(0);
};
Deno.addSignalListener("SIGINT", shutdown);
Deno.addSignalListener("SIGTERM", shutdown);
