/**
 * @module
 * The signalling protocol and the room's rules, as pure functions. The in-process
 * hub (Node, Deno) and the Durable Object (Workers) both call these and only
 * carry out what they return, so every runtime behaves the same. docs/calls.md
 * ("Signalling protocol") documents the messages.
 *
 * A room holds up to MAX_MEMBERS members (counsellor, client, two further
 * participants), each with at most one live socket. A page holds one peer
 * connection per other member, so descriptions and candidates are addressed:
 * the page names the member `to`, the room stamps `from`.
 */
import { z } from "zod";
import { CLOSE, isMemberId, MAX_MEMBERS, type MemberId } from "./wire.ts";

export type { MemberId } from "./wire.ts";

/** Largest message accepted, in bytes (an SDP with many candidates stays far below). */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/**
 * Messages allowed per socket and window; a call needs a few dozen per
 * connection at its start, and a page of four people holds three.
 */
export const RATE_LIMIT = { messages: 150, windowMs: 10_000 } as const;
/**
 * A socket holding a member's seat counts as alive this long after its last
 * message or ping; an older one may be displaced by a new page (a half-open connection).
 */
export const STALE_AFTER_MS = 45_000;

export { CLOSE, isMemberId, isPoliteTowards, MAX_MEMBERS, PING, PONG } from "./wire.ts";

const session = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/);
const to = z.string().refine(isMemberId);

const descriptionBody = z.object({
  type: z.enum(["offer", "answer", "pranswer", "rollback"]),
  sdp: z.string().max(MAX_MESSAGE_BYTES).optional(),
});
const candidateBody = z
  .object({
    candidate: z.string().max(2048),
    sdpMid: z.string().max(64).nullable().optional(),
    sdpMLineIndex: z.number().int().min(0).max(1024).nullable().optional(),
    usernameFragment: z.string().max(256).nullable().optional(),
  })
  .nullable();
const description = z.object({
  type: z.literal("description"),
  to,
  description: descriptionBody,
});
const candidate = z.object({ type: z.literal("candidate"), to, candidate: candidateBody });
const bye = z.object({ type: z.literal("bye") });
const ping = z.object({ type: z.literal("ping") });

/**
 * What a browser may send. Everything else is refused with `bad-message`; any
 * further field (a `from` of its own making, say) is dropped.
 */
export const clientMessage = z.discriminatedUnion("type", [description, candidate, bye, ping]);
export type ClientMessage = z.infer<typeof clientMessage>;

/** Error codes, each with a fixed English message for logs and developers. */
export const ERRORS = {
  "bad-message": "The message is not valid JSON of a known type.",
  "too-large": `The message is larger than ${MAX_MESSAGE_BYTES} bytes.`,
  "rate-limited": `More than ${RATE_LIMIT.messages} messages in ${RATE_LIMIT.windowMs / 1000} s; slow down.`,
  "no-peer": "The addressed participant is not connected; the message was dropped.",
  replaced: "This call was opened in another window or on another device.",
  occupied: "This call is already open in another window.",
  full: `The room already holds ${MAX_MEMBERS} people.`,
} as const;
export type ErrorCode = keyof typeof ERRORS;

/** Another member as a page learns of them: who, and which page load. */
export interface PeerInfo {
  id: MemberId;
  session: string;
}

/** What the server sends. */
export type ServerMessage =
  | { type: "join"; you: MemberId; peers: PeerInfo[] }
  | { type: "peer-joined"; from: MemberId; session: string }
  | { type: "peer-left"; from: MemberId }
  | { type: "description"; from: MemberId; description: z.infer<typeof descriptionBody> }
  | { type: "candidate"; from: MemberId; candidate: z.infer<typeof candidateBody> }
  | { type: "bye"; from: MemberId }
  | { type: "sent-back" }
  | { type: "ended" }
  | { type: "pong" }
  | { type: "knock"; knock: Knock | null }
  | { type: "error"; code: ErrorCode; message: string };

/** One message for one other member. */
export interface Delivery {
  to: MemberId;
  message: ServerMessage;
}

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
  id: MemberId;
  /** Chosen by the page at load; a reconnect of the same page keeps it. */
  session: string;
  lastSeen: number;
  windowStart: number;
  count: number;
}

export function isSession(value: unknown): value is string {
  return session.safeParse(value).success;
}

export function errorMessage(code: ErrorCode): ServerMessage {
  return { type: "error", code, message: ERRORS[code] };
}

/** The same message for each of `present` but `member`. */
function toEachBut(member: MemberId, present: MemberId[], message: ServerMessage): Delivery[] {
  return present.filter((id) => id !== member).map((id) => ({ to: id, message }));
}

/**
 * Members in a fixed order (counsellor, client, then further participants by
 * id), so a page hears of those present in the same order on every runtime,
 * whatever order its sockets come in.
 */
function inOrder(members: Member[]): Member[] {
  const rank = (id: MemberId) => (id === "counsellor" ? 0 : id === "client" ? 1 : 2);
  return [...members].sort(
    (a, b) => rank(a.id) - rank(b.id) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
}

/** The result of a new connection: admit it (displacing the holder, if any) or refuse it. */
export type Admission =
  | { ok: true; member: Member; replace: boolean; toSelf: ServerMessage; toOthers: Delivery[] }
  | { ok: false; toSelf: ServerMessage; closeCode: number };

/**
 * A new socket for member `id`. `holder` is the socket now holding that seat,
 * `others` the members present (the holder among them or not). A page
 * reconnecting (same session) or a stale holder is replaced; a live holder
 * from another page keeps the seat and the newcomer is refused, so at most one
 * socket per member is ever live and a second page gets a clear error. A room
 * of MAX_MEMBERS takes nobody new, but its members may still reconnect.
 */
export function admit(
  id: MemberId,
  sessionId: string,
  holder: Member | undefined,
  others: Member[],
  now: number,
): Admission {
  if (holder && holder.session !== sessionId && now - holder.lastSeen < STALE_AFTER_MS) {
    return { ok: false, toSelf: errorMessage("occupied"), closeCode: CLOSE.occupied };
  }
  const present = inOrder(others.filter((other) => other.id !== id));
  if (present.length >= MAX_MEMBERS) {
    return { ok: false, toSelf: errorMessage("full"), closeCode: CLOSE.full };
  }
  const member: Member = { id, session: sessionId, lastSeen: now, windowStart: now, count: 0 };
  return {
    ok: true,
    member,
    replace: holder !== undefined,
    toSelf: {
      type: "join",
      you: id,
      peers: present.map((other) => ({ id: other.id, session: other.session })),
    },
    toOthers: toEachBut(
      id,
      present.map((other) => other.id),
      { type: "peer-joined", from: id, session: sessionId },
    ),
  };
}

/** The outcome of one received message: the member's new counters and what to send to whom. */
export interface Reception {
  member: Member;
  toSelf: ServerMessage[];
  toOthers: Delivery[];
}

function byteLength(data: string | ArrayBuffer): number {
  return typeof data === "string" ? new TextEncoder().encode(data).length : data.byteLength;
}

/**
 * Handles one message from `member`; `present` are the members connected now
 * (`member` among them or not). The sender is always the socket's own member:
 * the room stamps `from`, whatever the message says.
 */
export function receive(
  member: Member,
  data: string | ArrayBuffer,
  present: MemberId[],
  now: number,
): Reception {
  const fresh = now - member.windowStart >= RATE_LIMIT.windowMs;
  const counted: Member = {
    ...member,
    lastSeen: now,
    windowStart: fresh ? now : member.windowStart,
    count: fresh ? 1 : member.count + 1,
  };
  const result = (toSelf: ServerMessage[], toOthers: Delivery[] = []): Reception => ({
    member: counted,
    toSelf,
    toOthers,
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
  const from = member.id;
  const others = present.filter((id) => id !== from);
  const m = message.data;
  switch (m.type) {
    case "ping":
      return result([{ type: "pong" }]);
    case "description":
    case "candidate": {
      const target = m.to as MemberId;
      if (!others.includes(target)) return result([errorMessage("no-peer")]);
      const out: ServerMessage =
        m.type === "description"
          ? { type: "description", from, description: m.description }
          : { type: "candidate", from, candidate: m.candidate };
      return result([], [{ to: target, message: out }]);
    }
    case "bye":
      if (others.length === 0) return result([errorMessage("no-peer")]);
      return result([], toEachBut(from, others, { type: "bye", from }));
  }
}

/**
 * A seat holder's socket went away: what the others among `present` hear. A
 * replaced socket no longer holds the seat, so the runtimes never call this for it.
 */
export function leave(member: MemberId, present: MemberId[]): Delivery[] {
  return toEachBut(member, present, { type: "peer-left", from: member });
}

/** A newer socket of the same page took the seat: what the old one hears before it is closed. */
export function replaced(): ServerMessage[] {
  return [errorMessage("replaced")];
}

/**
 * The room's call was ended by the server: what each remaining socket hears
 * before it is closed. Its own message, not a member's `bye`, so a page can tell
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
 * The counsellor let another device in instead of `member`'s: what the
 * displaced socket hears before it is closed with `CLOSE.replaced`, and what the
 * others among `present` hear.
 */
export function released(
  member: MemberId,
  present: MemberId[],
): { toSelf: ServerMessage[]; toOthers: Delivery[] } {
  return { toSelf: replaced(), toOthers: leave(member, present) };
}

/**
 * The counsellor sent `member` back to the waiting room (or removed them): what
 * they hear before their socket is closed with `CLOSE.sentBack`, and what the
 * others among `present` hear: a `bye` from them, as if they had hung up, so
 * every page closes its connection with them at once.
 */
export function sendBack(
  member: MemberId,
  present: MemberId[],
): { toSelf: ServerMessage[]; toOthers: Delivery[] } {
  return {
    toSelf: [{ type: "sent-back" }],
    toOthers: toEachBut(member, present, { type: "bye", from: member }),
  };
}

/** Serialises a server message for the wire. */
export function encode(message: ServerMessage): string {
  return JSON.stringify(message);
}
