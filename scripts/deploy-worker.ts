/**
 * `npm run deploy`: `wrangler deploy` (with any arguments after `--`), after
 * saying what the deployment needs. Sign-in, set-up and password changes hash
 * with argon2id in JavaScript, several hundred ms of CPU each: the Workers Free
 * plan (10 ms of CPU per request) cannot run them, so the Worker needs the Paid
 * plan and `limits.cpu_ms` in wrangler.toml. Without that setting it stops.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { unstable_readConfig } from "wrangler";

/** Below this, a password change (two hashes) on a slow machine could be cut off. */
const MIN_CPU_MS = 5_000;

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
const cpuMs = config.limits?.cpu_ms;

if (cpuMs === undefined || cpuMs < MIN_CPU_MS) {
  console.error(
    `Deployment stopped: wrangler.toml must set [limits] cpu_ms to at least ${MIN_CPU_MS} (it is ${cpuMs ?? "unset"}). Sign-in hashes passwords with argon2id, several hundred ms of CPU per request; see docs/workers.md.`,
  );
  process.exit(1);
}
console.log(
  `Sprechzimmer needs the Workers Paid plan: sign-in, set-up and password changes take several hundred ms of CPU (argon2id), the Free plan allows 10 ms per request. wrangler.toml allows ${cpuMs} ms of CPU per request (limits.cpu_ms).`,
);

const wrangler = join(root, "node_modules", ".bin", "wrangler");
const deployed = spawnSync(wrangler, ["deploy", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
process.exit(deployed.status ?? 1);
