/**
 * The waiting-room poll on one Node process.
 *
 * - pollRatio: requests/s of `/lobby/status` for a waiting client (the unchanged
 *   answer htmx gets every 3 s) ÷ requests/s of a bare route, same process, same
 *   load tool, same run.
 * - scale: many waiting clients, each with its own cookie and connection, each
 *   polling every 3 s, for 30 s: errors and p99 latency.
 */
import { join } from "node:path";
import { counsellors } from "../db/schema.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { load, percentile, startBenchServer, tempDir } from "./lib.ts";
import { runPollers } from "./pollers.ts";
import { addWaitingClient } from "./waiting-clients.ts";

const SECRET = "bench-secret-bench-secret-bench-secret-01";

async function prepare(clients: number) {
  const dir = tempDir("poll");
  const handle = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
  await migrateLibsql(handle.db);
  await handle.db
    .insert(counsellors)
    .values({ id: "c1", email: "c@example.org", name: "Anna", passwordHash: "x" });
  const cookies: string[] = [];
  for (let i = 0; i < clients; i++)
    cookies.push(await addWaitingClient(handle.db, SECRET, "c1", i));
  handle.client.close();
  const server = await startBenchServer({ DATA_DIR: dir, SERVER_SECRET: SECRET });
  // The version tag htmx sends back; the same for every client who simply waits.
  const first = await fetch(`${server.url}/lobby/status`, {
    headers: { cookie: cookies[0] ?? "", "HX-Request": "true" },
  });
  const tag = /\/lobby\/status\?v=([0-9a-f]+)/.exec(await first.text())?.[1] ?? "";
  if (!tag) throw new Error("the lobby status answered without a version tag");
  return { server, cookies, statusPath: `/lobby/status?v=${tag}` };
}

export async function pollRatio(seconds = 10) {
  const { server, cookies, statusPath } = await prepare(1);
  const common = { connections: 50, duration: seconds, pipelining: 1 };
  // Warm up both routes (JIT, caches) before measuring.
  await load({ ...common, url: `${server.url}/__bench/ok`, duration: 2 });
  await load({
    ...common,
    url: `${server.url}${statusPath}`,
    headers: { cookie: cookies[0] ?? "", "HX-Request": "true" },
    duration: 2,
  });
  const bare = await load({ ...common, url: `${server.url}/__bench/ok` });
  const status = await load({
    ...common,
    url: `${server.url}${statusPath}`,
    headers: { cookie: cookies[0] ?? "", "HX-Request": "true" },
  });
  await server.stop();
  return {
    pollRatio: Math.round((status.requestsPerSecond / bare.requestsPerSecond) * 100) / 100,
    bareRps: bare.requestsPerSecond,
    lobbyStatusRps: status.requestsPerSecond,
    lobbyStatusP99Ms: status.p99,
    errors: bare.errors + status.errors + bare.non2xx + status.non2xx,
  };
}

export async function scale(clients = 5000, seconds = 30) {
  const { server, cookies, statusPath } = await prepare(clients);
  const result = await runPollers(server.url, statusPath, cookies, seconds);
  const memory = await fetch(`${server.url}/__bench/memory`).then(
    (res) => res.json() as Promise<{ rss: number }>,
  );
  await server.stop();
  return {
    clients,
    pollEverySeconds: 3,
    requests: result.latencies.length,
    requestsPerSecond: Math.round(result.latencies.length / seconds),
    p50Ms: Math.round(percentile(result.latencies, 50) * 10) / 10,
    p99Ms: Math.round(percentile(result.latencies, 99) * 10) / 10,
    errors: result.errors + result.non2xx,
    serverRssMiB: Math.round(memory.rss / 1024 / 1024),
  };
}
