/**
 * @module
 * The in-process signalling hub for Node and Deno: one map of rooms in memory,
 * fed by the runtime's `upgradeWebSocket`. The rules come from `protocol.ts`; a
 * room disappears when its last socket closes.
 */
import type { UpgradeWebSocket, WSContext, WSMessageReceive } from "hono/ws";
import type { RoomSockets } from "../deps.ts";
import {
  admit,
  CLOSE,
  type Delivery,
  encode,
  ended,
  type Knock,
  knocked,
  leave,
  type Member,
  type MemberId,
  receive,
  released,
  replaced,
  type ServerMessage,
  sendBack,
} from "./protocol.ts";

interface Seat {
  ws: WSContext;
  member: Member;
}
type Seats = Map<MemberId, Seat>;

/** The hub, plus a count of a room's seated sockets (for tests). */
export interface Hub extends RoomSockets {
  sockets(room: string): number;
}

function asData(data: WSMessageReceive): string | ArrayBuffer {
  if (typeof data === "string") return data;
  if (data instanceof ArrayBuffer) return data;
  // Blobs and shared buffers are never valid; their size still counts for the limit.
  return new ArrayBuffer(data instanceof Blob ? data.size : data.byteLength);
}

function sendAll(seat: Seat | undefined, messages: ServerMessage[]) {
  for (const message of messages) seat?.ws.send(encode(message));
}

function deliver(seats: Seats, deliveries: Delivery[]) {
  for (const { to, message } of deliveries) sendAll(seats.get(to), [message]);
}

export function createHub(upgrade: UpgradeWebSocket, now: () => number = Date.now): Hub {
  const rooms = new Map<string, Seats>();

  /** Takes `member`'s seat away from its socket, if it has one; the room goes once empty. */
  const unseat = (room: string, member: MemberId) => {
    const seats = rooms.get(room);
    const seat = seats?.get(member);
    if (!seats || !seat) return undefined;
    seats.delete(member);
    if (seats.size === 0) rooms.delete(room);
    return { seats, seat };
  };

  return {
    sockets: (room) => rooms.get(room)?.size ?? 0,

    async end(room) {
      const seats = rooms.get(room);
      rooms.delete(room);
      for (const seat of seats?.values() ?? []) {
        sendAll(seat, ended());
        seat.ws.close(CLOSE.ended, "ended");
      }
    },

    async release(room, member) {
      const taken = unseat(room, member);
      if (!taken) return;
      const news = released(member, [...taken.seats.keys()]);
      sendAll(taken.seat, news.toSelf);
      taken.seat.ws.close(CLOSE.replaced, "replaced");
      deliver(taken.seats, news.toOthers);
    },

    async sendBack(room, member) {
      const taken = unseat(room, member);
      if (!taken) return;
      const news = sendBack(member, [...taken.seats.keys()]);
      sendAll(taken.seat, news.toSelf);
      taken.seat.ws.close(CLOSE.sentBack, "sent back");
      deliver(taken.seats, news.toOthers);
    },

    async knock(room, knock: Knock | null) {
      sendAll(rooms.get(room)?.get("counsellor"), knocked(knock));
    },

    async connect(c, room, member, session) {
      return upgrade(c, {
        onOpen(_event, ws) {
          const seats: Seats = rooms.get(room) ?? new Map();
          const holder = seats.get(member);
          const others = [...seats.values()].map((seat) => seat.member);
          const admission = admit(member, session, holder?.member, others, now());
          if (!admission.ok) {
            ws.send(encode(admission.toSelf));
            ws.close(admission.closeCode, admission.closeCode === CLOSE.full ? "full" : "occupied");
            return;
          }
          rooms.set(room, seats);
          seats.set(member, { ws, member: admission.member });
          if (holder) {
            sendAll(holder, replaced());
            holder.ws.close(CLOSE.replaced, "replaced");
          }
          ws.send(encode(admission.toSelf));
          deliver(seats, admission.toOthers);
        },
        onMessage(event, ws) {
          const seats = rooms.get(room);
          const seat = seats?.get(member);
          if (!seats || !seat || seat.ws !== ws) return;
          const reception = receive(seat.member, asData(event.data), [...seats.keys()], now());
          seat.member = reception.member;
          sendAll(seat, reception.toSelf);
          deliver(seats, reception.toOthers);
        },
        onClose(_event, ws) {
          // A replaced, refused, released or sent-back socket no longer holds the seat;
          // its close changes nothing.
          if (rooms.get(room)?.get(member)?.ws !== ws) return;
          const taken = unseat(room, member);
          if (taken) deliver(taken.seats, leave(member, [...taken.seats.keys()]));
        },
      });
    },
  };
}
