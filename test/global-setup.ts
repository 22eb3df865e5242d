/**
 * Before any test runs: builds the browser bundles again when a source changed
 * since they were last built here, so a focused `npx vitest run` never drives
 * today's pages with yesterday's scripts (after a rebase, a page whose elements
 * moved would wait forever for a state its old script never reaches). `npm test`
 * builds them in `pretest` too; an unchanged build writes nothing.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const stamp = join(root, "src", "generated", ".built");

/** The newest modification time under `path` (a file or a folder). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = 0;
  for (const entry of readdirSync(path)) {
    if (entry === "generated") continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

export default function setup() {
  // The bundles import from elsewhere under src/ (the signalling protocol), so all of it counts.
  const sources = ["src", "views/styles.css", "scripts", "package-lock.json"];
  const changed = Math.max(...sources.map((path) => newest(join(root, path))));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= changed) return;
  execFileSync("npm", ["run", "build:assets", "--silent"], { cwd: root, stdio: "inherit" });
  writeFileSync(stamp, "");
}
