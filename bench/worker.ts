/** The Worker bundle wrangler would deploy, running in workerd (Miniflare) with a migrated local D1. */
import { rmSync } from "node:fs";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { buildWorker, workerOptions } from "../support/worker-build.ts";
import { tempDir } from "./lib.ts";

export async function startBenchWorker(secret: string) {
  const dir = tempDir("worker");
  const built = buildWorker(dir);
  const mf = new Miniflare({
    ...workerOptions(built, { bindings: { SERVER_SECRET: secret } }),
    // The Worker's request log would drown the figures.
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.resume();
      stderr.resume();
    },
  });
  await mf.ready;
  return {
    mf,
    async stop() {
      await mf.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
