/**
 * `npm run dev:worker`: the Worker locally through wrangler, with a local SQLite
 * (D1) and the room Durable Object. Applies migrations to the local D1 first,
 * keeps a local SERVER_SECRET in `.dev.vars` (git-ignored), and passes `PORT`
 * and `SETUP_TOKEN` from the shell through to the Worker. While the local D1 has
 * no counsellor it prints the set-up link, like `npm start`, with `SETUP_TOKEN`
 * from the shell or `.dev.vars` (a new one is written there when neither has
 * one). `/__scheduled` runs the purge on demand (README, "The three runtimes").
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
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

/** A value from `.dev.vars` (`NAME=value` lines), which wrangler hands to the Worker. */
function devVar(name: string): string | undefined {
  const line = readFileSync(devVars, "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}=`));
  return line?.slice(name.length + 1).trim() || undefined;
}

/** How many counsellor accounts the local D1 holds (null when it cannot be read). */
function counsellorCount(): number | null {
  const sql = "SELECT COUNT(*) AS n FROM counsellors";
  const args = ["d1", "execute", "DB", "--local", "--json", "--command", sql, ...persist];
  const result = spawnSync(wrangler, args, { cwd: root, env, encoding: "utf8" });
  try {
    return Number(JSON.parse(result.stdout)[0].results[0].n);
  } catch {
    return null;
  }
}

if (counsellorCount() === 0) {
  let token = process.env.SETUP_TOKEN ?? devVar("SETUP_TOKEN");
  if (!token) {
    token = randomBytes(18).toString("base64url");
    appendFileSync(devVars, `SETUP_TOKEN=${token}\n`, { mode: 0o600 });
  }
  console.log("No counsellor account yet. Set up the first one (an administrator) at:");
  console.log(`  http://${host}:${port}/setup?token=${encodeURIComponent(token)}`);
}
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
  "OPERATOR_ADDRESS",
  "OPERATOR_CONTACT",
  "OPERATOR_REPRESENTATIVE",
  "OPERATOR_REGISTER",
  "DPO_CONTACT",
  "SUPERVISORY_AUTHORITY",
  "HOSTING_PROVIDER",
  "TURN_PROVIDER",
  "STUN_URLS",
  "TURN_URLS",
  "TURN_SECRET",
  "PUBLIC_URL",
]) {
  const value = process.env[name];
  if (value) args.push("--var", `${name}:${value}`);
}
const served = run(args);
process.exit(served.status ?? 0);
