/**
 * Test helper: a real app on a fresh temporary libSQL file with every migration
 * applied. Each test makes its own, so no state is shared between cases.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { upgradeWebSocket } from "@hono/node-server";
import { serveStatic } from "@hono/node-server/serve-static";
import { createApp } from "../src/app.ts";
import { inRequestHasher } from "../src/auth/passwords.ts";
import { openPollMemory } from "../src/client-journey/poll-memory.ts";
import { type Config, parseConfig } from "../src/config.ts";
import { type LibsqlHandle, migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import type { AppDeps } from "../src/deps.ts";
import { type Logger, silentLogger } from "../src/log.ts";
import { createHub } from "../src/rooms/hub.ts";
import { PUBLIC_DIR } from "../src/runtime/start-banner.ts";

export interface TestApp {
  app: ReturnType<typeof createApp>;
  deps: AppDeps;
  database: LibsqlHandle;
  dir: string;
  file: string;
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
  const database = await openLibsql(`file:${file}`);
  await migrateLibsql(database.db);
  const pollState = options.pollMemory ? await openPollMemory(`file:${file}`, 0) : undefined;
  const deps: AppDeps = {
    config,
    db: database.db,
    serverSecret: "test-secret-test-secret-test-secret-0123",
    passwords: inRequestHasher,
    now: options.now ?? (() => new Date()),
    log: options.log ?? silentLogger,
    ...(pollState && { pollState }),
    compress: false,
    proxyHeaders: true,
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
    close() {
      pollState?.close();
      database.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
