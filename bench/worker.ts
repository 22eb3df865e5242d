/** The Worker bundle wrangler would deploy, running in workerd (Miniflare) with a migrated local D1. */
import { rmSync } from "node:fs";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { buildWorker, compatibilityDate } from "../support/worker-build.ts";
import { tempDir } from "./lib.ts";

export async function startBenchWorker(secret: string) {
  const dir = tempDir("worker");
  const built = buildWorker(dir);
  const mf = new Miniflare({
    modules: true,
    scriptPath: built.scriptPath,
    modulesRoot: built.modulesRoot,
    compatibilityDate,
    d1Databases: { DB: built.databaseId },
    d1Persist: built.d1Persist,
    durableObjects: { ROOMS: { className: "Room", useSQLite: true } },
    bindings: { SERVER_SECRET: secret, ROOMS_JURISDICTION: "none" },
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
