/**
 * The Worker as it would be deployed: the bundle of `wrangler deploy --dry-run`
 * in `dir/out`, and a local D1 migrated by `wrangler d1 migrations apply` in
 * `dir/state`. Shared by the workerd tests and the benchmarks.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { basename, extname, join } from "node:path";
import type { MiniflareOptions } from "miniflare";

const root = join(import.meta.dirname, "..");

export interface BuiltWorker {
  scriptPath: string;
  modulesRoot: string;
  /** Miniflare's `d1Persist` for the migrated database. */
  d1Persist: string;
  /** The D1 id from wrangler.toml, under which the state was written. */
  databaseId: string;
}

/** The Workers compatibility date, read from wrangler.toml so it lives in one place. */
export const compatibilityDate =
  /compatibility_date\s*=\s*"([^"]+)"/.exec(
    readFileSync(join(root, "wrangler.toml"), "utf8"),
  )?.[1] ?? "";

/**
 * `entry` bundles another module in place of `main` (the edge benchmark's counting
 * wrapper), with everything else from wrangler.toml.
 */
export function buildWorker(dir: string, entry?: string): BuiltWorker {
  const wrangler = join(root, "node_modules", ".bin", "wrangler");
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
  const run = (args: string[]) => execFileSync(wrangler, args, { cwd: root, env, stdio: "pipe" });
  run(["deploy", "--dry-run", "--outdir", join(dir, "out"), ...(entry ? [entry] : [])]);
  run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(dir, "state")]);
  const toml = readFileSync(join(root, "wrangler.toml"), "utf8");
  return {
    scriptPath: join(dir, "out", `${entry ? basename(entry, extname(entry)) : "worker"}.js`),
    modulesRoot: join(dir, "out"),
    d1Persist: join(dir, "state", "v3", "d1"),
    databaseId: /database_id\s*=\s*"([^"]+)"/.exec(toml)?.[1] ?? "",
  };
}

/**
 * Miniflare's options for a built Worker bound as wrangler.toml binds it: its D1
 * (in `d1Persist`, the built state unless given), the room Durable Object, the
 * static files when `assets` is set, and `bindings` over `ROOMS_JURISDICTION=none`.
 */
export function workerOptions(
  built: BuiltWorker,
  options: { bindings: Record<string, string>; d1Persist?: string; assets?: boolean },
) {
  return {
    modules: true,
    scriptPath: built.scriptPath,
    modulesRoot: built.modulesRoot,
    compatibilityDate,
    d1Databases: { DB: built.databaseId },
    d1Persist: options.d1Persist ?? built.d1Persist,
    durableObjects: { ROOMS: { className: "Room", useSQLite: true } },
    ...(options.assets && {
      assets: {
        directory: join(root, "public"),
        binding: "ASSETS",
        routerConfig: { has_user_worker: true },
      },
    }),
    bindings: { ROOMS_JURISDICTION: "none", ...options.bindings },
  } satisfies MiniflareOptions;
}
