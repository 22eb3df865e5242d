/**
 * Test-only server for the call page: the real app as the Node entry serves it
 * (`startNodeServer`: the in-process hub, the assets) on a free loopback port,
 * plus one route that exists only here and renders the call page for a given
 * room and member ("counsellor", "client" or `p-<id>`), as the authorised page
 * routes do after their checks.
 */
import type { AppDeps } from "../src/deps.ts";
import { renderCallPage } from "../src/rooms/call-page.tsx";
import type { Hub } from "../src/rooms/hub.ts";
import { isMemberId, type MemberId } from "../src/rooms/wire.ts";
import { startNodeServer } from "../src/runtime/node-server.ts";
import { makeTestApp } from "./test-app.ts";

export interface CallServer {
  url: string;
  /** The call page for `member` in `room`; `relay` forces TURN. */
  pageUrl(room: string, member: MemberId, options?: { relay?: boolean }): string;
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
  /** The address to listen on; the network lab passes one inside its namespace. */
  hostname = "127.0.0.1",
): Promise<CallServer> {
  const base = await makeTestApp({ env, now });
  const server = await startNodeServer({
    deps: base.deps,
    port,
    hostname,
    extend: (app) =>
      app
        // Ends the room as the counsellor's "end session" does for an appointment.
        .post("/test-call/:room/end", async (c) => {
          await c.get("deps").rooms.end(c.req.param("room"));
          return c.redirect("/", 303);
        })
        // A further participant's page comes back here when sent back to the waiting room.
        .get("/test-call/:room/:member/lobby", (c) => c.text("waiting room\n"))
        .get("/test-call/:room/:member", (c) => {
          const member = c.req.param("member");
          if (!isMemberId(member)) return c.notFound();
          const room = c.req.param("room");
          return renderCallPage(c, {
            room,
            member,
            endUrl: "/",
            peerName: member === "counsellor" ? "Klara Beispiel" : "Anna Beraterin",
            ...(member === "counsellor" && { endAction: `/test-call/${room}/end` }),
            ...(member !== "counsellor" &&
              member !== "client" && { lobbyUrl: `/test-call/${room}/${member}/lobby` }),
            iceTransportPolicy: c.req.query("relay") ? "relay" : "all",
          });
        }),
  });
  const url = server.url;
  return {
    url,
    pageUrl: (room, member, options) =>
      `${url}/test-call/${room}/${member}${options?.relay ? "?relay=1" : ""}`,
    hub: server.hub,
    deps: base.deps,
    dropSockets: () => server.dropSockets(),
    async close() {
      await server.close();
      base.close();
    },
  };
}
