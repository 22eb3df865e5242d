/**
 * @module
 * The per-appointment room on Cloudflare: one Durable Object per appointment
 * (`idFromName(appointmentId)`) in the configured jurisdiction. It will carry the
 * signalling sockets through the WebSocket Hibernation API; for now it answers
 * with its own state, so the binding can be checked end to end.
 */
import { DurableObject } from "cloudflare:workers";

export class Room extends DurableObject {
  override async fetch(_request: Request): Promise<Response> {
    // Sockets accepted with ctx.acceptWebSocket survive hibernation, so the count
    // is read from the runtime rather than kept in memory.
    return Response.json({ sockets: this.ctx.getWebSockets().length });
  }
}

/** The namespace view for the configured jurisdiction (EU by default). */
export function roomsIn(
  rooms: DurableObjectNamespace<Room>,
  jurisdiction: "eu" | "fedramp" | "none",
): DurableObjectNamespace<Room> {
  return jurisdiction === "none" ? rooms : rooms.jurisdiction(jurisdiction);
}
