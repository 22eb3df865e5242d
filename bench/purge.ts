/**
 * The purge of 1 M expired appointments in a Node process that keeps serving:
 * how long the purge takes (from its own log line), and the p99 latency of
 * waiting-room polls sent while it runs.
 */
import { join } from "node:path";
import { counsellors } from "../db/schema.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { percentile, startBenchServer, tempDir } from "./lib.ts";
import { addWaitingClient } from "./waiting-clients.ts";

export async function purgeBenchmark(rows = 1_000_000) {
  const dir = tempDir("purge");
  const url = `file:${join(dir, "sprechzimmer.db")}`;
  const handle = await openLibsql(url);
  await migrateLibsql(handle.db);
  await handle.db
    .insert(counsellors)
    .values({ id: "c1", email: "c@example.org", name: "C", passwordHash: "x" });
  const old = Date.now() - 200 * 86_400_000;
  const chunk = 100_000;
  for (let offset = 0; offset < rows; offset += chunk) {
    await handle.client.execute({
      sql: `with recursive n(i) as (select 1 union all select i + 1 from n where i < ?)
            insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash, given_name, checked_in_at)
            select 'old-' || (? + i), 'c1', 'Client ' || i, ?, 50, 'hash-' || (? + i), 'Typed ' || i, ? from n`,
      args: [Math.min(chunk, rows - offset), offset, old, offset, old],
    });
  }
  const secret = "bench-secret-bench-secret-bench-secret-01";
  const cookie = await addWaitingClient(handle.db, secret, "c1", 0);
  handle.client.close();

  const server = await startBenchServer({ DATA_DIR: dir, SERVER_SECRET: secret });
  const latencies: number[] = [];
  const purgeLine = () => /"event":"purge".*"appointments":(\d+).*"ms":(\d+)/.exec(server.output());
  while (!purgeLine()) {
    const started = performance.now();
    const res = await fetch(`${server.url}/lobby/status`, {
      headers: { cookie, "HX-Request": "true" },
    });
    await res.arrayBuffer();
    latencies.push(performance.now() - started);
  }
  const [, purged, ms] = purgeLine() ?? [];
  await server.stop();
  return {
    rows,
    purged: Number(purged),
    seconds: Number(ms) / 1000,
    pollsDuringPurge: latencies.length,
    pollP99Ms: Math.round(percentile(latencies, 99) * 10) / 10,
  };
}
