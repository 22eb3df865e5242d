/**
 * Test-only server for the call page: the real app as the Node entry serves it
 * (`startNodeServer`: the in-process hub, the assets) on a free loopback port,
 * plus routes that exist only here: the call page for a given room and member,
 * as the authorised page routes do after their checks, and the counsellor's
 * "end session" and "send back" for a room.
 */
import type { AppDeps } from "../src/deps.ts";
import { renderCallPage } from "../src/rooms/call-page.tsx";
import type { Hub } from "../src/rooms/hub.ts";
import { isMemberId, type MemberId } from "../src/rooms/wire.ts";
import { startNodeServer } from "../src/runtime/node-server.ts";
import { makeTestApp } from "./test-app.ts";

export interface CallServer {
  url: string;
  /**
   * The call page for `member` in `room`; `relay` forces TURN; `with` names the further
   * participants (`p-…`) the page may meet, shown as "Gast" and the id's first letters.
   */
  pageUrl(
    room: string,
    member: MemberId,
    options?: { relay?: boolean; with?: readonly MemberId[] },
  ): string;
  /** Where the page of a member sent back goes (their "waiting room" here). */
  lobbyUrl(room: string, member: MemberId): string;
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
        // Sends one member back to the waiting room, as the counsellor's button does.
        .post("/test-call/:room/send-back/:member", async (c) => {
          const member = c.req.param("member");
          if (!isMemberId(member)) return c.notFound();
          await c.get("deps").rooms.sendBack(c.req.param("room"), member);
          return c.body(null, 204);
        })
        .get("/test-call/:room/:member", (c) => {
          const member = c.req.param("member");
          if (!isMemberId(member)) return c.notFound();
          const room = c.req.param("room");
          const further = (c.req.query("with") ?? "").split(",").filter(isMemberId);
          const people: Record<string, { name: string; role: string }> = {
            counsellor: { name: "Anna Beraterin", role: "Beratung" },
            client: { name: "Klara Beispiel", role: "Klient/in" },
          };
          for (const id of further)
            people[id] = { name: `Gast ${id.slice(2, 6)}`, role: "Begleitperson" };
          delete people[member];
          return renderCallPage(c, {
            room,
            member,
            people,
            endUrl: "/",
            // The home page stands in for the waiting room; the query tells whose it is.
            lobbyUrl: `/?back=${encodeURIComponent(`${room}/${member}`)}`,
            ...(member === "counsellor" && { endAction: `/test-call/${room}/end` }),
            iceTransportPolicy: c.req.query("relay") ? "relay" : "all",
          });
        }),
  });
  const url = server.url;
  return {
    url,
    pageUrl: (room, member, options) => {
      const query = new URLSearchParams();
      if (options?.relay) query.set("relay", "1");
      if (options?.with?.length) query.set("with", options.with.join(","));
      const search = query.toString();
      return `${url}/test-call/${room}/${member}${search ? `?${search}` : ""}`;
    },
    lobbyUrl: (room, member) => `${url}/?back=${encodeURIComponent(`${room}/${member}`)}`,
    hub: server.hub,
    deps: base.deps,
    dropSockets: () => server.dropSockets(),
    async close() {
      await server.close();
      base.close();
    },
  };
}
