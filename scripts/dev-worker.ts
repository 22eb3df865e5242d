/**
 * `npm run dev:worker`: the Worker locally through wrangler, with a local SQLite
 * (D1) and the room Durable Object. Applies migrations to the local D1 first,
 * keeps a local SERVER_SECRET in `.dev.vars` (git-ignored), and passes `PORT`
 * and `SETUP_TOKEN` from the shell through to the Worker. `/__scheduled` runs the
 * purge on demand (README, "The three runtimes").
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const devVars = join(root, ".dev.vars");
if (!existsSync(devVars)) {
  writeFileSync(devVars, `SERVER_SECRET=${randomBytes(32).toString("base64url")}\n`, {
    mode: 0o600,
  });
}

const env = { ...process.env, WRANGLER_SEND_METRICS: "false" };
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const run = (args: string[]) => spawnSync(wrangler, args, { cwd: root, env, stdio: "inherit" });

// WRANGLER_PERSIST_TO keeps the local D1 and Durable Object state elsewhere (tests use a fresh folder).
const persist = process.env.WRANGLER_PERSIST_TO
  ? ["--persist-to", process.env.WRANGLER_PERSIST_TO]
  : [];
const migrated = run(["d1", "migrations", "apply", "DB", "--local", ...persist]);
if (migrated.status !== 0) process.exit(migrated.status ?? 1);

const host = process.env.HOST ?? "127.0.0.1";
const port = process.env.PORT ?? "8787";
const args = ["dev", "--ip", host, "--port", port];
args.push("--show-interactive-dev-session=false", ...persist);
// wrangler dev fires no cron triggers. `--test-scheduled` adds `/__scheduled`, which runs the
// Worker's scheduled handler (the purge) inside the Worker itself; the pinned wrangler's
// `/cdn-cgi/handler/scheduled` hands the event to the assets router instead and fails.
args.push("--test-scheduled");
console.log(`Purge now: curl "http://${host}:${port}/__scheduled?cron=17+*+*+*+*"`);
// workerd implements no Durable Object jurisdictions, so local rooms run without one.
args.push("--var", `ROOMS_JURISDICTION:${process.env.ROOMS_JURISDICTION ?? "none"}`);
for (const name of [
  "SETUP_TOKEN",
  "RETENTION_DAYS",
  "DATABASE_HISTORY_DAYS",
  "TIME_ZONE",
  "OPERATOR",
  "PUBLIC_URL",
]) {
  const value = process.env[name];
  if (value) args.push("--var", `${name}:${value}`);
}
const served = run(args);
process.exit(served.status ?? 0);
