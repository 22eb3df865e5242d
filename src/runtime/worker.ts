/**
 * @module
 * Cloudflare Workers entry: the same app, with D1 (or a remote libSQL URL) as the
 * database, the room Durable Object, the platform's static assets and a cron
 * trigger for the purge. No module-scope state: each event builds what it needs.
 */
import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql/web";
import type { Context } from "hono";
import * as schema from "../../db/schema.ts";
import { createApp } from "../app.ts";
import { inRequestHasher } from "../auth/passwords.ts";
import { type Config, ConfigError, D1_HISTORY_DAYS, parseConfig } from "../config.ts";
import type { Database } from "../db/types.ts";
import type { AppEnv } from "../deps.ts";
import { consoleLogger } from "../log.ts";
import { purgeExpired } from "../retention/purge.ts";
import { durableRooms, purgeRoom, type Room, roomsIn } from "../rooms/room-object.ts";
import { KEY_MISMATCH_LINE, serverKeyFits } from "../security/key-check.ts";

export { Room } from "../rooms/room-object.ts";

export interface Env {
  /** D1 database (local with `wrangler dev`, or in production). */
  DB?: D1Database;
  /** Durable Object namespace for the per-appointment rooms. */
  ROOMS: DurableObjectNamespace<Room>;
  /** Static assets from `public/` (wrangler `[assets]`). */
  ASSETS?: Fetcher;
  [variable: string]: unknown;
}

function stringVars(env: Env): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === "string") vars[key] = value;
  return vars;
}

function openDatabase(env: Env, config: Config): Database {
  if (config.DATABASE_URL) {
    const client = createClient({
      url: config.DATABASE_URL,
      ...(config.DATABASE_AUTH_TOKEN ? { authToken: config.DATABASE_AUTH_TOKEN } : {}),
    });
    return drizzleLibsql(client, { schema });
  }
  if (!env.DB)
    throw new ConfigError("Configuration error: bind a D1 database as DB or set DATABASE_URL.");
  return drizzleD1(env.DB, { schema });
}

/**
 * On D1, Time Travel keeps every change restorable for 30 days, so by default the
 * purge runs that much earlier: retention plus history stay within three months.
 */
function workerDefaults(vars: Record<string, string>): Record<string, string> {
  return vars.DATABASE_URL?.trim() ? {} : { DATABASE_HISTORY_DAYS: String(D1_HISTORY_DAYS) };
}

function setup(env: Env) {
  const vars = stringVars(env);
  const config = parseConfig(vars, workerDefaults(vars));
  if (!config.SERVER_SECRET) {
    throw new ConfigError(
      "Configuration error: SERVER_SECRET must be set on the edge (wrangler secret put SERVER_SECRET).",
    );
  }
  return {
    config,
    db: openDatabase(env, config),
    serverSecret: config.SERVER_SECRET,
    setupToken: config.SETUP_TOKEN,
    rooms: durableRooms(roomsIn(env.ROOMS, config.ROOMS_JURISDICTION)),
    // The platform serves `public/` before the Worker runs, and compresses at its edge.
    assets: "platform" as const,
    compress: false,
    peerAddress: (c: Context<AppEnv>) => c.req.header("cf-connecting-ip"),
    proxyHeaders: false,
    // No threads here: the hash runs within the request, on its CPU time (the Paid plan's limit).
    passwords: inRequestHasher,
    // No SMTP from the edge: the appointment page says e-mail is not configured.
    mailer: null,
  };
}

export default {
  async fetch(request, env, ctx) {
    const log = consoleLogger();
    let prepared: ReturnType<typeof setup>;
    try {
      prepared = setup(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      log.error("configuration", { message: error.message });
      return new Response(`${error.message}\n`, { status: 500 });
    }
    const app = createApp({ ...prepared, now: () => new Date(), log });
    return app.fetch(request, env, ctx);
  },

  async scheduled(_controller, env) {
    const log = consoleLogger();
    const { config, db, serverSecret } = setup(env);
    const rooms = roomsIn(env.ROOMS, config.ROOMS_JURISDICTION);
    const started = Date.now();
    try {
      const counts = await purgeExpired(db, new Date(), config, {
        // A purged appointment's room goes with it, if it could still hold a socket.
        onAppointmentsPurged: async (ids) => {
          await Promise.all(ids.map((id) => purgeRoom(rooms, id)));
        },
      });
      log.info("purge", { ...counts, ms: Date.now() - started });
      // No start to refuse here: the hourly run fails loudly when the secret was changed.
      if (!(await serverKeyFits(db, serverSecret))) throw new ConfigError(KEY_MISMATCH_LINE);
    } catch (error) {
      if (error instanceof ConfigError) log.error("configuration", { message: error.message });
      else log.error("purge failed", { kind: error instanceof Error ? error.name : "unknown" });
      // Thrown on, so the platform records this cron run as failed (not "success").
      throw error;
    }
  },
} satisfies ExportedHandler<Env>;
