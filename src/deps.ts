/**
 * @module
 * What `createApp` needs from its runtime. Each entry file (node.ts, deno.ts,
 * worker.ts) builds one of these; nothing else in `src/` knows which runtime runs it.
 */
import type { Context, MiddlewareHandler } from "hono";
import type { Appointment, Counsellor } from "../views/model.ts";
import type { PasswordHasher } from "./auth/passwords.ts";
import type { PollState } from "./client-journey/poll-state.ts";
import type { Config } from "./config.ts";
import type { Database } from "./db/types.ts";
import type { Lang, Translate } from "./i18n/index.ts";
import type { Logger } from "./log.ts";
import type { Mailer } from "./mail/mailer.ts";
import type { Knock, MemberId } from "./rooms/protocol.ts";

export interface AppDeps {
  config: Config;
  db: Database;
  /** Secret key for HMACs (dial-in codes, signalling tickets). */
  serverSecret: string;
  /**
   * Where argon2id runs: worker threads with a small queue (Node, Deno:
   * `auth/hash-pool.ts`), or within the request (Workers).
   */
  passwords: PasswordHasher;
  /** The clock; tests pass a fixed one. */
  now: () => Date;
  log: Logger;
  /**
   * Who serves `/assets/*`: a handler over `public/` (Node, Deno), or the
   * platform, before the Worker runs (`"platform"`, Workers).
   */
  assets: MiddlewareHandler | "platform";
  /** Compress dynamic responses: true on Node and Deno; false on Workers, whose edge compresses. */
  compress: boolean;
  /**
   * The token for `/setup` while no counsellor exists: SETUP_TOKEN, or on Node and
   * Deno a random one made at start and printed with the full link.
   */
  setupToken?: string | undefined;
  /**
   * The connecting peer's address as the runtime sees it: the socket's on Node
   * and Deno, `CF-Connecting-IP` on Workers.
   */
  peerAddress: (c: Context<AppEnv>) => string | undefined;
  /**
   * Whether `X-Forwarded-For` may name the client (as many entries from the
   * right as `TRUST_PROXY` says): true on Node and Deno behind the operator's
   * proxies; false on Workers, where the platform already gives the client's address.
   */
  proxyHeaders: boolean;
  /**
   * The waiting room's poll state kept in memory (Node, Deno over a libSQL file:
   * `client-journey/poll-memory.ts`); without it every poll reads the database.
   */
  pollState?: PollState;
  /**
   * Sends the invitation and reminders by e-mail: SMTP on Node and Deno when
   * SMTP_URL and MAIL_FROM are set (`mail/smtp.ts`); `null` without them and
   * always on Workers, which cannot open SMTP connections (the page says so).
   */
  mailer: Mailer | null;
  /** Signalling sockets: the in-process hub (Node, Deno) or the room Durable Object (Workers). */
  rooms: RoomSockets;
}

/**
 * What a server adds to the app once it knows how it serves: its signalling
 * sockets, its static files and how it sees the peer. The rest is the same
 * wherever the app runs.
 */
export type ServedDeps = Omit<AppDeps, "rooms" | "assets" | "peerAddress">;

/**
 * Where a verified member's WebSocket goes. The route has already checked the
 * ticket; an implementation only upgrades and applies `src/rooms/protocol.ts`.
 */
export interface RoomSockets {
  connect(c: Context<AppEnv>, room: string, member: MemberId, session: string): Promise<Response>;
  /**
   * Ends a room's call (e.g. when the counsellor ends the session): `ended` to
   * every member, sockets closed with `CLOSE.ended`.
   */
  end(room: string): Promise<void>;
  /**
   * Closes the socket holding `member`'s seat (its page hears `replaced` and
   * stops reconnecting); the others hear `peer-left`. Used when the counsellor
   * lets another device in instead of the client's.
   */
  release(room: string, member: MemberId): Promise<void>;
  /**
   * Closes `member`'s socket because the counsellor sent them back to the
   * waiting room (or removed them): they hear `sent-back` and the close
   * `CLOSE.sentBack`; the others hear `bye` from them.
   */
  sendBack(room: string, member: MemberId): Promise<void>;
  /** Tells the counsellor's page of another device's request, or that it was settled (`null`). */
  knock(room: string, knock: Knock | null): Promise<void>;
}

export type { Counsellor };

/** The Hono environment every route and middleware is typed with. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    language: string;
    lang: Lang;
    t: Translate;
    /** Set by `requireCounsellor`. */
    counsellor: Counsellor;
    /** Set by `loadOwnAppointment`: the signed-in counsellor's appointment named in the path. */
    appointment: Appointment;
  };
}
