/**
 * The network lab's figures (`support/field/`, needs root): time to media through the
 * TURN relay against the same call on loopback in the same run, the recovery after a
 * network change, and the longest silence of inbound audio on a 300 kbit/s uplink and
 * at 5 % loss. Medians of several runs where a figure is a time.
 */
import type { Page } from "playwright-core";
import { startCallServer } from "../support/call-server.ts";
import { launchChromium, videoDecoded } from "../support/chromium.ts";
import { closeLabs } from "../support/field/lab.ts";
import { plainNetwork, relayOnlyNetwork } from "../support/field/networks.ts";
import {
  CONNECTED,
  longestSilence,
  resumedAfter,
  type Sample,
  samples,
  selectedPair,
  startSampling,
} from "../support/field/probes.ts";
import { type Field, startField } from "../support/field/world.ts";
import { percentile } from "./lib.ts";

/** From both pages opened to remote video decoded on both, in ms. */
async function timeToMedia(counsellor: Page, client: Page, base: string, room: string) {
  const started = performance.now();
  await Promise.all([
    counsellor.goto(`${base}/test-call/${room}/counsellor`, { waitUntil: "commit" }),
    client.goto(`${base}/test-call/${room}/client`, { waitUntil: "commit" }),
  ]);
  await Promise.all([
    videoDecoded(counsellor, [null], { timeoutMs: 90_000 }),
    videoDecoded(client, [null], { timeoutMs: 90_000 }),
  ]);
  return performance.now() - started;
}

/** The same call on loopback, outside the lab: the reference for the relay's time. */
async function loopbackTimes(runs: number): Promise<number[]> {
  const server = await startCallServer();
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run <= runs; run++) {
      const context = await browser.newContext({ locale: "de-DE" });
      const ms = await timeToMedia(
        await context.newPage(),
        await context.newPage(),
        server.url,
        `loop-${run}`,
      );
      await context.close();
      // The first run warms the browser and the server up.
      if (run > 0) times.push(ms);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return times;
}

async function pages(field: Field) {
  return {
    counsellor: await field.counsellor.open("de-DE"),
    client: await field.client.open("de-DE"),
  };
}

/** Samples both pages for `seconds` and returns the longest audio silence either saw. */
async function silence(seconds: number, ...both: Page[]): Promise<number> {
  for (const page of both) await startSampling(page);
  const from = Date.now() + 1000;
  const to = from + seconds * 1000;
  await new Promise((resolve) => setTimeout(resolve, to - Date.now() + 500));
  const gaps = await Promise.all(
    both.map(async (page) => longestSilence(await samples(page), from, to)),
  );
  return Math.round(Math.max(...gaps));
}

async function call(field: Field, room: string) {
  const { counsellor, client } = await pages(field);
  await counsellor.goto(`${field.url}/test-call/${room}/counsellor`);
  await client.goto(`${field.url}/test-call/${room}/client`);
  await counsellor.waitForSelector(CONNECTED, { timeout: 90_000 });
  await client.waitForSelector(CONNECTED, { timeout: 90_000 });
  return { counsellor, client };
}

export async function fieldBenchmark(runs = 3) {
  if (process.getuid?.() !== 0) return null;
  const loopback = await loopbackTimes(runs);
  const field = await startField();
  try {
    const lab = field.lab;
    const plain = () => plainNetwork(lab);

    // Relay only: port-randomising NAT, no UDP to the office.
    relayOnlyNetwork(lab);
    const relay: number[] = [];
    for (let run = 0; run <= runs; run++) {
      const { counsellor, client } = await pages(field);
      const ms = await timeToMedia(counsellor, client, field.url, `relay-${run}`);
      // The stats name the selected pair a moment after media flows.
      let pair = await selectedPair(client);
      for (let tries = 0; !pair && tries < 50; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        pair = await selectedPair(client);
      }
      if (pair?.local.type !== "relay" && pair?.remote.type !== "relay") {
        throw new Error(`the relay-only call went ${JSON.stringify(pair)}`);
      }
      if (run > 0) relay.push(ms);
    }

    // Network changes: the client moves between home and mobile, back and forth.
    plain();
    const { counsellor, client } = await call(field, "change");
    const recoveries: number[] = [];
    let at: "home" | "mobile" = "home";
    for (let run = 0; run < runs; run++) {
      await startSampling(client);
      await startSampling(counsellor);
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const changedAt = Date.now();
      at = at === "home" ? "mobile" : "home";
      lab.moveClient(at);
      const resumed = async () => {
        const both = await Promise.all([samples(client), samples(counsellor)]);
        const times = both.map((all: Sample[]) => resumedAfter(all, 2, changedAt));
        // Decoded again on both pages, and for a moment since (not a last frame in flight).
        return times.every((t) => t !== null) &&
          Date.now() - changedAt > Math.max(...(times as number[])) + 1000
          ? Math.max(...(times as number[]))
          : null;
      };
      const deadline = Date.now() + 60_000;
      let ms: number | null = null;
      while (ms === null && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 500));
        ms = await resumed();
      }
      if (ms === null) throw new Error("video did not come back after a network change");
      recoveries.push(ms);
    }

    // A weak line: 300 kbit/s up, 20 s.
    plain();
    lab.limitClientUplink(300);
    const weak = await call(field, "weak");
    const weakGap = await silence(20, weak.counsellor, weak.client);

    // Loss: 5 % both ways, 30 s.
    plain();
    const lossy = await call(field, "loss");
    lab.filter("home", ["numgen random mod 100 < 5 drop"]);
    const lossGap = await silence(30, lossy.counsellor, lossy.client);

    const loopbackMs = percentile(loopback, 50);
    const relayMs = percentile(relay, 50);
    return {
      loopbackMediaUpMs: Math.round(loopbackMs),
      relayMediaUpMs: Math.round(relayMs),
      relayVsLoopback: Math.round((relayMs / loopbackMs) * 100) / 100,
      networkChangeRecoveryMs: Math.round(percentile(recoveries, 50)),
      networkChangeRecoveriesMs: recoveries.map(Math.round),
      weakLineAudioGapMaxMs: weakGap,
      lossAudioGapMaxMs: lossGap,
      runs,
    };
  } finally {
    await field.close();
    closeLabs();
  }
}
