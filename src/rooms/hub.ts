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
  encode,
  ended,
  type Knock,
  knocked,
  leave,
  type Member,
  otherRole,
  type Role,
  receive,
  released,
  replaced,
  type ServerMessage,
} from "./protocol.ts";

interface Seat {
  ws: WSContext;
  member: Member;
}
type Seats = Partial<Record<Role, Seat>>;

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

export function createHub(upgrade: UpgradeWebSocket, now: () => number = Date.now): Hub {
  const rooms = new Map<string, Seats>();

  return {
    sockets: (room) => Object.keys(rooms.get(room) ?? {}).length,

    async end(room) {
      const seats = rooms.get(room);
      rooms.delete(room);
      for (const seat of Object.values(seats ?? {})) {
        sendAll(seat, ended());
        seat.ws.close(CLOSE.ended, "ended");
      }
    },

    async release(room, role) {
      const seats = rooms.get(room);
      const seat = seats?.[role];
      if (!seats || !seat) return;
      delete seats[role];
      const messages = released();
      sendAll(seat, messages.toSelf);
      seat.ws.close(CLOSE.replaced, "replaced");
      const peer = seats[otherRole(role)];
      sendAll(peer, messages.toPeer);
      if (!peer) rooms.delete(room);
    },

    async sendBack(_room, _member) {
      // Only further participants are sent back, and this hub seats the two roles only:
      // no socket holds a participant's member id yet.
    },

    async knock(room, knock: Knock | null) {
      sendAll(rooms.get(room)?.counsellor, knocked(knock));
    },

    async connect(c, room, role, session) {
      return upgrade(c, {
        onOpen(_event, ws) {
          const seats = rooms.get(room) ?? {};
          rooms.set(room, seats);
          const holder = seats[role];
          const peer = seats[otherRole(role)];
          const admission = admit(role, session, holder?.member, peer?.member, now());
          if (!admission.ok) {
            ws.send(encode(admission.toSelf));
            ws.close(admission.closeCode, "occupied");
            return;
          }
          seats[role] = { ws, member: admission.member };
          if (holder) {
            sendAll(holder, replaced());
            holder.ws.close(CLOSE.replaced, "replaced");
          }
          ws.send(encode(admission.toSelf));
          sendAll(peer, admission.toPeer);
        },
        onMessage(event, ws) {
          const seats = rooms.get(room);
          const seat = seats?.[role];
          if (!seats || seat?.ws !== ws) return;
          const peer = seats[otherRole(role)];
          const reception = receive(seat.member, asData(event.data), peer !== undefined, now());
          seat.member = reception.member;
          sendAll(seat, reception.toSelf);
          sendAll(peer, reception.toPeer);
        },
        onClose(_event, ws) {
          const seats = rooms.get(room);
          // A replaced or refused socket no longer holds the seat; its close changes nothing.
          if (!seats || seats[role]?.ws !== ws) return;
          delete seats[role];
          const peer = seats[otherRole(role)];
          sendAll(peer, leave());
          if (!peer) rooms.delete(room);
        },
      });
    },
  };
}
