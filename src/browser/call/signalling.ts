/**
 * The signalling socket of the call page: connects with a ticket (offered as a
 * WebSocket subprotocol, so it stays out of every URL), pings every
 * 15 s, and reconnects with backoff after a drop. A ticket lives two minutes, so a
 * later reconnect first fetches the page again for a fresh one (the page route
 * checks the user as on the first load).
 */
import type { ServerMessage } from "../../rooms/protocol.ts";
import { CLOSE, PING, PONG, socketProtocols } from "../../rooms/wire.ts";

export type SignallingState =
  | "open"
  | "reconnecting"
  | "occupied"
  | "full"
  | "replaced"
  | "sentBack"
  | "gone";

/** What the room sends this page (`src/rooms/protocol.ts`, docs/calls.md "Signalling protocol"). */
export type RoomMessage = ServerMessage;

export interface SignallingOptions {
  wsPath: string;
  ticket: string;
  session: string;
  onMessage(message: RoomMessage): void;
  onState(state: SignallingState): void;
}

export interface Signalling {
  send(message: unknown): void;
  /** Drops the current socket (it may be dead after a network change) and opens a new one now. */
  reconnect(): void;
  /** Pings now and reconnects unless the server answers within a moment: is the socket alive? */
  probe(): void;
  close(): void;
}

const TICKET_FRESH_MS = 90_000;
/** A live server answers a ping within this; a socket on a vanished network never does. */
const PROBE_MS = 2000;

/** A fresh ticket from the page itself, or null when the page no longer offers the call. */
async function freshTicket(): Promise<string | null> {
  const res = await fetch(location.href, { credentials: "same-origin", cache: "no-store" });
  if (!res.ok || res.redirected) return null;
  const html = new DOMParser().parseFromString(await res.text(), "text/html");
  return html.getElementById("call")?.getAttribute("data-ticket") ?? null;
}

export function connectSignalling(options: SignallingOptions): Signalling {
  const loaded = Date.now();
  let ws: WebSocket | null = null;
  let attempt = 0;
  let stopped = false;
  let ping: ReturnType<typeof setInterval> | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;
  let probing: ReturnType<typeof setTimeout> | undefined;

  const retry = () => {
    const delay = Math.min(10_000, 500 * 2 ** attempt++) * (0.75 + Math.random() / 2);
    pending = setTimeout(open, delay);
  };

  async function open() {
    if (stopped) return;
    let ticket: string | null = options.ticket;
    if (Date.now() - loaded > TICKET_FRESH_MS) {
      try {
        ticket = await freshTicket();
      } catch {
        return retry();
      }
      if (!ticket) {
        stopped = true;
        return options.onState("gone");
      }
    }
    const url = new URL(options.wsPath, location.href);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    // The ticket travels as a subprotocol, never in the URL (see src/rooms/wire.ts).
    const socket = new WebSocket(url.href, socketProtocols(ticket, options.session));
    ws = socket;
    socket.onopen = () => {
      attempt = 0;
      ping = setInterval(() => {
        if (socket.readyState === WebSocket.OPEN) socket.send(PING);
      }, 15_000);
    };
    // The server's last word: stop at once, without waiting for the closing handshake.
    const finish = () => {
      stopped = true;
      clearInterval(ping);
      socket.close();
    };
    socket.onmessage = (event) => {
      // A socket given up for a new one says nothing more.
      if (ws !== socket) return;
      if (event.data === PONG) {
        clearTimeout(probing);
        probing = undefined;
        return;
      }
      if (typeof event.data !== "string") return;
      const message = JSON.parse(event.data) as RoomMessage;
      if (message.type === "join") options.onState("open");
      // Both are the last message before the server closes the socket. Acted on at once:
      // the closing handshake that follows can take seconds.
      if (message.type === "error" && message.code === "replaced") {
        finish();
        return options.onState("replaced");
      }
      if (message.type === "ended" || message.type === "sent-back") finish();
      options.onMessage(message);
    };
    socket.onclose = (event) => {
      clearInterval(ping);
      if (ws !== socket || stopped) return;
      ws = null;
      if (event.code === CLOSE.replaced) {
        stopped = true;
        return options.onState("replaced");
      }
      if (event.code === CLOSE.ended) {
        stopped = true;
        return options.onState("gone");
      }
      if (event.code === CLOSE.sentBack) {
        stopped = true;
        return options.onState("sentBack");
      }
      // A full room or a page open elsewhere may change: try again, more slowly each time.
      options.onState(
        event.code === CLOSE.occupied
          ? "occupied"
          : event.code === CLOSE.full
            ? "full"
            : "reconnecting",
      );
      retry();
    };
  }

  const reconnect = () => {
    if (stopped) return;
    const old = ws;
    ws = null;
    clearInterval(ping);
    clearTimeout(pending);
    clearTimeout(probing);
    probing = undefined;
    old?.close();
    attempt = 0;
    void open();
  };

  void open();
  return {
    send(message) {
      if (ws?.readyState === WebSocket.OPEN) ws.send(JSON.stringify(message));
    },
    reconnect,
    probe() {
      if (stopped || probing || ws?.readyState !== WebSocket.OPEN) return;
      ws.send(PING);
      probing = setTimeout(reconnect, PROBE_MS);
    },
    close() {
      stopped = true;
      clearInterval(ping);
      clearTimeout(pending);
      clearTimeout(probing);
      ws?.close(1000, "bye");
    },
  };
}
