/**
 * @module
 * The one way the app is served on Node: `createApp` with the in-process
 * signalling hub, static files from `public/`, the socket's peer address, and
 * `@hono/node-server` with a `ws` server for the upgrades. The Node entry, the
 * benchmark server and the test servers all start through here, so what they
 * measure and test is what `npm start` runs.
 */
import type { AddressInfo } from "node:net";
import { createAdaptorServer, upgradeWebSocket } from "@hono/node-server";
import { getConnInfo } from "@hono/node-server/conninfo";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import { WebSocketServer } from "ws";
import { createApp } from "../app.ts";
import type { AppEnv, ServedDeps } from "../deps.ts";
import { createHub, type Hub } from "../rooms/hub.ts";
import { MAX_MESSAGE_BYTES } from "../rooms/protocol.ts";
import { PUBLIC_DIR } from "./start-banner.ts";

/** Connections the kernel may hold for accepting (it caps this at `net.core.somaxconn`). */
const LISTEN_BACKLOG = 4096;

export interface NodeServerOptions {
  /** Everything the app needs except what this module adds (rooms, assets, peer address). */
  deps: ServedDeps;
  port: number;
  hostname: string;
  /**
   * Slow or idle clients must not hold connections open for ever: a request's
   * headers must arrive within `headersTimeout`, the whole request within
   * `requestTimeout`; an idle kept-alive connection closes after 5 s.
   * Without them, Node's defaults apply.
   */
  timeouts?: { headersTimeout: number; requestTimeout: number };
  /** Extra routes on the same app, added after the app's own (benchmarks, test pages). */
  extend?: (app: Hono<AppEnv>) => void;
}

export interface NodeServer {
  /** `http://host:port` as bound (the port chosen when 0 was asked for). */
  url: string;
  port: number;
  hub: Hub;
  /** Cuts every signalling socket, as a network drop would. */
  dropSockets(): void;
  close(): Promise<void>;
}

export async function startNodeServer(options: NodeServerOptions): Promise<NodeServer> {
  const hub = createHub(upgradeWebSocket);
  const app = createApp({
    ...options.deps,
    rooms: hub,
    assets: serveStatic({ root: PUBLIC_DIR, precompressed: true }),
    peerAddress: (c) => getConnInfo(c).remote.address,
  });
  options.extend?.(app);

  // Frames far beyond the protocol's limit are cut off by ws before they are buffered whole.
  const sockets = new WebSocketServer({ noServer: true, maxPayload: 2 * MAX_MESSAGE_BYTES });
  const timeouts = options.timeouts;
  const serverOptions = timeouts && {
    headersTimeout: timeouts.headersTimeout,
    requestTimeout: timeouts.requestTimeout,
    keepAliveTimeout: 5_000,
    // How often Node looks for connections past those limits.
    connectionsCheckingInterval: Math.min(
      5_000,
      Math.max(50, Math.floor(timeouts.headersTimeout / 4)),
    ),
  };
  const server = createAdaptorServer({
    fetch: app.fetch,
    hostname: options.hostname,
    websocket: { server: sockets },
    ...(serverOptions ? { serverOptions } : {}),
  });
  // Node's default queue of connections not yet accepted is 511; when thousands of waiting
  // rooms connect at once (a restart), the kernel drops the rest and they retry seconds later.
  await new Promise<void>((resolve) =>
    server.listen({ port: options.port, host: options.hostname, backlog: LISTEN_BACKLOG }, resolve),
  );
  const port = (server.address() as AddressInfo).port;
  const shownHost = options.hostname.includes(":") ? `[${options.hostname}]` : options.hostname;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    hub,
    dropSockets() {
      for (const socket of sockets.clients) socket.terminate();
    },
    async close() {
      // Upgraded sockets are not HTTP connections any more; server.close would wait for them.
      for (const socket of sockets.clients) socket.terminate();
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
