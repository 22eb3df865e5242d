/**
 * A server with an appointment whose waiting room is open and a client who has
 * joined it, so the client's pages can be measured as a client sees them.
 */
import { join } from "node:path";
import { counsellors } from "../db/schema.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { startBenchServer, tempDir } from "./lib.ts";
import { addWaitingClient } from "./waiting-clients.ts";

export async function clientPagesServer() {
  const dir = tempDir("pages");
  const secret = "bench-secret-bench-secret-bench-secret-01";
  const handle = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
  await migrateLibsql(handle.db);
  await handle.db
    .insert(counsellors)
    .values({ id: "c1", email: "c@example.org", name: "Anna", passwordHash: "x" });
  const cookie = await addWaitingClient(handle.db, secret, "c1", 0);
  const admitted = await addWaitingClient(handle.db, secret, "c1", 1, true);
  handle.client.close();
  const server = await startBenchServer({ DATA_DIR: dir, SERVER_SECRET: secret });
  return {
    url: server.url,
    paths: [
      { path: "/" },
      { path: "/join" },
      { path: "/info" },
      { path: "/check" },
      { path: "/lobby", cookie },
      { path: "/call", cookie: admitted },
    ],
    lighthousePaths: [
      { path: "/" },
      { path: "/join" },
      { path: "/info" },
      { path: "/lobby", cookie },
    ],
    stop: () => server.stop(),
  };
}
