/** The Worker bundle wrangler would deploy, running in workerd (Miniflare) with a migrated local D1. */
import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import { root, tempDir } from "./lib.ts";

export async function startBenchWorker(secret: string) {
  const dir = tempDir("worker");
  const wrangler = join(root, "node_modules", ".bin", "wrangler");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
  execFileSync(wrangler, ["deploy", "--dry-run", "--outdir", join(dir, "out")], {
    cwd: root,
    env,
    stdio: "pipe",
  });
  execFileSync(
    wrangler,
    ["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(dir, "state")],
    {
      cwd: root,
      env,
      stdio: "pipe",
    },
  );
  const databaseId =
    /database_id\s*=\s*"([^"]+)"/.exec(readFileSync(join(root, "wrangler.toml"), "utf8"))?.[1] ??
    "";
  const mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "out", "worker.js"),
    modulesRoot: join(dir, "out"),
    compatibilityDate: "2026-04-20",
    d1Databases: { DB: databaseId },
    d1Persist: join(dir, "state", "v3", "d1"),
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
