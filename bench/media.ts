/**
 * Time to media: from opening both call pages to remote video decoding on both
 * sides, against the same for a bare RTCPeerConnection exchange (two peers, fake
 * camera, offer/answer and candidates handed over directly) in the same Chromium
 * run, and beside it the same exchange split over two pages of the same browser
 * (what a call between two pages costs at the least, with no server). Loopback,
 * fake media; the median of several runs each.
 */
import type { Page } from "playwright-core";
import { startCallServer } from "../support/call-server.ts";
import { FRAMES_OF, launchChromium, videoDecoded } from "../support/chromium.ts";
import { percentile } from "./lib.ts";

/** Two peers in one page, nothing but the WebRTC API: the budget's reference. */
function bareExchange(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const frames = ${FRAMES_OF};
    const started = performance.now();
    const a = new RTCPeerConnection();
    const b = new RTCPeerConnection();
    a.onicecandidate = (event) => event.candidate && b.addIceCandidate(event.candidate);
    b.onicecandidate = (event) => event.candidate && a.addIceCandidate(event.candidate);
    for (const pc of [a, b]) {
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
    }
    await a.setLocalDescription(await a.createOffer());
    await b.setRemoteDescription(a.localDescription);
    await b.setLocalDescription(await b.createAnswer());
    await a.setRemoteDescription(b.localDescription);
    while ((await frames(a)) === 0 || (await frames(b)) === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const elapsed = performance.now() - started;
    a.close();
    b.close();
    return elapsed;
  })()`);
}

/**
 * Page-side source of `async (role) => void` for two pages of one browser context:
 * each makes one RTCPeerConnection with the fake camera's tracks, the two hand
 * each other offer, answer and candidates over a `BroadcastChannel` (no server,
 * no socket), and it resolves once this page decodes the other's video. "a"
 * offers once "b" is listening. The floor of any call between two pages.
 */
const TWO_PAGE_SIDE = `async (role) => {
  const frames = ${FRAMES_OF};
  const channel = new BroadcastChannel("two-page-floor");
  const pc = new RTCPeerConnection();
  const post = (message) => channel.postMessage({ ...message, from: role });
  pc.onicecandidate = (event) => event.candidate && post({ candidate: event.candidate.toJSON() });
  let listening;
  const otherListens = new Promise((resolve) => (listening = resolve));
  channel.onmessage = async ({ data }) => {
    if (data.from === role) return;
    if (data.hello) {
      listening();
      if (!data.reply) post({ hello: true, reply: true });
    } else if (data.description) {
      await pc.setRemoteDescription(data.description);
      if (data.description.type === "offer") {
        await pc.setLocalDescription(await pc.createAnswer());
        post({ description: pc.localDescription.toJSON() });
      }
    } else if (data.candidate) await pc.addIceCandidate(data.candidate);
  };
  const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
  for (const track of stream.getTracks()) pc.addTrack(track, stream);
  post({ hello: true });
  if (role === "a") {
    await otherListens;
    await pc.setLocalDescription(await pc.createOffer());
    post({ description: pc.localDescription.toJSON() });
  }
  // Not closed here: the other page may still be waiting for its first frame.
  while ((await frames(pc)) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
}`;

/** Two pages, each with its own connection, signalling between them in the browser. */
async function twoPageExchange(pages: [Page, Page], url: string): Promise<number> {
  await Promise.all(pages.map((page) => page.goto(url, { waitUntil: "commit" })));
  const started = performance.now();
  await Promise.all(
    pages.map((page, i) => page.evaluate(`(${TWO_PAGE_SIDE})(${JSON.stringify(i ? "b" : "a")})`)),
  );
  return performance.now() - started;
}

export async function mediaBenchmark(runs = 5) {
  const server = await startCallServer();
  const browser = await launchChromium();
  const callTimes: number[] = [];
  const bareTimes: number[] = [];
  const twoPageTimes: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      const context = await browser.newContext({ locale: "de-DE" });
      const [counsellor, client] = [await context.newPage(), await context.newPage()];
      // Timed from the moment both participants are on the call page (the document
      // arrived), as the bare exchange is timed from the moment its page runs.
      await Promise.all([
        counsellor.goto(server.pageUrl(`media-${run}`, "counsellor"), { waitUntil: "commit" }),
        client.goto(server.pageUrl(`media-${run}`, "client"), { waitUntil: "commit" }),
      ]);
      const started = performance.now();
      await Promise.all([
        videoDecoded(counsellor, [null], { timeoutMs: 30_000 }),
        videoDecoded(client, [null], { timeoutMs: 30_000 }),
      ]);
      const callMs = performance.now() - started;
      // Only the client has "Auflegen"; the counsellor ends a session by its appointment.
      await client.locator("#call-hang-up").click();
      const bare = await context.newPage();
      await bare.goto(`${server.url}/`);
      const bareMs = await bareExchange(bare);
      await context.close();
      // Fresh pages in a fresh context, as the call pages had.
      const pair = await browser.newContext({ locale: "de-DE" });
      const twoPageMs = await twoPageExchange(
        [await pair.newPage(), await pair.newPage()],
        `${server.url}/`,
      );
      await pair.close();
      // The first run warms the browser and the server up.
      if (run > 0) {
        callTimes.push(callMs);
        bareTimes.push(bareMs);
        twoPageTimes.push(twoPageMs);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  const callMs = percentile(callTimes, 50);
  const bareMs = percentile(bareTimes, 50);
  const twoPageMs = percentile(twoPageTimes, 50);
  return {
    mediaUpRatio: Math.round((callMs / bareMs) * 100) / 100,
    callPageMs: Math.round(callMs),
    bareExchangeMs: Math.round(bareMs),
    /** The same exchange split over two pages, as a call is: what two pages cost at least. */
    twoPageExchangeMs: Math.round(twoPageMs),
    twoPagesVsBare: Math.round((twoPageMs / bareMs) * 100) / 100,
    callVsTwoPages: Math.round((callMs / twoPageMs) * 100) / 100,
    runs,
  };
}

/**
 * `threeWayMediaUpMs`: two people are in a call with video flowing; a third is
 * let in (their call page opens). Timed from the third page's document arriving
 * to the third person's video decoding on both other pages and both others'
 * video decoding on the third page. The median of several runs after a warm-up.
 */
export async function threeWayBenchmark(runs = 5) {
  const server = await startCallServer();
  const browser = await launchChromium();
  const times: number[] = [];
  try {
    for (let run = 0; run < runs + 1; run++) {
      const room = `three-${run}`;
      const third: `p-${string}` = `p-${crypto.randomUUID()}`;
      const contexts = await Promise.all(
        [0, 1, 2].map(() => browser.newContext({ locale: "de-DE" })),
      );
      const open = (index: number) => {
        const context = contexts[index];
        if (!context) throw new Error("no browser context");
        return context.newPage();
      };
      const counsellor = await open(0);
      const client = await open(1);
      const guest = await open(2);
      await counsellor.goto(server.pageUrl(room, "counsellor"), { waitUntil: "commit" });
      await client.goto(server.pageUrl(room, "client"), { waitUntil: "commit" });
      await Promise.all([
        videoDecoded(counsellor, ["client"]),
        videoDecoded(client, ["counsellor"]),
      ]);
      await guest.goto(server.pageUrl(room, third), { waitUntil: "commit" });
      const started = performance.now();
      await Promise.all([
        videoDecoded(counsellor, [third]),
        videoDecoded(client, [third]),
        videoDecoded(guest, ["counsellor", "client"]),
      ]);
      const elapsed = performance.now() - started;
      await Promise.all(contexts.map((context) => context.close()));
      if (run > 0) times.push(elapsed);
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return { threeWayMediaUpMs: Math.round(percentile(times, 50)), runsMs: times.map(Math.round) };
}
