/**
 * Lighthouse (mobile profile: simulated slow 4G and a 4× slower CPU) in Debian's
 * Chromium on the client pages. Budgets: performance ≥ 95, accessibility 100.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { root, tempDir } from "./lib.ts";

export interface LighthouseScore {
  path: string;
  performance: number;
  accessibility: number;
}

export function lighthouse(url: string, path: string, cookie?: string): LighthouseScore {
  const dir = tempDir("lighthouse");
  const out = join(dir, "report.json");
  const args = [
    join(root, "node_modules", "lighthouse", "cli", "index.js"),
    `${url}${path}`,
    "--quiet",
    "--only-categories=performance,accessibility",
    "--output=json",
    `--output-path=${out}`,
    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking --no-first-run",
  ];
  if (cookie) args.push(`--extra-headers=${JSON.stringify({ Cookie: cookie })}`);
  const once = () =>
    spawnSync(process.execPath, args, {
      env: { ...process.env, CHROME_PATH: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium" },
      encoding: "utf8",
    });
  let run = once();
  // Lighthouse sometimes loses its own trace ("NO_NAVSTART"); that says nothing about the page.
  if (run.status !== 0 && /NO_NAVSTART|NO_FCP/.test(run.stderr)) run = once();
  if (run.status !== 0) throw new Error(`lighthouse failed for ${path}: ${run.stderr.slice(-500)}`);
  const report = JSON.parse(readFileSync(out, "utf8")) as {
    categories: Record<string, { score: number }>;
  };
  rmSync(dir, { recursive: true, force: true });
  return {
    path,
    performance: Math.round((report.categories.performance?.score ?? 0) * 100),
    accessibility: Math.round((report.categories.accessibility?.score ?? 0) * 100),
  };
}
