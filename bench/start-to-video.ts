/**
 * `startToVideoMs`: the counsellor clicks "Sitzung starten" on the dashboard →
 * remote video decoded on both call pages. The client learns of the start the
 * way a real client does, through the waiting room's htmx poll of
 * `/lobby/status` every 3 s, which leads them to `/call`; the poll's phase is
 * whatever it happens to be at the click.
 *
 * The app runs as `npm start` runs it (`tsx src/runtime/node.ts`, a fresh data
 * directory, a counsellor made by `npm run counsellor -- add`); Debian's
 * Chromium with fake camera and microphone holds two browser contexts, the
 * counsellor's and the client's. Each run has a fresh appointment: the client
 * joins with its code and a name and waits, the counsellor's dashboard shows
 * the waiting row (its own poll), and the click, a uniformly random 0–3 s
 * later (any moment of the client's poll cycle), is timed.
 *
 * Clock: one clock for everything, the machine's wall clock. t0 is `Date.now()`
 * in this process just before the click; each page stamps the moment it first
 * sees decoded video with its own `Date.now()` (`videoDecoded`: probed every
 * 20 ms, asking `getStats` only once ICE has connected), and
 * the moments its call page document was asked for and arrived come from the
 * page's navigation timing (`performance.timeOrigin` + the entry's times).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { launchChromium, videoDecoded } from "../support/chromium.ts";
import { RUNTIME_ENTRIES, startServer } from "../support/process.ts";
import { addCounsellorWithCli, newAppointment, signInOnPage } from "../test/e2e/office-steps.ts";
import { noonZone } from "../test/helpers/zone.ts";

/** When this page's document was asked for (navigation start) and began to arrive, wall clock. */
function documentTimes(page: Page): Promise<{ asked: number; arrived: number }> {
  return page.evaluate(`(() => {
    const entry = performance.getEntriesByType("navigation")[0];
    return {
      asked: performance.timeOrigin + entry.startTime,
      arrived: performance.timeOrigin + entry.responseStart,
    };
  })()`) as Promise<{ asked: number; arrived: number }>;
}

async function joinAndWait(page: Page, base: string, code: string) {
  await page.goto(`${base}/join?code=${code}`);
  await page.getByLabel("Ihr Name").fill("Maria Müller");
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ins Wartezimmer" }).click();
  await page.waitForURL(/\/lobby$/);
  await page.locator('#lobby-status[data-state="waiting"]').waitFor();
}

interface Run {
  /** Click → the client's page leaves the waiting room for `/call` (the poll's answer). */
  clientLeavesLobbyMs: number;
  /** Click → the client's call page document began to arrive. */
  clientDocumentMs: number;
  /** Click → the counsellor's call page document began to arrive (after the start's redirect). */
  counsellorDocumentMs: number;
  /** Click → video decoded on the client's page, on the counsellor's page. */
  clientVideoMs: number;
  counsellorVideoMs: number;
  /** Click → video decoded on both: the figure. */
  totalMs: number;
  /** The client's page leaving the waiting room → video on both: what follows the poll. */
  afterPollMs: number;
}

async function oneRun(counsellor: Page, client: Page, base: string, zone: string): Promise<Run> {
  const code = await newAppointment(counsellor, base, zone);
  // The counsellor's dashboard is open before the client arrives; its own poll shows the row.
  await counsellor.goto(`${base}/dashboard`);
  await joinAndWait(client, base, code);
  const start = counsellor.locator('.today-item[data-status="waiting"]').getByRole("button", {
    name: "Sitzung starten",
  });
  await start.waitFor();
  // The row appears with the dashboard's 5 s poll, a fixed time after the join, which would put
  // the click at the same moment of the client's 3 s poll in every run. A counsellor clicks at
  // any moment of it: a uniform 0–3 s more makes the client's wait for the poll what it is.
  await new Promise((resolve) => setTimeout(resolve, Math.random() * 3000));

  const t0 = Date.now();
  await start.click();
  const [counsellorVideo, clientVideo] = await Promise.all([
    counsellor
      .waitForURL(/\/appointments\/[0-9a-f-]{36}\/call$/, { waitUntil: "commit" })
      .then(() => videoDecoded(counsellor, ["client"])),
    client
      .waitForURL(/\/call$/, { waitUntil: "commit" })
      .then(() => videoDecoded(client, ["counsellor"])),
  ]);
  const clientDocument = await documentTimes(client);
  const counsellorDocument = await documentTimes(counsellor);
  const run: Run = {
    clientLeavesLobbyMs: Math.round(clientDocument.asked - t0),
    clientDocumentMs: Math.round(clientDocument.arrived - t0),
    counsellorDocumentMs: Math.round(counsellorDocument.arrived - t0),
    clientVideoMs: clientVideo - t0,
    counsellorVideoMs: counsellorVideo - t0,
    totalMs: Math.max(clientVideo, counsellorVideo) - t0,
    afterPollMs: Math.round(Math.max(clientVideo, counsellorVideo) - clientDocument.asked),
  };

  // End the session (it asks once), and the client signs off for the next run.
  await counsellor.locator(".end-session summary").click();
  await counsellor.getByRole("button", { name: "Ja, Sitzung beenden" }).click();
  await counsellor.waitForURL(/\/dashboard$/);
  await client.waitForURL(/\/call\/left$/);
  await client.getByRole("button", { name: "Abmelden" }).click();
  await client.waitForURL(/\/signed-off$/);
  return run;
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

export async function startToVideoBenchmark(runs = 5) {
  const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-bench-start-"));
  const zone = noonZone();
  await addCounsellorWithCli(dir);
  const server = await startServer(RUNTIME_ENTRIES.node.command, RUNTIME_ENTRIES.node.args, {
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dir,
    TIME_ZONE: zone,
  });
  const browser = await launchChromium();
  const measured: Run[] = [];
  const contexts: BrowserContext[] = [];
  try {
    for (let i = 0; i < 2; i++) {
      const context = await browser.newContext({ locale: "de-DE" });
      context.setDefaultTimeout(60_000);
      contexts.push(context);
    }
    const [office, home] = contexts as [BrowserContext, BrowserContext];
    const counsellor = await office.newPage();
    const client = await home.newPage();
    await signInOnPage(counsellor, server.url);
    // The first run warms the browser and the server up.
    for (let run = 0; run < runs + 1; run++) {
      const result = await oneRun(counsellor, client, server.url, zone);
      if (run > 0) measured.push(result);
    }
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const of = (key: keyof Run) => median(measured.map((run) => run[key]));
  return {
    startToVideoMs: of("totalMs"),
    runsMs: measured.map((run) => run.totalMs),
    medians: {
      clientLeavesLobbyMs: of("clientLeavesLobbyMs"),
      afterPollMs: of("afterPollMs"),
      clientDocumentMs: of("clientDocumentMs"),
      counsellorDocumentMs: of("counsellorDocumentMs"),
      clientVideoMs: of("clientVideoMs"),
      counsellorVideoMs: of("counsellorVideoMs"),
    },
    runs: measured,
  };
}
