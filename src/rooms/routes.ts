/**
 * @module
 * `GET /rooms/:room/ws`: the signalling WebSocket. The page offers the ticket
 * (minted by the call page route after it checked the user) and its session as
 * subprotocols, so neither ever appears in a URL or an access log; the ticket
 * must name this room, whose session has not ended. The runtime's `deps.rooms`
 * (the Node/Deno hub or the Worker's forwarding to the Durable Object) then takes the socket.
 */
import { Hono } from "hono";
import { z } from "zod";
import { isOver } from "../appointments/client-store.ts";
import { mayEnterRoom, participantIdOf } from "../appointments/participants.ts";
import type { AppEnv } from "../deps.ts";
import { isSession } from "./protocol.ts";
import { verifyTicket } from "./tickets.ts";
import { fromSocketProtocols } from "./wire.ts";

const credentials = z.object({
  ticket: z.string().max(1024),
  session: z.string().refine(isSession),
});

/** The path a call page connects to; `room` is the appointment id. */
export function roomSocketPath(room: string): string {
  return `/rooms/${encodeURIComponent(room)}/ws`;
}

export const roomRoutes = new Hono<AppEnv>().get("/rooms/:room/ws", async (c) => {
  const { rooms, serverSecret, now, db } = c.get("deps");
  if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
    return c.text("This address only takes WebSocket connections.\n", 426);
  }
  const offered = credentials.safeParse(
    fromSocketProtocols(c.req.header("sec-websocket-protocol")),
  );
  if (!offered.success) {
    return c.text("A ticket and a session are required (as WebSocket subprotocols).\n", 400);
  }
  const { ticket, session } = offered.data;
  const grant = await verifyTicket(serverSecret, ticket, now());
  if (!grant.ok || grant.room !== c.req.param("room")) {
    return c.text("The ticket is not valid for this room.\n", 403);
  }
  // A ticket outlives the click on "end session" by up to two minutes; the room does not.
  if (await isOver(db, grant.room)) {
    return c.text("This session has ended.\n", 403);
  }
  // A further participant's ticket also outlives "send back" and "remove": the room takes
  // them only while the counsellor has them let in.
  const participant = participantIdOf(grant.member);
  if (participant !== undefined && !(await mayEnterRoom(db, grant.room, participant))) {
    return c.text("You are not let in to this call now.\n", 403);
  }
  return rooms.connect(c, grant.room, grant.member, session);
});
