/**
 * @module
 * The per-appointment room on Cloudflare: one Durable Object per appointment
 * (`idFromName(appointmentId)`) in the configured jurisdiction, carrying the
 * signalling sockets of up to four members through the WebSocket Hibernation
 * API. The rules come from `protocol.ts`, exactly as in the Node/Deno hub. It
 * writes nothing to storage: what it knows lives and dies with its sockets, so
 * retention has nothing to purge here.
 */
import { DurableObject } from "cloudflare:workers";
import type { RoomSockets } from "../deps.ts";
import {
  admit,
  CLOSE,
  type Delivery,
  encode,
  ended,
  isMemberId,
  isSession,
  type Knock,
  knocked,
  leave,
  type Member,
  type MemberId,
  PING,
  PONG,
  receive,
  released,
  replaced,
  type ServerMessage,
  sendBack,
} from "./protocol.ts";
import { SOCKET_PROTOCOL } from "./wire.ts";

/** The Worker tells the object who connects in these headers (the ticket is checked already). */
const MEMBER_HEADER = "x-room-member";
const SESSION_HEADER = "x-room-session";
/** The answer to an upgrade names our subprotocol, or the browser drops the socket. */
const UPGRADED = { status: 101, headers: { "Sec-WebSocket-Protocol": SOCKET_PROTOCOL } };

/** A socket's attachment: its member record, and whether it has given up its seat. */
type Attachment = Member & { gone?: boolean };
type Seat = { ws: WebSocket; member: Member };

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

/** The member named in a control request's JSON body (`{ "member": … }`), if well-formed. */
async function memberOf(request: Request): Promise<MemberId | undefined> {
  try {
    const body = (await request.json()) as { member?: unknown } | null;
    return isMemberId(body?.member) ? body.member : undefined;
  } catch {
    return undefined;
  }
}

export class Room extends DurableObject<Record<string, unknown>> {
  constructor(ctx: DurableObjectState, env: Record<string, unknown>) {
    super(ctx, env);
    // Pings are answered by the runtime, so a quiet call never wakes the object.
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG));
  }

  /**
   * The sockets holding a seat, by member. Nothing is kept in memory: after
   * hibernation the object wakes with empty fields, so the room is rebuilt from
   * `ctx.getWebSockets()` (tagged with the member id) and each socket's attachment.
   */
  private seats(): Map<MemberId, Seat> {
    const seats = new Map<MemberId, Seat>();
    for (const ws of this.ctx.getWebSockets()) {
      const member = attachment(ws);
      if (!member || member.gone || ws.readyState > 1) continue;
      const pinged = this.ctx.getWebSocketAutoResponseTimestamp(ws)?.getTime() ?? 0;
      seats.set(member.id, {
        ws,
        member: { ...member, lastSeen: Math.max(member.lastSeen, pinged) },
      });
    }
    return seats;
  }

  private deliver(deliveries: Delivery[]): void {
    const seats = this.seats();
    for (const { to, message } of deliveries) sendAll(seats.get(to)?.ws, [message]);
  }

  /** Marks a socket as no longer holding its seat, so its close tells nobody. */
  private unseat(seat: Seat): void {
    try {
      seat.ws.serializeAttachment({ ...seat.member, gone: true });
    } catch {
      // A closed socket keeps its last attachment; seats() skips it by readyState.
    }
  }

  /** Says "ended" to every socket and closes it. */
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
    if (request.method === "POST" && (path === "/release" || path === "/send-back")) {
      const member = await memberOf(request);
      if (!member) return new Response(null, { status: 400 });
      if (path === "/release") this.releaseSeat(member);
      else this.sendBack(member);
      return new Response(null, { status: 204 });
    }
    if (request.method === "POST" && path === "/knock") {
      const knock = (await request.json()) as Knock | null;
      sendAll(this.seats().get("counsellor")?.ws, knocked(knock));
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
    const id = request.headers.get(MEMBER_HEADER);
    const session = request.headers.get(SESSION_HEADER);
    if (!isMemberId(id) || !isSession(session)) return new Response(null, { status: 400 });

    const seats = this.seats();
    const holder = seats.get(id);
    const others = [...seats.values()].map((seat) => seat.member);
    const admission = admit(id, session, holder?.member, others, Date.now());
    const [browserEnd, serverEnd] = Object.values(new WebSocketPair()) as [WebSocket, WebSocket];
    if (!admission.ok) {
      // Accepted only to say why, then closed: a refused upgrade shows the browser no reason.
      serverEnd.accept();
      serverEnd.send(encode(admission.toSelf));
      serverEnd.close(
        admission.closeCode,
        admission.closeCode === CLOSE.full ? "full" : "occupied",
      );
      return new Response(null, { ...UPGRADED, webSocket: browserEnd });
    }
    this.ctx.acceptWebSocket(serverEnd, [id]);
    serverEnd.serializeAttachment(admission.member);
    if (holder) {
      this.unseat(holder);
      sendAll(holder.ws, replaced());
      holder.ws.close(CLOSE.replaced, "replaced");
    }
    sendAll(serverEnd, [admission.toSelf]);
    this.deliver(admission.toOthers);
    return new Response(null, { ...UPGRADED, webSocket: browserEnd });
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const member = attachment(ws);
    if (!member || member.gone) return;
    const reception = receive(member, data, [...this.seats().keys()], Date.now());
    ws.serializeAttachment(reception.member);
    sendAll(ws, reception.toSelf);
    this.deliver(reception.toOthers);
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

  /** Closes `member`'s socket for good (another device took the seat); the others hear that it left. */
  private releaseSeat(member: MemberId): void {
    const seat = this.seats().get(member);
    if (!seat) return;
    this.unseat(seat);
    const news = released(member, [...this.seats().keys()]);
    sendAll(seat.ws, news.toSelf);
    seat.ws.close(CLOSE.replaced, "replaced");
    this.deliver(news.toOthers);
  }

  /** Closes `member`'s socket: the counsellor sent them back to the waiting room. */
  private sendBack(member: MemberId): void {
    const seat = this.seats().get(member);
    if (!seat) return;
    this.unseat(seat);
    const news = sendBack(member, [...this.seats().keys()]);
    sendAll(seat.ws, news.toSelf);
    seat.ws.close(CLOSE.sentBack, "sent back");
    this.deliver(news.toOthers);
  }

  /** A socket went away by itself: if it still held its seat, the others hear that it left. */
  private release(ws: WebSocket) {
    const member = attachment(ws);
    if (!member || member.gone) return;
    this.unseat({ ws, member });
    this.deliver(leave(member.id, [...this.seats().keys()]));
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
 * verified upgrade to the room's Durable Object, with the member from the ticket.
 */
export function durableRooms(rooms: DurableObjectNamespace<Room>): RoomSockets {
  const post = async (room: string, path: string, body?: unknown) => {
    await rooms.get(rooms.idFromName(room)).fetch(`https://room${path}`, {
      method: "POST",
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
  };
  return {
    end: (room) => post(room, "/end"),
    release: (room, member) => post(room, "/release", { member }),
    sendBack: (room, member) => post(room, "/send-back", { member }),
    knock: (room, knock) => post(room, "/knock", knock),
    async connect(c, room, member, session) {
      const headers = new Headers(c.req.raw.headers);
      headers.set(MEMBER_HEADER, member);
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
