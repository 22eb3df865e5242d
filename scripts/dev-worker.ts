/**
 * `npm run dev:worker`: the Worker locally through wrangler, with a local SQLite
 * (D1) and the room Durable Object. Applies migrations to the local D1 first,
 * keeps a local SERVER_SECRET in `.dev.vars` (git-ignored), and passes `PORT`
 * and `SETUP_TOKEN` from the shell through to the Worker.
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

const args = ["dev", "--ip", process.env.HOST ?? "127.0.0.1", "--port", process.env.PORT ?? "8787"];
args.push("--show-interactive-dev-session=false", ...persist);
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
