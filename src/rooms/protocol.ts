/**
 * @module
 * The signalling protocol and the room's rules, as pure functions. The in-process
 * hub (Node, Deno) and the Durable Object (Workers) both call these and only
 * carry out what they return, so every runtime behaves the same. docs/calls.md
 * ("Signalling protocol") documents the messages.
 */
import { z } from "zod";
import { CLOSE } from "./wire.ts";

/** The two participants of a room. */
export const ROLES = ["counsellor", "client"] as const;
export type Role = (typeof ROLES)[number];

/** Largest message accepted, in bytes (an SDP with many candidates stays far below). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Messages allowed per socket and window; a call needs a few dozen at its start. */
export const RATE_LIMIT = { messages: 50, windowMs: 10_000 } as const;
/**
 * A socket holding a role counts as alive this long after its last message or
 * ping; an older one may be displaced by a new page (a half-open connection).
 */
export const STALE_AFTER_MS = 45_000;

export { CLOSE, PING, PONG } from "./wire.ts";

const session = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);

const description = z.object({
  type: z.literal("description"),
  description: z.object({
    type: z.enum(["offer", "answer", "pranswer", "rollback"]),
    sdp: z.string().max(MAX_MESSAGE_BYTES).optional(),
  }),
});
const candidate = z.object({
  type: z.literal("candidate"),
  candidate: z
    .object({
      candidate: z.string().max(2048),
      sdpMid: z.string().max(64).nullable().optional(),
      sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
      usernameFragment: z.string().max(256).nullable().optional(),
    })
    .nullable(),
});
const bye = z.object({ type: z.literal("bye") });
const ping = z.object({ type: z.literal("ping") });

/** What a browser may send. Everything else is refused with `bad-message`. */
export const clientMessage = z.discriminatedUnion("type", [description, candidate, bye, ping]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** Error codes, each with a fixed English message for logs and developers. */
export const ERRORS = {
  "bad-message": "The message is not valid JSON of a known type.",
  "too-large": `The message is larger than ${MAX_MESSAGE_BYTES} bytes.`,
  "rate-limited": `More than ${RATE_LIMIT.messages} messages in ${RATE_LIMIT.windowMs / 1000} s; slow down.`,
  "no-peer": "The other participant is not connected; the message was dropped.",
  replaced: "This call was opened in another window or on another device.",
  occupied: "This call is already open in another window.",
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** What the server sends. */
export type ServerMessage =
  | { type: "join"; role: Role; peer: { session: string } | null }
  | { type: "peer-joined"; session: string }
  | { type: "peer-left" }
  | z.infer<typeof description>
  | z.infer<typeof candidate>
  | { type: "bye" }
  | { type: "ended" }
  | { type: "pong" }
  | { type: "knock"; knock: Knock | null }
  | { type: "error"; code: ErrorCode; message: string };

/**
 * Another device asks to take the client's place (sent to the counsellor only;
 * `null` when the request was settled). `id` names this one request, so the
 * counsellor's decision applies to the person whose name they read.
 */
export interface Knock {
  id: string;
  name: string;
}

/** What a room keeps per socket (a Durable Object keeps it as the socket's attachment). */
export interface Member {
  role: Role;
  /** Chosen by the page at load; a reconnect of the same page keeps it. */
  session: string;
  lastSeen: number;
  windowStart: number;
  count: number;
}

export function otherRole(role: Role): Role {
  return role === "counsellor" ? "client" : "counsellor";
}

export function isSession(value: unknown): value is string {
  return session.safeParse(value).success;
}

export function errorMessage(code: ErrorCode): ServerMessage {
  return { type: "error", code, message: ERRORS[code] };
}

/** The result of a new connection: admit it (displacing `replace`, if any) or refuse it. */
export type Admission =
  | { ok: true; member: Member; replace: boolean; toSelf: ServerMessage; toPeer: ServerMessage[] }
  | { ok: false; toSelf: ServerMessage; closeCode: number };

/**
 * A new socket for `role`. `holder` is the socket now holding that role, `peer`
 * the other participant. A page reconnecting (same session) or a stale holder is
 * replaced; a live holder from another page keeps the role and the newcomer is
 * refused, so at most one socket per role is ever live and a third page gets a
 * clear error.
 */
export function admit(
  role: Role,
  sessionId: string,
  holder: Member | undefined,
  peer: Member | undefined,
  now: number,
): Admission {
  if (holder && holder.session !== sessionId && now - holder.lastSeen < STALE_AFTER_MS) {
    return { ok: false, toSelf: errorMessage("occupied"), closeCode: CLOSE.occupied };
  }
  const member: Member = { role, session: sessionId, lastSeen: now, windowStart: now, count: 0 };
  return {
    ok: true,
    member,
    replace: holder !== undefined,
    toSelf: { type: "join", role, peer: peer ? { session: peer.session } : null },
    toPeer: [{ type: "peer-joined", session: sessionId }],
  };
}

/** The outcome of one received message: the member's new counters and what to send to whom. */
export interface Reception {
  member: Member;
  toSelf: ServerMessage[];
  toPeer: ServerMessage[];
}

function byteLength(data: string | ArrayBuffer): number {
  return typeof data === "string" ? new TextEncoder().encode(data).length : data.byteLength;
}

/** Handles one message from `member`; `peerPresent` says whether the other role is connected. */
export function receive(
  member: Member,
  data: string | ArrayBuffer,
  peerPresent: boolean,
  now: number,
): Reception {
  const fresh = now - member.windowStart >= RATE_LIMIT.windowMs;
  const counted: Member = {
    ...member,
    lastSeen: now,
    windowStart: fresh ? now : member.windowStart,
    count: fresh ? 1 : member.count + 1,
  };
  const result = (toSelf: ServerMessage[], toPeer: ServerMessage[] = []) => ({
    member: counted,
    toSelf,
    toPeer,
  });
  if (counted.count > RATE_LIMIT.messages) {
    // Only the first dropped message is answered, so a flood is not echoed back.
    return result(counted.count === RATE_LIMIT.messages + 1 ? [errorMessage("rate-limited")] : []);
  }
  if (byteLength(data) > MAX_MESSAGE_BYTES) return result([errorMessage("too-large")]);
  if (typeof data !== "string") return result([errorMessage("bad-message")]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return result([errorMessage("bad-message")]);
  }
  const message = clientMessage.safeParse(parsed);
  if (!message.success) return result([errorMessage("bad-message")]);
  switch (message.data.type) {
    case "ping":
      return result([{ type: "pong" }]);
    case "description":
    case "candidate":
    case "bye":
      return peerPresent ? result([], [message.data]) : result([errorMessage("no-peer")]);
  }
}

/**
 * The seat holder's socket went away: what the peer hears. A replaced socket no
 * longer holds the seat, so the runtimes never call this for it.
 */
export function leave(): ServerMessage[] {
  return [{ type: "peer-left" }];
}

/** A newer socket of the same page took the seat: what the old one hears before it is closed. */
export function replaced(): ServerMessage[] {
  return [errorMessage("replaced")];
}

/**
 * The room's call was ended by the server: what each remaining socket hears
 * before it is closed. Its own message, not the peer's `bye`, so a page can tell
 * "the session is over" from "the other participant left" before the close
 * handshake (which can take seconds) arrives.
 */
export function ended(): ServerMessage[] {
  return [{ type: "ended" }];
}

/** The counsellor hears of another device's request (or that it was settled). */
export function knocked(knock: Knock | null): ServerMessage[] {
  return [{ type: "knock", knock }];
}

/**
 * The counsellor let another device in instead: what the displaced socket hears
 * before it is closed with `CLOSE.replaced`, and what its peer hears.
 */
export function released(): { toSelf: ServerMessage[]; toPeer: ServerMessage[] } {
  return { toSelf: replaced(), toPeer: leave() };
}

/** Serialises a server message for the wire. */
export function encode(message: ServerMessage): string {
  return JSON.stringify(message);
}
