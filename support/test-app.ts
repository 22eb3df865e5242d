/**
 * Test helper: a real app on a fresh temporary libSQL file with every migration
 * applied. Each test makes its own, so no state is shared between cases.
 */
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { upgradeWebSocket } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { createApp } from "../src/app.ts";
import { passwordHasher } from "../src/auth/passwords.ts";
import { openPollMemory, type PollMemory } from "../src/client-journey/poll-memory.ts";
import { type Config, parseConfig } from "../src/config.ts";
import { type LibsqlHandle, migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import type { AppDeps } from "../src/deps.ts";
import { type Logger, silentLogger } from "../src/log.ts";
import { smtpMailer } from "../src/mail/smtp.ts";
import { createHub } from "../src/rooms/hub.ts";
import { PUBLIC_DIR } from "../src/runtime/start-banner.ts";

/**
 * The app's own password handling (PHC strings, normalisation, the dummy hash)
 * around argon2id at its smallest cost, so a sign-in takes milliseconds instead
 * of most of a second and app tests spend their time on the app. The real cost
 * runs in `test/unit/passwords.test.ts` and behind every runtime and browser test.
 */
const lightHasher = passwordHasher((password, salt) =>
  argon2idAsync(password, salt, { m: 8, t: 1, p: 1, dkLen: 32 }),
);

/**
 * One migrated database file per test process, copied for each test: the same
 * file every migration would have produced, without running them again for
 * each of several hundred tests.
 */
let migratedTemplate: Promise<string> | undefined;

function migratedFile(): Promise<string> {
  migratedTemplate ??= (async () => {
    const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-template-"));
    const file = join(dir, "template.db");
    const template = await openLibsql(`file:${file}`);
    await migrateLibsql(template.db);
    // Everything into the main file, so a copy of that one file is the whole database.
    await template.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    template.client.close();
    process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
    return file;
  })();
  return migratedTemplate;
}

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  database: LibsqlHandle;
  dir: string;
  file: string;
  /** The in-memory copy, when asked for: `flush()` writes its noted "last seen" times. */
  pollMemory?: PollMemory;
  close(): void;
}

export async function makeTestApp(
  options: {
    env?: Record<string, string>;
    now?: () => Date;
    log?: Logger;
    /** Serve the waiting room's polls from the in-memory copy, checked on every poll. */
    pollMemory?: boolean;
  } = {},
): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-test-"));
  const file = join(dir, "test.db");
  const config: Config = parseConfig({ DATA_DIR: dir, ...options.env });
  copyFileSync(await migratedFile(), file);
  const database = await openLibsql(`file:${file}`);
  const pollState = options.pollMemory
    ? await openPollMemory(`file:${file}`, { checkEveryMs: 0 })
    : undefined;
  const deps: AppDeps = {
    config,
    db: database.db,
    serverSecret: "test-secret-test-secret-test-secret-0123",
    passwords: lightHasher,
    now: options.now ?? (() => new Date()),
    log: options.log ?? silentLogger,
    ...(pollState && { pollState }),
    compress: false,
    proxyHeaders: true,
    mailer:
      config.SMTP_URL && config.MAIL_FROM
        ? smtpMailer({ SMTP_URL: config.SMTP_URL, MAIL_FROM: config.MAIL_FROM })
        : null,
    rooms: createHub(upgradeWebSocket),
    assets: serveStatic({ root: PUBLIC_DIR }),
    // `app.request` has no socket: every request comes from the same unknown peer.
    peerAddress: () => undefined,
  };
  return {
    app: createApp(deps),
    deps,
    database,
    dir,
    file,
    ...(pollState && { pollMemory: pollState }),
    close() {
      void pollState?.close();
      database.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
