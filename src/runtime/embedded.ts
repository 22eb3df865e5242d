/**
 * @module
 * Start-up shared by Node and Deno (both have `node:fs`): the data folder, the
 * server secret kept in it, the libSQL database with migrations applied, the
 * hourly purge timer and, with SMTP set, the reminder tick every minute. The
 * entry files only add their HTTP server.
 */
import { randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { sendDueReminders } from "../appointments/reminders.ts";
import { countCounsellors } from "../auth/counsellors.ts";
import { openHashPool } from "../auth/hash-pool.ts";
import { passwordHasher } from "../auth/passwords.ts";
import { openPollMemory } from "../client-journey/poll-memory.ts";
import { type Config, ConfigError } from "../config.ts";
import { databaseFilePath, type LibsqlHandle, migrateLibsql, openLibsql } from "../db/libsql.ts";
import type { ServedDeps } from "../deps.ts";
import type { Logger } from "../log.ts";
import type { Mailer } from "../mail/mailer.ts";
import { smtpMailer } from "../mail/smtp.ts";
import { purgeLibsql } from "../retention/embedded.ts";
import { randomToken } from "../security/crypto.ts";
import { KEY_MISMATCH_LINE, serverKeyFits } from "../security/key-check.ts";

export interface Embedded {
  deps: ServedDeps;
  database: LibsqlHandle;
  /** Where the database lives, for the start banner. */
  databaseUrl: string;
  /** True while no counsellor exists: the banner prints the setup link. */
  needsSetup: boolean;
  /** Stops the timers, writes what the waiting room noted, and closes the database. */
  stop(): Promise<void>;
}

/** The default database: a libSQL file in the data folder. */
export function defaultDatabaseUrl(config: Config): string {
  return `file:${join(config.DATA_DIR, "sprechzimmer.db")}`;
}

/**
 * The HMAC secret: from SERVER_SECRET, or generated once and kept in the data
 * folder (mode 600) so codes and tickets stay valid across restarts. Written with
 * `wx` so two processes starting together agree on one secret.
 */
export function loadServerSecret(config: Config): string {
  if (config.SERVER_SECRET) return config.SERVER_SECRET;
  const file = join(config.DATA_DIR, "server-secret");
  if (!existsSync(file)) {
    try {
      writeFileSync(file, `${randomBytes(32).toString("base64url")}\n`, {
        flag: "wx",
        mode: 0o600,
      });
    } catch (error) {
      if ((error as { code?: string }).code !== "EEXIST") throw error;
    }
  }
  const secret = readFileSync(file, "utf8").trim();
  if (secret.length < 32)
    throw new Error(
      `The server secret in ${resolve(file)} is too short; delete the file to make a new one.`,
    );
  return secret;
}

/**
 * A folder only this user may enter (0700): created so, and an existing one with
 * wider rights narrowed, since it holds the secret and the database. A folder the
 * process does not own keeps its rights, with an error line.
 */
function privateFolder(folder: string, log: Logger): void {
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  if ((statSync(folder).mode & 0o077) === 0) return;
  try {
    chmodSync(folder, 0o700);
  } catch {
    log.error("data folder not private", { hint: "chmod 700 DATA_DIR" });
  }
}

/**
 * For the entry files: the embedded start, or the one line that says why it
 * cannot start on standard error and an exit with status 1.
 */
export async function startEmbeddedOrExit(
  config: Config,
  log: Logger,
  exit: (code: number) => never,
): Promise<Embedded> {
  try {
    return await startEmbedded(config, log);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return exit(1);
  }
}

export async function startEmbedded(config: Config, log: Logger): Promise<Embedded> {
  privateFolder(config.DATA_DIR, log);
  const serverSecret = loadServerSecret(config);
  const databaseUrl = config.DATABASE_URL ?? defaultDatabaseUrl(config);
  const file = databaseFilePath(databaseUrl);
  if (file) privateFolder(dirname(resolve(file)), log);
  const database = await openLibsql(databaseUrl, config.DATABASE_AUTH_TOKEN);
  await migrateLibsql(database.db);
  if (!(await serverKeyFits(database.db, serverSecret))) {
    database.client.close();
    throw new ConfigError(KEY_MISMATCH_LINE);
  }
  // A file is only ever changed through SQLite connections, whose commits the copy sees.
  const pollState = databaseUrl.startsWith("file:")
    ? await openPollMemory(databaseUrl, { log })
    : undefined;

  const hashing = openHashPool({
    threads: config.PASSWORD_HASH_THREADS,
    queue: config.PASSWORD_HASH_QUEUE,
  });

  const mailer =
    config.SMTP_URL && config.MAIL_FROM
      ? smtpMailer({ SMTP_URL: config.SMTP_URL, MAIL_FROM: config.MAIL_FROM })
      : null;

  const deps: ServedDeps = {
    config,
    db: database.db,
    serverSecret,
    passwords: passwordHasher(hashing.derive),
    now: () => new Date(),
    log,
    compress: true,
    proxyHeaders: true,
    pollState,
    mailer,
    // Without SETUP_TOKEN, a fresh random one per start; it is printed with the link.
    setupToken: config.SETUP_TOKEN ?? randomToken(18),
  };

  let running = false;
  const purge = async () => {
    // One purge at a time: a long first purge must not overlap the next hourly one.
    if (running) return;
    running = true;
    const started = Date.now();
    try {
      const counts = await purgeLibsql(
        database,
        databaseUrl.startsWith("file:"),
        deps.now(),
        config,
      );
      log.info("purge", { ...counts, ms: Date.now() - started });
    } catch (error) {
      log.error("purge failed", { kind: error instanceof Error ? error.name : "unknown" });
    } finally {
      running = false;
    }
  };
  // Not awaited: the service answers while a large first purge works through its batches.
  void purge();
  const timer = setInterval(purge, 60 * 60 * 1000);
  // The timer must not keep a stopping process alive.
  (timer as { unref?: () => void }).unref?.();

  const reminders = mailer ? startReminderTick(deps, mailer, log) : undefined;
  if (mailer) {
    // Said once at start, so a wrong SMTP_URL shows in the log before a counsellor meets it.
    void mailer.verify().then((result) => {
      if (result.sent) log.info("mail ready");
      else log.error("mail server not ready", { reason: result.reason, code: result.code });
    });
  }

  return {
    deps,
    database,
    databaseUrl,
    needsSetup: (await countCounsellors(deps.db)) === 0,
    async stop() {
      clearInterval(timer);
      if (reminders) clearInterval(reminders);
      mailer?.close();
      void hashing.close();
      await pollState?.close();
      database.client.close();
    },
  };
}

/** Sends due reminders every minute, one tick at a time (a slow mail server must not pile them up). */
function startReminderTick(deps: ServedDeps, mailer: Mailer, log: Logger) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const counts = await sendDueReminders({ ...deps, mailer }, deps.now());
      if (counts.sent + counts.failed + counts.forgotten > 0) log.info("reminders", { ...counts });
    } catch (error) {
      log.error("reminders failed", { kind: error instanceof Error ? error.name : "unknown" });
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, 60_000);
  (timer as { unref?: () => void }).unref?.();
  return timer;
}
