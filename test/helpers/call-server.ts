/**
 * Test-only server for the call page: the real app (with the in-process hub and
 * the assets) on a free loopback port, plus one route that exists only here and
 * renders the call page for a given room and role, as the authorised page routes
 * do after their checks.
 */
import type { AddressInfo } from "node:net";
import { serve, upgradeWebSocket } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { WebSocketServer } from "ws";
import { createApp } from "../../src/app.ts";
import type { AppDeps } from "../../src/deps.ts";
import { renderCallPage } from "../../src/rooms/call-page.tsx";
import { createHub, type Hub } from "../../src/rooms/hub.ts";
import { PUBLIC_DIR } from "../../src/start-banner.ts";
import { makeTestApp } from "./app.ts";

export interface CallServer {
  url: string;
  /** The call page for `role` in `room`; `relay` forces TURN. */
  pageUrl(room: string, role: "counsellor" | "client", options?: { relay?: boolean }): string;
  /** The in-process hub, to count a room's sockets. */
  hub: Hub;
  /** The app's dependencies (database, secret), to add and admit appointments. */
  deps: AppDeps;
  /** Cuts every signalling socket, as a network drop would. */
  dropSockets(): void;
  close(): Promise<void>;
}

export async function startCallServer(
  env: Record<string, string> = {},
  now: () => Date = () => new Date(),
  /** A fixed port, e.g. to start again where a stopped server was. Default: a free one. */
  port = 0,
): Promise<CallServer> {
  const base = await makeTestApp({ env, now });
  const hub = createHub(upgradeWebSocket);
  const app = createApp({
    ...base.deps,
    rooms: hub,
    serveAssets: serveStatic({ root: PUBLIC_DIR }),
  });
  app.get("/test-call/:room/:role", (c) => {
    const role = c.req.param("role") === "counsellor" ? "counsellor" : "client";
    return renderCallPage(c, {
      room: c.req.param("room"),
      role,
      endUrl: "/",
      iceTransportPolicy: c.req.query("relay") ? "relay" : "all",
    });
  });
  const sockets = new WebSocketServer({ noServer: true });
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port,
        hostname: "127.0.0.1",
        websocket: { server: sockets },
      },
      () => resolve(s),
    );
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    pageUrl: (room, role, options) =>
      `${url}/test-call/${room}/${role}${options?.relay ? "?relay=1" : ""}`,
    hub,
    deps: base.deps,
    dropSockets() {
      for (const socket of sockets.clients) socket.terminate();
    },
    async close() {
      // Upgraded sockets are not HTTP connections any more; server.close would wait for them.
      for (const socket of sockets.clients) socket.terminate();
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      await new Promise((resolve) => server.close(resolve));
      base.close();
    },
  };
}
