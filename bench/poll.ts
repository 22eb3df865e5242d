/**
 * The waiting-room poll on one Node process, started exactly as `npm start`
 * starts it (`src/runtime/node.ts`, request log on, its output read by this process).
 *
 * - pollVsBareHono: requests/s of `/lobby/status` for a waiting client (the
 *   unchanged answer htmx gets every 3 s) ÷ requests/s of a bare Hono route on
 *   `@hono/node-server` in a process of its own, same load tool, same run.
 * - scale: many waiting clients, each with its own cookie and connection, each
 *   polling every 3 s, from generator processes of their own: the first round
 *   (which opens every connection) and the steady state after it.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { counsellors } from "../db/schema.ts";
import { migrateLibsql, openLibsql } from "../src/db/libsql.ts";
import { type RunningServer, startServer } from "../support/process.ts";
import { load, percentile, root, tempDir } from "./lib.ts";
import { type ReverseProxy, startProxy } from "./proxy.ts";
import { addWaitingClient } from "./waiting-clients.ts";

const SECRET = "bench-secret-bench-secret-bench-secret-01";
const STARTED = /is serving on (http:\/\/[^\s]+)/;

/** Runs `node` with the open-files limit raised as far as this machine allows. */
function startNode(args: string[], env: Record<string, string>) {
  return startServer(
    "sh",
    ["-c", 'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"', process.execPath, ...args],
    { PORT: "0", HOST: "127.0.0.1", ...env },
    STARTED,
  );
}

/** The app exactly as `npm start` runs it (`tsx src/runtime/node.ts`). */
function startApp(dataDir: string) {
  // For profiling the app under load, e.g. BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof".
  const extra = process.env.BENCH_APP_NODE_ARGS?.split(" ").filter(Boolean) ?? [];
  return startNode([...extra, "--import", "tsx", join(root, "src", "runtime", "node.ts")], {
    DATA_DIR: dataDir,
    SERVER_SECRET: SECRET,
  });
}

function startBareHono() {
  return startNode(["--import", "tsx", join(root, "bench", "bare-hono.ts")], {});
}

async function prepare(clients: number) {
  const dir = tempDir("poll");
  const handle = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
  await migrateLibsql(handle.db);
  await handle.db
    .insert(counsellors)
    .values({ id: "c1", email: "c@example.org", name: "Anna", passwordHash: "x" });
  const cookies: string[] = [];
  for (let i = 0; i < clients; i++)
    cookies.push(await addWaitingClient(handle.db, SECRET, "c1", i));
  handle.client.close();
  const server = await startApp(dir);
  /** Another client arrives (as the join form leaves one): a change every process must see. */
  const arrive = async (n: number) => {
    const writer = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
    try {
      await addWaitingClient(writer.db, SECRET, "c1", n);
    } finally {
      writer.client.close();
    }
  };
  // The version tag htmx sends back; the same for every client who simply waits.
  const first = await fetch(`${server.url}/lobby/status`, {
    headers: { cookie: cookies[0] ?? "", "HX-Request": "true" },
  });
  const tag = /\/lobby\/status\?v=([0-9a-f]+)/.exec(await first.text())?.[1] ?? "";
  if (!tag) throw new Error("the lobby status answered without a version tag");
  return { server, cookies, statusPath: `/lobby/status?v=${tag}`, arrive };
}

/** Resident memory of a process, from /proc. */
function rssBytes(pid: number | undefined): number {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
  return Number(kb) * 1024;
}

/** CPU time of a process and its children (nginx's master and workers), in ms. */
function cpuTreeMs(pid: number | undefined): number {
  let total = cpuMs(pid);
  const children = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
  for (const child of children ? children.split(" ") : []) total += cpuTreeMs(Number(child));
  return total;
}

/** CPU time a process has used so far (user + system), in ms, from /proc. */
function cpuMs(pid: number | undefined): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 per second).
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** One side of the comparison, 50 connections, `seconds` long. */
async function hammer(
  server: RunningServer,
  url: string,
  seconds: number,
  headers?: Record<string, string>,
) {
  const cpuBefore = cpuMs(server.pid);
  const result = await load({
    url,
    connections: 50,
    pipelining: 1,
    duration: seconds,
    ...(headers && { headers }),
  });
  return {
    ...result,
    cpuMicrosPerRequest: ((cpuMs(server.pid) - cpuBefore) * 1000) / result.total,
  };
}

export async function pollVsBareHono(seconds = 5, rounds = 3) {
  const { server, cookies, statusPath } = await prepare(1);
  const bare = await startBareHono();
  const poll = {
    url: `${server.url}${statusPath}`,
    headers: { cookie: cookies[0] ?? "", "HX-Request": "true" },
  };
  try {
    // Warm up both (JIT, caches), then take turns, so a busy moment of the machine hits both alike.
    await hammer(bare, bare.url, 2);
    await hammer(server, poll.url, 2, poll.headers);
    type Run = Awaited<ReturnType<typeof hammer>>;
    const bareRuns: Run[] = [];
    const pollRuns: Run[] = [];
    for (let i = 0; i < rounds; i++) {
      bareRuns.push(await hammer(bare, bare.url, seconds));
      pollRuns.push(await hammer(server, poll.url, seconds, poll.headers));
    }
    const sum = (runs: Run[]) => runs.reduce((n, run) => n + run.requestsPerSecond, 0);
    const cpu = (runs: Run[]) =>
      Math.round(runs.reduce((n, run) => n + run.cpuMicrosPerRequest, 0) / runs.length);
    const lines = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{")).length;
    return {
      pollVsBareHono: Math.round((sum(pollRuns) / sum(bareRuns)) * 100) / 100,
      bareHonoRps: Math.round(sum(bareRuns) / rounds),
      lobbyStatusRps: Math.round(sum(pollRuns) / rounds),
      lobbyStatusP99Ms: Math.max(...pollRuns.map((run) => run.p99)),
      perRound: pollRuns.map(
        (run, i) => `${run.requestsPerSecond}/${bareRuns[i]?.requestsPerSecond}`,
      ),
      // CPU time per request in each server process: what the ratio costs, unaffected
      // by how busy the rest of the machine is.
      cpuMicrosPerRequest: { lobbyStatus: cpu(pollRuns), bareHono: cpu(bareRuns) },
      errors: [...bareRuns, ...pollRuns].reduce((n, run) => n + run.errors + run.non2xx, 0),
      appLogLines: lines,
    };
  } finally {
    await bare.stop();
    await server.stop();
  }
}

interface GeneratorResult {
  first: number[];
  steady: number[];
  errors: { first: Record<string, number>; steady: Record<string, number> };
  /** The generator's own CPU time (user + system). */
  cpuMicros: number;
}

/** One generator process for a share of the clients. */
function generator(input: object): Promise<GeneratorResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      "sh",
      [
        "-c",
        'ulimit -n "$(ulimit -Hn)"; exec "$0" "$@"',
        process.execPath,
        "--import",
        "tsx",
        join(root, "bench", "poll-clients.ts"),
      ],
      { stdio: ["pipe", "pipe", "inherit"] },
    );
    let output = "";
    child.stdout.on("data", (chunk) => {
      output += chunk;
    });
    child.on("close", (code) => {
      if (code !== 0) reject(new Error(`the load generator exited with ${code}`));
      else resolve(JSON.parse(output) as GeneratorResult);
    });
    child.stdin.end(JSON.stringify(input));
  });
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/**
 * `clients` waiting clients polling every 3 s for `seconds` after the first round,
 * from `generators` processes (each keeps one connection per client, so each needs
 * a file descriptor per client: one process could not hold them all).
 *
 * `via: "proxy"` is the shape README asks for in production: the clients connect
 * to a reverse proxy (nginx), which passes their requests to the app over its pool
 * of kept-alive connections. `via: "direct"`: every client holds a connection to
 * the app itself, so the app needs a descriptor per client.
 *
 * `serve: "bareHono"` puts the bare Hono route in the app's place under the same
 * load: the ceiling of this machine for so many connections polling so often.
 */
export async function scale(
  clients = 20_000,
  options: {
    via?: "proxy" | "direct";
    serve?: "app" | "bareHono";
    seconds?: number;
    generators?: number;
    /** A further client arrives every so often while the others poll (the app only). */
    arriveEveryMs?: number;
  } = {},
) {
  const { via = "proxy", serve = "app", seconds = 30, generators = 2, arriveEveryMs } = options;
  const { server, cookies, statusPath, arrive } =
    serve === "app"
      ? await prepare(clients)
      : {
          server: await startBareHono(),
          cookies: Array.from({ length: clients }, (_, i) => `sz_client=${i}`),
          statusPath: "/",
          arrive: undefined,
        };
  const everyMs = 3000;
  const fdLimit = Number(
    readFileSync(`/proc/${server.pid}/limits`, "utf8").match(/Max open files\s+(\d+)/)?.[1],
  );
  const rssBefore = rssBytes(server.pid);
  const cpuBefore = cpuMs(server.pid);
  let proxy: ReverseProxy | undefined;
  try {
    if (via === "proxy") proxy = await startProxy(server.url);
    const proxyCpuBefore = proxy ? cpuTreeMs(proxy.pid) : 0;
    const target = proxy?.url ?? server.url;
    const share = Math.ceil(clients / generators);
    let arrivals = 0;
    let arriving = Promise.resolve();
    const arrivalTimer =
      arrive && arriveEveryMs
        ? setInterval(() => {
            arriving = arriving.then(() => arrive(clients + arrivals++));
          }, arriveEveryMs)
        : undefined;
    const parts = await Promise.all(
      Array.from({ length: generators }, (_, g) =>
        generator({
          url: target,
          path: statusPath,
          cookies: cookies.slice(g * share, (g + 1) * share),
          offset: g * share,
          total: clients,
          seconds,
          everyMs,
        }),
      ),
    );
    clearInterval(arrivalTimer);
    await arriving;
    const rssAfter = rssBytes(server.pid);
    const serverCpuMs = cpuMs(server.pid) - cpuBefore;
    const proxyCpuMs = proxy ? cpuTreeMs(proxy.pid) - proxyCpuBefore : 0;
    const steady = parts.flatMap((part) => part.steady);
    const first = parts.flatMap((part) => part.first);
    const errorsOf = (phase: "first" | "steady") => {
      const kinds: Record<string, number> = {};
      for (const part of parts)
        for (const [kind, n] of Object.entries(part.errors[phase]))
          kinds[kind] = (kinds[kind] ?? 0) + n;
      return { count: Object.values(kinds).reduce((a, b) => a + b, 0), kinds };
    };
    const steadyErrors = errorsOf("steady");
    const firstErrors = errorsOf("first");
    const totalRequests = steady.length + first.length;
    return {
      clients,
      via,
      serve,
      pollEverySeconds: everyMs / 1000,
      ...(arrivalTimer && { arrivals }),
      seconds,
      requestsPerSecond: Math.round(steady.length / seconds),
      steady: {
        requests: steady.length,
        p50Ms: round1(percentile(steady, 50)),
        p99Ms: round1(percentile(steady, 99)),
        maxMs: round1(steady.reduce((a, b) => Math.max(a, b), 0)),
      },
      firstRound: {
        requests: first.length,
        p50Ms: round1(percentile(first, 50)),
        p99Ms: round1(percentile(first, 99)),
        maxMs: round1(first.reduce((a, b) => Math.max(a, b), 0)),
        errors: firstErrors.count,
        errorKinds: firstErrors.kinds,
      },
      /** Errors of requests sent in the steady state (those of the first round are with it). */
      errors: steadyErrors.count,
      errorKinds: steadyErrors.kinds,
      serverOpenFilesLimit: fdLimit,
      serverCpuMicrosPerRequest: Math.round((serverCpuMs * 1000) / totalRequests),
      generatorCpuMicrosPerRequest: Math.round(
        parts.reduce((n, part) => n + part.cpuMicros, 0) / totalRequests,
      ),
      ...(proxy && { proxyCpuMicrosPerRequest: Math.round((proxyCpuMs * 1000) / totalRequests) }),
      serverRssMiB: Math.round(rssAfter / 2 ** 20),
      memoryPerWaitingClientKiB: round1((rssAfter - rssBefore) / clients / 1024),
    };
  } finally {
    await proxy?.stop();
    await server.stop();
  }
}
