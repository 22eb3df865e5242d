/**
 * `npm run bench`: runs every benchmark, prints a table of figures against their
 * budgets, and writes `bench/results.json`. Each ratio is measured against its
 * ceiling in the same run, so the figures hold on any machine.
 */
import { writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { clientPagesServer } from "./client-pages.ts";
import { edgeBenchmark } from "./edge.ts";
import { fieldBenchmark } from "./field.ts";
import { root } from "./lib.ts";
import { lighthouse } from "./lighthouse.ts";
import { mediaBenchmark, threeWayBenchmark } from "./media.ts";
import { pageBytes } from "./page-bytes.ts";
import { pollVsBareHono, scale } from "./poll.ts";
import { haveNginx } from "./proxy.ts";
import { purgeBenchmark } from "./purge.ts";
import { signallingBenchmark } from "./signalling.ts";
import { signInCpuBenchmark } from "./signin-cpu.ts";
import { startToVideoBenchmark } from "./start-to-video.ts";

type Row = [string, string, string, boolean];
const rows: Row[] = [];
const results: Record<string, unknown> = {
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
  },
  ranAt: new Date().toISOString(),
};

function scaleLine(figures: Awaited<ReturnType<typeof scale>>) {
  const { steady, firstRound } = figures;
  return `${figures.clients} clients every 3 s (${figures.requestsPerSecond} req/s): steady p50 ${steady.p50Ms} ms, p99 ${steady.p99Ms} ms, ${figures.errors} errors${figures.errors ? ` ${JSON.stringify(figures.errorKinds)}` : ""}; first round (opens every connection) p50 ${firstRound.p50Ms} ms, p99 ${firstRound.p99Ms} ms, max ${firstRound.maxMs} ms, ${firstRound.errors} errors${firstRound.errors ? ` ${JSON.stringify(firstRound.errorKinds)}` : ""}`;
}

function row(name: string, figure: string, budget: string, met: boolean) {
  rows.push([name, figure, budget, met]);
  console.log(`${met ? "ok  " : "OVER"} ${name}: ${figure} (budget ${budget})`);
}

const only = new Set(process.argv.slice(2));
const wanted = (name: string) => only.size === 0 || only.has(name);

if (wanted("poll")) {
  const poll = await pollVsBareHono();
  results.pollVsBareHono = poll.pollVsBareHono;
  results.poll = poll;
  row(
    "pollVsBareHono",
    `${poll.pollVsBareHono} (${poll.lobbyStatusRps} vs ${poll.bareHonoRps} req/s; CPU per request ${poll.cpuMicrosPerRequest.lobbyStatus} vs ${poll.cpuMicrosPerRequest.bareHono} µs; lobby status p99 ${poll.lobbyStatusP99Ms} ms)`,
    "≥ 0.3",
    poll.pollVsBareHono >= 0.3 && poll.errors === 0,
  );
}

if (wanted("pages")) {
  const pages = await clientPagesServer();
  try {
    const bytes = await pageBytes(pages.url, pages.paths);
    results.pageBytes = bytes;
    for (const [path, n] of Object.entries(bytes)) {
      const budget =
        path === "/call" ? 60_000 : path === "/join" || path === "/lobby" ? 30_000 : undefined;
      row(
        `pageBytes ${path}`,
        `${(n / 1000).toFixed(1)} KB`,
        budget ? `≤ ${budget / 1000} KB` : "—",
        budget === undefined || n <= budget,
      );
    }
    const scores = pages.lighthousePaths.map(({ path, cookie }) =>
      lighthouse(pages.url, path, cookie),
    );
    results.lighthouse = scores;
    for (const score of scores) {
      row(
        `lighthouse ${score.path}`,
        `performance ${score.performance}, accessibility ${score.accessibility}`,
        "≥ 95, 100",
        score.performance >= 95 && score.accessibility === 100,
      );
    }
  } finally {
    await pages.stop();
  }
}

if (wanted("scale")) {
  const clients = Number(process.env.SCALE_CLIENTS ?? 20_000);
  // The same load on a bare Hono route in the app's place: what this machine allows at all.
  const ceiling = (figures: Awaited<ReturnType<typeof scale>>) =>
    `; bare Hono in the app's place: steady p99 ${figures.steady.p99Ms} ms, ${figures.errors} errors, ${figures.serverCpuMicrosPerRequest} µs CPU per request`;
  if (!haveNginx()) {
    row("scale", "not run: needs Debian's nginx (apt-get install nginx-light)", "—", false);
  } else {
    const figures = await scale(clients, { via: "proxy" });
    const bare = await scale(clients, { via: "proxy", serve: "bareHono" });
    results.scale = figures;
    results.scaleBareHono = bare;
    results.memoryPerWaitingClientKiB = figures.memoryPerWaitingClientKiB;
    row(
      "scale",
      `${scaleLine(figures)}; through nginx, as in production; CPU per poll: app ${figures.serverCpuMicrosPerRequest} µs, nginx ${figures.proxyCpuMicrosPerRequest} µs, load generators ${figures.generatorCpuMicrosPerRequest} µs${ceiling(bare)}`,
      "≥ 20000 with p99 < 100 ms, 0 errors",
      figures.clients >= 20_000 && figures.steady.p99Ms < 100 && figures.errors === 0,
    );
    row(
      "memoryPerWaitingClient",
      `${figures.memoryPerWaitingClientKiB} KiB in the app (RSS ${figures.serverRssMiB} MiB at ${figures.clients} clients)`,
      "reported",
      true,
    );
  }
  if (haveNginx()) {
    // People keep arriving while others wait: every arrival is a change the copy must take in.
    const waiting = Number(process.env.SCALE_ARRIVAL_CLIENTS ?? 8_000);
    const figures = await scale(waiting, { via: "proxy", arriveEveryMs: 1_000 });
    results.scaleWithArrivals = figures;
    row(
      "scale, one arrival a second",
      `${scaleLine(figures)}; ${figures.arrivals} arrivals; through nginx; CPU per poll: app ${figures.serverCpuMicrosPerRequest} µs, nginx ${figures.proxyCpuMicrosPerRequest} µs, load generators ${figures.generatorCpuMicrosPerRequest} µs`,
      "reported",
      true,
    );
  }
  // Every client connected to the app itself: one descriptor each, so fewer than the
  // process's open-files limit.
  const direct = Number(process.env.SCALE_DIRECT_CLIENTS ?? Math.min(clients, 10_000));
  const figures = await scale(direct, { via: "direct" });
  const bare = await scale(direct, { via: "direct", serve: "bareHono" });
  results.scaleDirect = figures;
  results.scaleDirectBareHono = bare;
  row(
    "scale, direct connections",
    `${scaleLine(figures)}; CPU per poll: app ${figures.serverCpuMicrosPerRequest} µs, load generators ${figures.generatorCpuMicrosPerRequest} µs; ${figures.memoryPerWaitingClientKiB} KiB per client (RSS ${figures.serverRssMiB} MiB); open-files limit ${figures.serverOpenFilesLimit}${ceiling(bare)}`,
    "reported",
    true,
  );
}

if (wanted("signalling")) {
  const figures = await signallingBenchmark();
  results.signalling = figures;
  row(
    "signalling Node hub",
    `p50 ${figures.node.p50Ms} ms, p99 ${figures.node.p99Ms} ms`,
    "—",
    true,
  );
  row(
    "signalling Durable Object",
    `p50 ${figures.durableObject.p50Ms} ms, p99 ${figures.durableObject.p99Ms} ms`,
    "—",
    true,
  );
  row(
    "memory per signalling socket",
    `${figures.memoryPerSocketKiB.rss} KiB RSS (${figures.memoryPerSocketKiB.heap} KiB heap)`,
    "—",
    true,
  );
}

if (wanted("media")) {
  const media = await mediaBenchmark();
  results.mediaUpRatio = media.mediaUpRatio;
  results.media = media;
  row(
    "mediaUpRatio",
    `${media.mediaUpRatio} (${media.callPageMs} ms vs ${media.bareExchangeMs} ms bare); the bare exchange split over two pages: ${media.twoPageExchangeMs} ms, ${media.twoPagesVsBare} × the one-page exchange; the call pages ${media.callVsTwoPages} × the two pages`,
    "≤ 1.5",
    media.mediaUpRatio <= 1.5,
  );
}

if (wanted("media") || wanted("three-way")) {
  const three = await threeWayBenchmark();
  results.threeWayMediaUpMs = three.threeWayMediaUpMs;
  results.threeWay = three;
  row(
    "threeWayMediaUpMs",
    `median ${three.threeWayMediaUpMs} ms (${three.runsMs.join(", ")} ms)`,
    "reported",
    true,
  );
}

if (wanted("edge")) {
  const edge = await edgeBenchmark({
    waitSeconds: Number(process.env.EDGE_WAIT_SECONDS ?? 60),
    callSeconds: Number(process.env.EDGE_CALL_SECONDS ?? 60),
  });
  results.edgeRequestsPerSession = edge.edgeRequestsPerSession;
  results.edge = edge;
  const parts = Object.entries(edge.session.breakdown)
    .map(([name, n]) => `${name} ${n}`)
    .join(", ");
  row(
    "edgeRequestsPerSession",
    `${edge.edgeRequestsPerSession} (${parts}; ${edge.session.autoAnsweredPings} pings auto-answered, ${edge.session.staticAssets} static assets from the platform; extrapolated from ${edge.measured.waitSeconds} s of waiting and 2 × ${edge.measured.callSeconds} s of call)`,
    "≤ 150",
    edge.edgeRequestsPerSession <= 150,
  );
  for (const [name, p] of Object.entries(edge.measured.phases)) {
    const worker = Object.entries(p.worker).map(([route, n]) => `${route} ${n}`);
    const room = Object.entries(p.objectFetch).map(([route, n]) => `${route} ${n}`);
    console.log(
      `     measured ${name} (${p.seconds} s): Worker [${worker.join(", ")}]; Durable Object [${room.join(", ")}]; socket messages ${Object.values(p.objectMessages).reduce((a, b) => a + b, 0)}, closes ${p.objectSocketEnds}; pings sent ${p.socketFrames.pings}; static assets ${p.assets}`,
    );
  }
  row(
    "edge pings answered by the runtime",
    edge.pingsAnsweredByTheRuntime
      ? "no ping reached the room's JavaScript; every other frame did"
      : "the room's JavaScript saw pings or missed frames",
    "pings not billed",
    edge.pingsAnsweredByTheRuntime,
  );
  row(
    "edge dashboard poll",
    `${edge.dashboardPollsPerCounsellorHour} Worker invocations per counsellor and hour with the dashboard open`,
    "reported",
    true,
  );
}

if (wanted("start")) {
  const start = await startToVideoBenchmark(Number(process.env.START_RUNS ?? 5));
  results.startToVideoMs = start.startToVideoMs;
  results.startToVideo = start;
  const m = start.medians;
  row(
    "startToVideoMs",
    `median ${start.startToVideoMs} ms (${start.runsMs.join(", ")} ms); medians from the click: client leaves the waiting room ${m.clientLeavesLobbyMs} ms, client's call page arrives ${m.clientDocumentMs} ms, counsellor's ${m.counsellorDocumentMs} ms, video on the client's page ${m.clientVideoMs} ms, on the counsellor's ${m.counsellorVideoMs} ms; from leaving the waiting room to video on both ${m.afterPollMs} ms`,
    "≤ 3000 ms",
    start.startToVideoMs <= 3000,
  );
}

if (wanted("purge")) {
  const purge = await purgeBenchmark();
  results.purge = purge;
  row(
    "purge",
    `${purge.purged} rows in ${purge.seconds} s; lobby poll p99 ${purge.pollP99Ms} ms during it (${purge.pollsDuringPurge} polls)`,
    "batched, polls answered",
    purge.purged === purge.rows && purge.pollsDuringPurge > 0,
  );
}

if (wanted("signin")) {
  const signIn = await signInCpuBenchmark();
  results.signInCpu = signIn;
  row(
    "sign-in hash in workerd",
    `one hash ${signIn.hashInIsolateMs} ms in the isolate (min ${signIn.hashInIsolateMinMs} ms; verifyPassword with its yields ${signIn.verifyPasswordInIsolateMs} ms); whole POST /login ${signIn.signInRequest.cpuMs} ms CPU (${signIn.signInRequest.wallMs} ms wall) vs GET /login ${signIn.loginPageRequest.cpuMs} ms CPU`,
    `≤ limits.cpu_ms ${signIn.cpuLimitMs} ms (Workers Paid); Free allows ${signIn.freePlanLimitMs} ms`,
    signIn.signInRequest.cpuMs * 2 <= signIn.cpuLimitMs,
  );
}

if (wanted("field")) {
  const field = await fieldBenchmark();
  if (!field) {
    row("field", "not run: the network lab needs root", "—", false);
  } else {
    results.field = field;
    row(
      "field.relayMediaUpMs ÷ loopback",
      `${field.relayVsLoopback} (${field.relayMediaUpMs} ms through coturn vs ${field.loopbackMediaUpMs} ms on loopback)`,
      "≤ 2",
      field.relayVsLoopback <= 2,
    );
    row(
      "field.networkChangeRecoveryMs",
      `median ${field.networkChangeRecoveryMs} ms (${field.networkChangeRecoveriesMs.join(", ")} ms)`,
      "≤ 5000 ms",
      field.networkChangeRecoveryMs <= 5000,
    );
    row(
      "field.weakLineAudioGapMaxMs",
      `${field.weakLineAudioGapMaxMs} ms at 300 kbit/s up`,
      "≤ 1000 ms",
      field.weakLineAudioGapMaxMs <= 1000,
    );
    row(
      "field.lossAudioGapMaxMs",
      `${field.lossAudioGapMaxMs} ms at 5 % loss both ways`,
      "≤ 1000 ms",
      field.lossAudioGapMaxMs <= 1000,
    );
  }
}

writeFileSync(join(root, "bench", "results.json"), `${JSON.stringify(results, null, 2)}\n`);
console.log("\n| benchmark | figure | budget | met |\n|---|---|---|---|");
for (const [name, figure, budget, met] of rows)
  console.log(`| ${name} | ${figure} | ${budget} | ${met ? "yes" : "no"} |`);
console.log("\nwritten to bench/results.json");
