/**
 * What one session costs on Cloudflare, counted in workerd: Worker invocations
 * plus Durable Object requests, with incoming WebSocket messages billed 20 to 1
 * and pings answered by the runtime (`setWebSocketAutoResponse`) not billed.
 *
 * The Worker runs as wrangler bundles it, wrapped in `bench/edge-worker.ts`,
 * which counts each Worker `fetch`, each Durable Object `fetch` and each socket
 * event the room's JavaScript receives. Real Chromium pages (fake camera and
 * microphone) play the counsellor and the client: the client joins and waits,
 * the counsellor starts the session from the dashboard, both hold a call with
 * media flowing, the client's page reloads once (a reconnect), the counsellor
 * ends. Each phase is counted on its own. The steady phases run for a short
 * while and their per-minute rates are extrapolated to 5 minutes of waiting and
 * 50 minutes of call; the fixed phases (arrival, start, reconnect, end) count
 * once. Static assets are served by the platform before the Worker runs
 * (wrangler `[assets]`, no `run_worker_first`), so they are no invocations; the
 * browsers count them separately.
 */
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare } from "miniflare";
import type { BrowserContext, Page } from "playwright-core";
import { instantToZoned } from "../src/time.ts";
import { launchChromium } from "../support/chromium.ts";
import { buildWorker, workerOptions } from "../support/worker-build.ts";
import type { EdgeCounts } from "./edge-worker.ts";
import { tempDir } from "./lib.ts";

/** The session the budget speaks of. */
const SESSION = { waitingMinutes: 5, callMinutes: 50 };
/** Incoming WebSocket messages per billed Durable Object request. */
const MESSAGES_PER_REQUEST = 20;

type Tally = Record<string, number>;

/** One phase: what the Worker, the Durable Object and the browsers saw in it. */
interface Phase {
  seconds: number;
  worker: Tally;
  objectFetch: Tally;
  objectMessages: Tally;
  objectSocketEnds: number;
  /** Frames the pages sent on their signalling sockets: pings and the rest. */
  socketFrames: { pings: number; other: number };
  /** Requests the pages made for `/assets/*` (served by the platform). */
  assets: number;
}

const minus = (a: Tally, b: Tally): Tally => {
  const out: Tally = {};
  for (const [key, n] of Object.entries(a)) if (n - (b[key] ?? 0) > 0) out[key] = n - (b[key] ?? 0);
  return out;
};
const sum = (t: Tally) => Object.values(t).reduce((a, b) => a + b, 0);
const round1 = (n: number) => Math.round(n * 10) / 10;

/** Which bucket a Worker invocation belongs to. */
function bucket(key: string): string {
  if (key === "GET /lobby/status") return "waitingRoomPolls";
  if (key === "GET /dashboard/today") return "dashboardPolls";
  if (key === "GET /appointments/:id/participants/states") return "participantListPolls";
  if (key === "GET /rooms/:id/ws") return "socketUpgrades";
  if (key.startsWith("GET ")) return "pages";
  return "forms";
}

/** A time zone where it is about noon now, so an appointment in a few minutes is today. */
function noonZone(now = new Date()): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  return offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface EdgeOptions {
  /** Seconds of waiting measured (default 60). */
  waitSeconds?: number;
  /** Seconds of call measured before and again after the reconnect (default 60 each). */
  callSeconds?: number;
}

export async function edgeBenchmark(options: EdgeOptions = {}) {
  const waitSeconds = options.waitSeconds ?? 60;
  const callSeconds = options.callSeconds ?? 60;
  const dir = tempDir("edge");
  const built = buildWorker(dir, join("bench", "edge-worker.ts"));
  const zone = noonZone();
  const setupToken = randomBytes(12).toString("base64url");
  const mf = new Miniflare({
    ...workerOptions(built, {
      assets: true,
      bindings: {
        SERVER_SECRET: randomBytes(32).toString("base64url"),
        SETUP_TOKEN: setupToken,
        TIME_ZONE: zone,
      },
    }),
    host: "127.0.0.1",
    port: 0,
    // The Worker's request log would drown the figures.
    handleRuntimeStdio: (stdout: Readable, stderr: Readable) => {
      stdout.resume();
      stderr.resume();
    },
  });
  const url = (await mf.ready).origin;
  const browser = await launchChromium();

  const frames = { pings: 0, other: 0 };
  let assets = 0;
  const watch = (context: BrowserContext) => {
    context.on("request", (request) => {
      if (new URL(request.url()).pathname.startsWith("/assets/")) assets++;
    });
    context.on("page", (page) => {
      page.on("websocket", (ws) => {
        ws.on("framesent", ({ payload }) => {
          if (payload === '{"type":"ping"}') frames.pings++;
          else frames.other++;
        });
      });
    });
  };

  const read = async (): Promise<EdgeCounts> =>
    (await (await fetch(`${url}/__edge/counts`)).json()) as EdgeCounts;
  /** Waits until nothing reaches the room for 3 s (trickled candidates have settled). */
  const settled = async () => {
    let last = JSON.stringify(await read());
    for (let quiet = 0; quiet < 3; ) {
      await sleep(1000);
      const now = JSON.stringify(await read());
      quiet = now === last ? quiet + 1 : 0;
      last = now;
    }
  };
  let mark = { counts: await read(), at: Date.now(), frames: { ...frames }, assets };
  const phases: Record<string, Phase> = {};
  const phase = async (name: string) => {
    const counts = await read();
    phases[name] = {
      seconds: round1((Date.now() - mark.at) / 1000),
      worker: minus(counts.worker, mark.counts.worker),
      objectFetch: minus(counts.objectFetch, mark.counts.objectFetch),
      objectMessages: minus(counts.objectMessages, mark.counts.objectMessages),
      objectSocketEnds: counts.objectSocketEnds - mark.counts.objectSocketEnds,
      socketFrames: {
        pings: frames.pings - mark.frames.pings,
        other: frames.other - mark.frames.other,
      },
      assets: assets - mark.assets,
    };
    mark = { counts, at: Date.now(), frames: { ...frames }, assets };
  };
  const connected = (page: Page) =>
    page.locator('#call-state[data-state="connected"]').waitFor({ timeout: 60_000 });

  try {
    const counsellorContext = await browser.newContext({ locale: "de-DE" });
    const clientContext = await browser.newContext({ locale: "de-DE" });
    watch(counsellorContext);
    watch(clientContext);
    const counsellor = await counsellorContext.newPage();
    const client = await clientContext.newPage();

    // Not part of the session: the office is set up and the appointment made beforehand.
    await counsellor.goto(`${url}/setup?token=${encodeURIComponent(setupToken)}`);
    await counsellor.getByLabel("Ihr Name").fill("Anna Beraterin");
    await counsellor.getByLabel("E-Mail-Adresse").fill("anna@example.org");
    await counsellor.getByLabel("Neues Passwort").fill("correct horse battery");
    await counsellor.getByRole("button", { name: "Konto anlegen" }).click();
    await counsellor.waitForURL(/\/dashboard$/);
    await counsellor.goto(`${url}/appointments/new`);
    const { date, time } = instantToZoned(new Date(Date.now() + 3 * 60_000), zone);
    await counsellor.getByLabel("Name der ratsuchenden Person").fill("Frau Müller");
    await counsellor.getByLabel("Datum").fill(date);
    await counsellor.getByLabel("Uhrzeit").fill(time);
    await counsellor.getByRole("button", { name: "Termin anlegen" }).click();
    await counsellor.waitForURL(/\?created=1$/);
    const code = await counsellor.locator("[data-dial-in-code]").getAttribute("data-dial-in-code");
    await phase("setup");

    // Arrival: the invitation's link, the join form, the waiting room; the counsellor's dashboard.
    await counsellor.goto(`${url}/dashboard`);
    await client.goto(`${url}/join#code=${code}`);
    await client.getByLabel("Ihr Name").fill("Maria Müller");
    await client.getByRole("checkbox").check();
    await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await client.waitForURL(/\/lobby$/);
    await phase("arrival");

    await sleep(waitSeconds * 1000);
    await phase("waiting");

    // Start: "Sitzung starten" on the dashboard, the client's poll leads to the call, both connect.
    await counsellor.getByRole("button", { name: "Sitzung starten" }).click();
    await counsellor.waitForURL(/\/call$/);
    await client.waitForURL(/\/call$/);
    await Promise.all([connected(counsellor), connected(client)]);
    await settled();
    await phase("start");

    await sleep(callSeconds * 1000);
    await phase("call");

    // The reconnect: the client's page reloads (a dropped network, a closed tab opened again).
    await client.reload();
    await Promise.all([connected(counsellor), connected(client)]);
    await settled();
    await phase("reconnect");

    await sleep(callSeconds * 1000);
    await phase("callAfterReconnect");

    // The end: the counsellor ends the session; the client's page leaves the call.
    await counsellor.locator(".end-session summary").click();
    await counsellor.getByRole("button", { name: "Ja, Sitzung beenden" }).click();
    await client.waitForURL(/\/call\/left$/);
    await counsellor.waitForLoadState("load");
    await settled();
    await phase("end");
  } finally {
    await browser.close();
    await mf.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
  return summarise(phases, waitSeconds, callSeconds);
}

/** Buckets, per-minute rates and the extrapolated session from the measured phases. */
function summarise(phases: Record<string, Phase>, waitSeconds: number, callSeconds: number) {
  const get = (name: string) => phases[name] as Phase;
  /** Worker invocations by bucket, Durable Object requests by kind, messages and assets. */
  const tally = (list: Phase[]) => {
    const out: Tally = {};
    const put = (key: string, n: number) => {
      if (n) out[key] = (out[key] ?? 0) + n;
    };
    for (const p of list) {
      for (const [key, n] of Object.entries(p.worker)) put(bucket(key), n);
      for (const [key, n] of Object.entries(p.objectFetch))
        put(key === "GET /ws" ? "objectSocketUpgrades" : "objectControl", n);
      put("socketMessages", sum(p.objectMessages) + p.objectSocketEnds);
      put("autoAnsweredPings", p.socketFrames.pings);
      put("staticAssets", p.assets);
    }
    return out;
  };
  const fixed = tally(["arrival", "start", "reconnect", "end"].map(get));
  const waiting = tally([get("waiting")]);
  const call = tally([get("call"), get("callAfterReconnect")]);
  const perMinute = (t: Tally, seconds: number) =>
    Object.fromEntries(Object.entries(t).map(([key, n]) => [key, round1((n * 60) / seconds)]));
  const waitingPerMinute = perMinute(waiting, waitSeconds);
  const callPerMinute = perMinute(call, 2 * callSeconds);

  const keys = new Set([...Object.keys(fixed), ...Object.keys(waiting), ...Object.keys(call)]);
  const session: Tally = {};
  for (const key of keys) {
    session[key] = Math.round(
      (fixed[key] ?? 0) +
        (waitingPerMinute[key] ?? 0) * SESSION.waitingMinutes +
        (callPerMinute[key] ?? 0) * SESSION.callMinutes,
    );
  }
  const billed = [
    "waitingRoomPolls",
    "pages",
    "forms",
    "socketUpgrades",
    "participantListPolls",
    "objectSocketUpgrades",
    "objectControl",
  ];
  const billedMessages = Math.ceil((session.socketMessages ?? 0) / MESSAGES_PER_REQUEST);
  const breakdown: Tally = {};
  for (const key of billed) if (session[key]) breakdown[key] = session[key] ?? 0;
  breakdown.billedSocketMessages = billedMessages;
  const edgeRequestsPerSession = sum(breakdown);
  const dashboardPerMinute = (waiting.dashboardPolls ?? 0) / (waitSeconds / 60);
  return {
    edgeRequestsPerSession,
    session: {
      ...SESSION,
      breakdown,
      socketMessages: session.socketMessages ?? 0,
      autoAnsweredPings: session.autoAnsweredPings ?? 0,
      staticAssets: session.staticAssets ?? 0,
    },
    fixed,
    waitingPerMinute,
    callPerMinute,
    dashboardPollsPerCounsellorHour: Math.round(dashboardPerMinute * 60),
    /**
     * Whether the room's JavaScript saw exactly the frames the pages sent that
     * were not pings, and no ping: what the count of billed messages rests on.
     */
    pingsAnsweredByTheRuntime: Object.values(phases).every(
      (p) =>
        !Object.keys(p.objectMessages).some((key) => key.endsWith(" ping")) &&
        sum(p.objectMessages) === p.socketFrames.other,
    ),
    measured: { waitSeconds, callSeconds, phases },
  };
}
