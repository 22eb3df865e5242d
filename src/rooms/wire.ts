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
  /** The counsellor sent this member back to the waiting room (or removed them): do not reconnect. */
  sentBack: 4002,
  /** Another page of the same participant is live: try again later. */
  occupied: 4009,
  /** The room already holds MAX_MEMBERS members: try again later. */
  full: 4010,
} as const;

/**
 * Who is in a room: the counsellor, the client, and further participants as
 * `p-` plus their id. At most MAX_MEMBERS at once, each with one live socket.
 */
export type MemberId = "counsellor" | "client" | `p-${string}`;
/** The counsellor, the client and two further participants. */
export const MAX_MEMBERS = 4;

/** Whether `value` is a well-formed member id. */
export function isMemberId(value: unknown): value is MemberId {
  return (
    value === "counsellor" ||
    value === "client" ||
    (typeof value === "string" && /^p-[A-Za-z0-9-]{8,64}$/.test(value))
  );
}

const rank = (id: MemberId) => (id === "counsellor" ? 0 : id === "client" ? 1 : 2);

/**
 * Perfect negotiation needs one polite side per pair: the counsellor is never
 * polite, the client is polite only towards the counsellor, and between two
 * further participants the greater id is polite. Both pages of a pair compute
 * the same answer, each from its own side.
 */
export function isPoliteTowards(self: MemberId, other: MemberId): boolean {
  const a = rank(self);
  const b = rank(other);
  return a === b ? self > other : a > b;
}
