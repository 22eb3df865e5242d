/**
 * @module
 * The few wire constants the browser script shares with the server, kept apart
 * from `protocol.ts` so the call page's bundle does not carry zod.
 */

/**
 * The signalling socket's subprotocol. Browsers cannot set headers on a
 * WebSocket, so the page offers its ticket and session as further subprotocols
 * (`Sec-WebSocket-Protocol`), never in the URL; the server answers with this one.
 */
export const SOCKET_PROTOCOL = "sprechzimmer";
const TICKET_PREFIX = "ticket.";
const SESSION_PREFIX = "session.";

/** What a page offers as subprotocols: ours first, then its ticket and session. */
export function socketProtocols(ticket: string, session: string): string[] {
  return [SOCKET_PROTOCOL, TICKET_PREFIX + ticket, SESSION_PREFIX + session];
}

/** Reads the ticket and session from a `Sec-WebSocket-Protocol` header, if it offers ours first. */
export function fromSocketProtocols(
  header: string | null | undefined,
): { ticket: string | undefined; session: string | undefined } | undefined {
  const offered = (header ?? "").split(",").map((part) => part.trim());
  // Ours first: Node's ws and Deno answer with the first offered subprotocol.
  if (offered[0] !== SOCKET_PROTOCOL) return undefined;
  const pick = (prefix: string) =>
    offered.find((part) => part.startsWith(prefix))?.slice(prefix.length);
  return { ticket: pick(TICKET_PREFIX), session: pick(SESSION_PREFIX) };
}

/** Sent by the browser every 15 s; the Durable Object answers it without waking up. */
export const PING = '{"type":"ping"}';
export const PONG = '{"type":"pong"}';

/** Close codes the browser acts on. */
export const CLOSE = {
  /** The server ended the room's call: do not reconnect. */
  ended: 4000,
  /** Another page of the same participant took over: do not reconnect. */
  replaced: 4001,
  /** Another page of the same participant is live: try again later. */
  occupied: 4009,
} as const;
