/** Shared pieces of the benchmarks: the bench server process, autocannon, percentiles. */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { type RunningServer, startServer } from "../support/process.ts";

export const root = join(import.meta.dirname, "..");

export function tempDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `sprechzimmer-bench-${name}-`));
}

/** Starts `bench/server.ts` as its own process (the load comes from this one). */
export function startBenchServer(env: Record<string, string>): Promise<RunningServer> {
  return startServer(
    process.execPath,
    ["--expose-gc", "--import", "tsx", join(root, "bench", "server.ts")],
    {
      PORT: "0",
      ...env,
    },
  );
}

export interface LoadResult {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  total: number;
}

export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon(options);
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}
