/**
 * @module
 * The per-appointment room on Cloudflare: one Durable Object per appointment
 * (`idFromName(appointmentId)`) in the configured jurisdiction, carrying the two
 * signalling sockets through the WebSocket Hibernation API. The rules come from
 * `protocol.ts`, exactly as in the Node/Deno hub. It writes nothing to storage:
 * what it knows lives and dies with its two sockets, so retention has nothing to
 * purge here.
 */
import { DurableObject } from "cloudflare:workers";
import type { RoomSockets } from "../deps.ts";
import {
  admit,
  CLOSE,
  encode,
  ended,
  isSession,
  type Knock,
  knocked,
  leave,
  type Member,
  otherRole,
  PING,
  PONG,
  ROLES,
  type Role,
  receive,
  released,
  replaced,
  type ServerMessage,
} from "./protocol.ts";
import { SOCKET_PROTOCOL } from "./wire.ts";

/** The Worker tells the object who connects in these headers (the ticket is checked already). */
const ROLE_HEADER = "x-room-role";
const SESSION_HEADER = "x-room-session";
/** The answer to an upgrade names our subprotocol, or the browser drops the socket. */
const UPGRADED = { status: 101, headers: { "Sec-WebSocket-Protocol": SOCKET_PROTOCOL } };

/** A socket's attachment: its member record, and whether it has given up its seat. */
type Attachment = Member & { gone?: boolean };

function attachment(ws: WebSocket): Attachment | undefined {
  return (ws.deserializeAttachment() as Attachment | null) ?? undefined;
}

function sendAll(ws: WebSocket | undefined, messages: ServerMessage[]) {
  for (const message of messages) {
    try {
      ws?.send(encode(message));
    } catch {
      // The socket closed meanwhile; its own close event tells the room.
    }
  }
}

export class Room extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    // Pings are answered by the runtime, so a quiet call never wakes the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /**
   * The socket holding `role`. Nothing is kept in memory: after hibernation the
   * object wakes with empty fields, so the room is rebuilt from
   * `ctx.getWebSockets()` (tagged with the role) and each socket's attachment.
   */
  private seat(role: Role): { ws: WebSocket; member: Member } | undefined {
    for (const ws of this.ctx.getWebSockets(role)) {
      const member = attachment(ws);
      if (!member || member.gone || ws.readyState > 1) continue;
      const pinged = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
      return { ws, member: { ...member, lastSeen: Math.max(member.lastSeen, pinged) } };
    }
    return undefined;
  }

  /** Says "bye" to every socket and closes it. */
  private endAll(): void {
    for (const ws of this.ctx.getWebSockets()) {
      const member = attachment(ws);
      if (member) ws.serializeAttachment({ ...member, gone: true });
      sendAll(ws, ended());
      ws.close(CLOSE.ended, "ended");
    }
  }

  override async fetch(request: Request): Promise<Response> {
    const path = new URL(request.url).pathname;
    if (request.method === "POST" && path === "/end") {
      this.endAll();
      return new Response(null, { status: 204 });
    }
    if (request.method === "POST" && path === "/release") {
      const role = new URL(request.url).searchParams.get("role") as Role;
      if (!ROLES.includes(role)) return new Response(null, { status: 400 });
      this.releaseSeat(role);
      return new Response(null, { status: 204 });
    }
    if (request.method === "POST" && path === "/knock") {
      const knock = (await request.json()) as Knock | null;
      sendAll(this.seat("counsellor")?.ws, knocked(knock));
      return new Response(null, { status: 204 });
    }
    if (request.method === "DELETE" && path === "/") {
      // The retention purge: nothing of the room may outlive its appointment's data.
      this.endAll();
      await this.ctx.storage.deleteAll();
      return new Response(null, { status: 204 });
    }
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return Response.json({ sockets: this.ctx.getWebSockets().length });
    }
    const role = request.headers.get(ROLE_HEADER) as Role;
    const session = request.headers.get(SESSION_HEADER);
    if (!ROLES.includes(role) || !isSession(session)) return new Response(null, { status: 400 });

    const holder = this.seat(role);
    const peer = this.seat(otherRole(role));
    const admission = admit(role, session, holder?.member, peer?.member, Date.now());
    const [browserEnd, serverEnd] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    if (!admission.ok) {
      // Accepted only to say why, then closed: a refused upgrade shows the browser no reason.
      serverEnd.accept();
      serverEnd.send(encode(admission.toSelf));
      serverEnd.close(admission.closeCode, "occupied");
      return new Response(null, { ...UPGRADED, webSocket: browserEnd });
    }
    this.ctx.acceptWebSocket(serverEnd, [role]);
    serverEnd.serializeAttachment(admission.member);
    if (holder) {
      holder.ws.serializeAttachment({ ...holder.member, gone: true });
      sendAll(holder.ws, replaced());
      holder.ws.close(CLOSE.replaced, "replaced");
    }
    sendAll(serverEnd, [admission.toSelf]);
    sendAll(peer?.ws, admission.toPeer);
    return new Response(null, { ...UPGRADED, webSocket: browserEnd });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const member = attachment(ws);
    if (!member || member.gone) return;
    const peer = this.seat(otherRole(member.role));
    const reception = receive(member, data, peer !== undefined, Date.now());
    ws.serializeAttachment(reception.member);
    sendAll(ws, reception.toSelf);
    sendAll(peer?.ws, reception.toPeer);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    this.release(ws);
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code, reason);
    } catch {
      // Already closed.
    }
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    this.release(ws);
  }

  /** Closes the socket holding `role` for good; its peer hears that it left. */
  private releaseSeat(role: Role): void {
    const holder = this.seat(role);
    if (!holder) return;
    holder.ws.serializeAttachment({ ...holder.member, gone: true });
    const messages = released();
    sendAll(holder.ws, messages.toSelf);
    holder.ws.close(CLOSE.replaced, "replaced");
    sendAll(this.seat(otherRole(role))?.ws, messages.toPeer);
  }

  private release(ws: WebSocket) {
    const member = attachment(ws);
    if (!member || member.gone) return;
    try {
      ws.serializeAttachment({ ...member, gone: true });
    } catch {
      // A closed socket keeps its last attachment; seat() skips it by readyState.
    }
    sendAll(this.seat(otherRole(member.role))?.ws, leave());
  }
}

/** The namespace view for the configured jurisdiction (EU by default). */
export function roomsIn(
  rooms: DurableObjectNamespace<Room>,
  jurisdiction: "eu" | "fedramp" | "none",
): DurableObjectNamespace<Room> {
  return jurisdiction === "none" ? rooms : rooms.jurisdiction(jurisdiction);
}

/** Deletes a room's Durable Object state (after its appointment was purged). */
export async function purgeRoom(rooms: DurableObjectNamespace<Room>, room: string): Promise<void> {
  await rooms.get(rooms.idFromName(room)).fetch("https://room/", { method: "DELETE" });
}

/**
 * Signalling on Workers: the Worker never accepts a socket itself; it forwards the
 * verified upgrade to the room's Durable Object, with the role from the ticket.
 */
export function durableRooms(rooms: DurableObjectNamespace<Room>): RoomSockets {
  return {
    async end(room) {
      await rooms.get(rooms.idFromName(room)).fetch("https://room/end", { method: "POST" });
    },
    async release(room, role) {
      await rooms
        .get(rooms.idFromName(room))
        .fetch(`https://room/release?role=${role}`, { method: "POST" });
    },
    async sendBack(room, member) {
      await rooms
        .get(rooms.idFromName(room))
        .fetch("https://room/send-back", { method: "POST", body: JSON.stringify({ member }) });
    },
    async knock(room, knock) {
      await rooms
        .get(rooms.idFromName(room))
        .fetch("https://room/knock", { method: "POST", body: JSON.stringify(knock) });
    },
    async connect(c, room, role, session) {
      const headers = new Headers(c.req.raw.headers);
      headers.set(ROLE_HEADER, role);
      headers.set(SESSION_HEADER, session);
      const res = await rooms.get(rooms.idFromName(room)).fetch("https://room/ws", { headers });
      // A fetched response has immutable headers; the app's middleware adds its own.
      return new Response(res.body, {
        status: res.status,
        headers: res.headers,
        webSocket: res.webSocket,
      });
    },
  };
}
