/**
 * A WebSocket seen from a test or a benchmark: every message it receives, in
 * order, waited for one at a time (never for a length of time).
 */
import type { ServerMessage } from "../src/rooms/protocol.ts";
import { mintTicket } from "../src/rooms/tickets.ts";
import { socketProtocols } from "../src/rooms/wire.ts";

/** The part of a WebSocket both `ws` and workerd's sockets have. */
export interface SocketLike {
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: "message", listener: (event: { data: unknown }) => void): void;
  addEventListener(type: "close", listener: (event: { code: number }) => void): void;
}

export class TestSocket {
  private queue: ServerMessage[] = [];
  private waiting: ((message: ServerMessage) => void)[] = [];
  readonly closed: Promise<number>;
  /** Everything that happened to the socket, in order: message types, then `close <code>`. */
  readonly events: string[] = [];

  constructor(readonly socket: SocketLike) {
    socket.addEventListener("message", (event) => {
      const message = JSON.parse(String(event.data)) as ServerMessage;
      this.events.push(message.type);
      const waiter = this.waiting.shift();
      if (waiter) waiter(message);
      else this.queue.push(message);
    });
    this.closed = new Promise((resolve) =>
      socket.addEventListener("close", (e) => {
        this.events.push(`close ${e.code}`);
        resolve(e.code);
      }),
    );
  }

  /** The next message this socket receives. */
  next(): Promise<ServerMessage> {
    const queued = this.queue.shift();
    if (queued) return Promise.resolve(queued);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  send(message: unknown) {
    this.socket.send(typeof message === "string" ? message : JSON.stringify(message));
  }

  close() {
    this.socket.close(1000, "done");
  }
}

/** Anything that answers a fetch the way workerd does: Miniflare, or a Worker under test. */
interface WorkerLike {
  dispatchFetch(
    url: string,
    init: { headers: Record<string, string> },
  ): Promise<{ status: number; webSocket?: unknown }>;
}

/** Opens a room's signalling socket on a Worker in workerd with a fresh ticket, accepted. */
export async function openWorkerSocket(
  worker: WorkerLike,
  secret: string,
  room: string,
  role: "counsellor" | "client",
  session: string,
): Promise<TestSocket> {
  const ticket = await mintTicket(secret, room, role, new Date());
  const res = await worker.dispatchFetch(`http://localhost/rooms/${room}/ws`, {
    headers: {
      Upgrade: "websocket",
      "Sec-WebSocket-Protocol": socketProtocols(ticket, session).join(", "),
    },
  });
  const ws = res.webSocket as (SocketLike & { accept(): void }) | undefined;
  if (res.status !== 101 || !ws) throw new Error(`upgrade refused with ${res.status}`);
  const socket = new TestSocket(ws);
  ws.accept();
  return socket;
}
