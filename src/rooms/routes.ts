/**
 * @module
 * `GET /rooms/:room/ws?ticket=…&session=…`: the signalling WebSocket. The ticket
 * (minted by the call page route after it checked the user) must name this room;
 * the runtime's `deps.rooms` then takes the socket.
 */
import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../deps.ts";
import { isSession } from "./protocol.ts";
import { verifyTicket } from "./tickets.ts";

const query = z.object({
  ticket: z.string().max(1024),
  session: z.string().refine(isSession),
});

/** The path a call page connects to; `room` is the appointment id. */
export function roomSocketPath(room: string): string {
  return `/rooms/${encodeURIComponent(room)}/ws`;
}

export const roomRoutes = new Hono<AppEnv>().get(
  "/rooms/:room/ws",
  zValidator("query", query, (result, c) => {
    if (!result.success) return c.text("A ticket and a session are required.\n", 400);
  }),
  async (c) => {
    const { rooms, serverSecret, now } = c.get("deps");
    if (c.req.header("upgrade")?.toLowerCase() !== "websocket") {
      return c.text("This address only takes WebSocket connections.\n", 426);
    }
    const { ticket, session } = c.req.valid("query");
    const grant = await verifyTicket(serverSecret, ticket, now());
    if (!grant.ok || grant.room !== c.req.param("room")) {
      return c.text("The ticket is not valid for this room.\n", 403);
    }
    if (!rooms) return c.text("Signalling is not available here.\n", 503);
    return rooms.connect(c, grant.room, grant.role, session);
  },
);
