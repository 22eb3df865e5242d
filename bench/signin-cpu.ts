/**
 * CPU per sign-in on Workers: the argon2id hash inside workerd, two ways.
 *
 * 1. Inside the isolate: a small Worker built from `src/auth/passwords.ts` times
 *    the hash with the parameters of the app's stored hashes. On the edge,
 *    `Date.now()` stands still while JavaScript runs and moves on only at I/O, so
 *    @noble/hashes' async argon2id (which yields when 10 ms have passed on that
 *    clock) never yields there and runs as one synchronous block. The script
 *    times exactly that block: the synchronous `argon2id`, then a timer (I/O, so
 *    a frozen clock catches up) before the clock is read again. Local workerd's
 *    clock does run during JavaScript; the async `verifyPassword` as the app calls
 *    it is timed too, and there it yields every 10 ms, which adds waiting, not CPU.
 * 2. From outside: the deployed bundle answers `POST /login` for an unknown
 *    e-mail (a full argon2id verification against the dummy hash, as for a wrong
 *    password), and the workerd process's CPU time (utime + stime from /proc) is
 *    read around a batch of them. That is CPU, the quantity `limits.cpu_ms` caps,
 *    for the whole request (form, rate-limit writes to D1, the hash, the page).
 *    `GET /login` (no hash) is measured the same way for comparison.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { compatibilityDate } from "../support/worker-build.ts";
import { root } from "./lib.ts";
import { startBenchWorker } from "./worker.ts";

const SECRET = "bench-secret-bench-secret-bench-secret-01";

/** The pids of workerd processes started by this process. */
function workerdChildren(): Set<number> {
  const pids = new Set<number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[1]) === process.pid && stat.includes("(workerd)")) pids.add(Number(entry));
    } catch {
      // The process ended meanwhile.
    }
  }
  return pids;
}

/** CPU time (user + system) a process has used so far, in ms. */
function cpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime are fields 14 and 15 of stat, counted in clock ticks (100 per second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** The hash alone, timed inside workerd. */
async function insideIsolate(runs: number) {
  const entry = `
    import { argon2id } from "@noble/hashes/argon2.js";
    import { DUMMY_HASH, verifyPassword } from ${JSON.stringify(join(root, "src", "auth", "passwords.ts"))};
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    // The parameters the app stores with every hash.
    const [m, t, p] = /m=(\\d+),t=(\\d+),p=(\\d+)/.exec(DUMMY_HASH).slice(1).map(Number);
    const salt = new Uint8Array(16);
    export default {
      async fetch() {
        await tick();
        let started = Date.now();
        argon2id("a wrong password", salt, { m, t, p, dkLen: 32 });
        const clockRan = Date.now() > started;
        await tick();
        const hashMs = Date.now() - started;
        started = Date.now();
        await verifyPassword("a wrong password", DUMMY_HASH);
        await tick();
        return Response.json({ hashMs, verifyMs: Date.now() - started, clockRan, params: { m, t, p } });
      },
    };`;
  const bundle = await build({
    stdin: { contents: entry, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "neutral",
    write: false,
  });
  const mf = new Miniflare({
    modules: true,
    script: bundle.outputFiles[0]?.text ?? "",
    compatibilityDate,
  });
  try {
    await mf.ready;
    const hash: number[] = [];
    const verify: number[] = [];
    let clockRan = false;
    let params = {};
    for (let i = 0; i < runs + 1; i++) {
      const res = (await (await mf.dispatchFetch("http://bench/")).json()) as {
        hashMs: number;
        verifyMs: number;
        clockRan: boolean;
        params: object;
      };
      // The first run compiles the code; it is left out.
      if (i === 0) continue;
      hash.push(res.hashMs);
      verify.push(res.verifyMs);
      clockRan ||= res.clockRan;
      params = res.params;
    }
    return {
      hashMedianMs: median(hash),
      hashMinMs: Math.min(...hash),
      verifyMedianMs: median(verify),
      clockRan,
      params,
    };
  } finally {
    await mf.dispose();
  }
}

/** Whole requests to the deployed bundle, CPU from /proc. */
async function wholeRequests(runs: number) {
  const before = workerdChildren();
  const worker = await startBenchWorker(SECRET);
  try {
    const started = [...workerdChildren()].filter((pid) => !before.has(pid));
    if (started.length !== 1)
      throw new Error(`expected one workerd process, found ${started.length}`);
    const pid = started[0] as number;
    let n = 0;
    const signIn = async () => {
      n++;
      const res = await worker.mf.dispatchFetch("http://localhost/login", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost",
          // Each attempt from its own address and for its own e-mail, below every rate limit.
          "cf-connecting-ip": `198.51.100.${n % 250}`,
        },
        body: new URLSearchParams({
          email: `nobody-${n}@example.org`,
          password: "a wrong password",
        }).toString(),
      });
      await res.arrayBuffer();
      if (res.status !== 401) throw new Error(`sign-in answered ${res.status}`);
    };
    const page = async () => {
      const res = await worker.mf.dispatchFetch("http://localhost/login");
      await res.arrayBuffer();
    };
    const perRequest = async (request: () => Promise<void>) => {
      const cpu = cpuMs(pid);
      const wall = performance.now();
      for (let i = 0; i < runs; i++) await request();
      return {
        cpuMs: Math.round((cpuMs(pid) - cpu) / runs),
        wallMs: Math.round((performance.now() - wall) / runs),
      };
    };
    // Warm up both routes (compilation, first D1 access) before measuring.
    await signIn();
    await page();
    return { signIn: await perRequest(signIn), loginPage: await perRequest(page) };
  } finally {
    await worker.stop();
  }
}

export async function signInCpuBenchmark(runs = 10) {
  const inside = await insideIsolate(runs);
  const whole = await wholeRequests(runs);
  const wranglerToml = readFileSync(join(root, "wrangler.toml"), "utf8");
  const cpuLimitMs = Number(/^cpu_ms\s*=\s*(\d+)/m.exec(wranglerToml)?.[1] ?? Number.NaN);
  return {
    runs,
    params: inside.params,
    hashInIsolateMs: inside.hashMedianMs,
    hashInIsolateMinMs: inside.hashMinMs,
    verifyPasswordInIsolateMs: inside.verifyMedianMs,
    localClockRunsDuringJs: inside.clockRan,
    signInRequest: whole.signIn,
    loginPageRequest: whole.loginPage,
    cpuLimitMs,
    freePlanLimitMs: 10,
  };
}
