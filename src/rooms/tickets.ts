/**
 * @module
 * Signalling tickets: a short-lived pass for one member in one room, minted by the
 * page route after it has checked who the user is, and checked by the WebSocket
 * route. Format: base64url(JSON payload) + "." + HMAC-SHA-256 hex over it.
 */
import { equalConstantTime, hmacHex } from "../security/crypto.ts";
import { isMemberId, type MemberId } from "./protocol.ts";

/** How long a ticket opens the socket; the page fetches a fresh one to reconnect later. */
export const TICKET_TTL_MS = 2 * 60 * 1000;

/** What a valid ticket grants. */
export interface TicketGrant {
  room: string;
  member: MemberId;
}

export type TicketResult = ({ ok: true } & TicketGrant) | { ok: false; reason: string };

const encoder = new TextEncoder();

function toBase64Url(text: string): string {
  let binary = "";
  for (const byte of encoder.encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (char) => char.charCodeAt(0)));
}

// A prefix keeps these HMACs apart from every other use of the server secret.
const sign = (secret: string, body: string) => hmacHex(secret, `ticket:${body}`);

/** Mints a ticket for `member` in `room`, valid for TICKET_TTL_MS from `now`. */
export async function mintTicket(
  secret: string,
  room: string,
  member: MemberId,
  now: Date,
): Promise<string> {
  const body = toBase64Url(
    JSON.stringify({ r: room, o: member, e: now.getTime() + TICKET_TTL_MS }),
  );
  return `${body}.${await sign(secret, body)}`;
}

/** Checks a ticket's signature and expiry; never throws. */
export async function verifyTicket(
  secret: string,
  ticket: string,
  now: Date,
): Promise<TicketResult> {
  const [body, mac, extra] = ticket.split(".");
  if (!body || !mac || extra !== undefined) return { ok: false, reason: "malformed" };
  if (!equalConstantTime(mac, await sign(secret, body))) return { ok: false, reason: "forged" };
  let payload: { r?: unknown; o?: unknown; e?: unknown };
  try {
    payload = JSON.parse(fromBase64Url(body));
  } catch {
    return { ok: false, reason: "malformed" };
  }
  const { r: room, o: member, e: expires } = payload;
  if (typeof room !== "string" || typeof expires !== "number") {
    return { ok: false, reason: "malformed" };
  }
  if (!isMemberId(member)) return { ok: false, reason: "malformed" };
  if (now.getTime() >= expires) return { ok: false, reason: "expired" };
  return { ok: true, room, member };
}
