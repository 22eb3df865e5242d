/**
 * A call of four in Chromium: counsellor, client and two further participants
 * (`p-…`) in one room, a full mesh of six peer connections on loopback with fake
 * camera and microphone, signalling through the Node hub. One browser, a context
 * per person. Every wait is for a state; the long timeouts only end a hang on a
 * slow machine with four pages.
 */
import { randomUUID } from "node:crypto";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UPLINK_BPS, videoCapPerConnection } from "../../src/browser/call/bitrate.ts";
import type { MemberId } from "../../src/rooms/wire.ts";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { framesFrom, videoDecoded } from "../../support/chromium.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

const WAIT = { timeout: 240_000 };

let server: CallServer;
let harness: Harness;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  server = await startCallServer();
  harness = await launchHarness();
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await harness?.close();
  await server?.close();
});

/** A page of its own browser context, whose errors count like the harness's. */
async function personPage(): Promise<Page> {
  const context = await harness.browser.newContext({ locale: "de-DE" });
  context.setDefaultTimeout(WAIT.timeout);
  contexts.push(context);
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") harness.problems.push(message.text());
  });
  page.on("pageerror", (error) => harness.problems.push(error.message));
  return page;
}

/** The members the page holds a connection with, sorted. */
function peerIds(page: Page): Promise<string[]> {
  return page.evaluate(() => Object.keys(window.__sprechzimmerCall?.peers() ?? {}).sort());
}

/**
 * Waits until the page holds connections with exactly `from` and decodes more video from
 * each of them than it had now, each over its own connection.
 */
async function decodesFrom(page: Page, from: readonly MemberId[]) {
  const after = await framesFrom(page, from);
  await videoDecoded(page, from, { after, intervalMs: 500, timeoutMs: WAIT.timeout });
  await expect.poll(() => peerIds(page), WAIT).toEqual([...from].sort());
}

/** The security code a page shows in the tile of `other` (waits until it is there). */
async function codeFor(page: Page, other: MemberId): Promise<string> {
  const code = page.locator(
    `[data-peer="${other}"] [data-security-code]:not([data-security-code=""])`,
  );
  await code.waitFor(WAIT);
  return (await code.getAttribute("data-security-code")) ?? "";
}

/** The video cap on each connection's video sender, by other person. */
function videoCaps(page: Page): Promise<Record<string, (number | null)[]>> {
  return page.evaluate(() => {
    const caps: Record<string, (number | null)[]> = {};
    for (const [id, pc] of Object.entries(window.__sprechzimmerCall?.peers() ?? {})) {
      const sender = pc.getTransceivers().find((t) => t.receiver.track.kind === "video")?.sender;
      caps[id] = (sender?.getParameters().encodings ?? []).map((e) => e.maxBitrate ?? null);
    }
    return caps;
  });
}

/** Video bytes sent so far over all the page's connections, with the stats' clock. */
function videoSent(page: Page): Promise<{ bytes: number; at: number }> {
  return page.evaluate(async () => {
    let bytes = 0;
    let at = 0;
    for (const pc of Object.values(window.__sprechzimmerCall?.peers() ?? {})) {
      (await pc.getStats()).forEach((stat) => {
        if (stat.type === "outbound-rtp" && stat.kind === "video") {
          bytes += stat.bytesSent ?? 0;
          at = Math.max(at, stat.timestamp);
        }
      });
    }
    return { bytes, at };
  });
}

const samplesShown = async (page: Page) =>
  Number((await page.locator("#call-quality").getAttribute("data-samples")) ?? 0);

/**
 * The page's outbound video over every connection together, in bit/s, measured across
 * three of its quality samples (about 6 s), once each connection carries the cap that
 * shares the uplink.
 */
async function uplinkVideo(page: Page, connections: number): Promise<number> {
  const cap = videoCapPerConnection(connections);
  expect(cap).toBeDefined();
  await expect
    .poll(async () => Object.values(await videoCaps(page)).flat(), WAIT)
    .toEqual(Array(connections).fill(cap));
  const first = await videoSent(page);
  const samples = await samplesShown(page);
  await page.waitForFunction(
    (after) => Number(document.getElementById("call-quality")?.dataset.samples) >= after,
    samples + 3,
    WAIT,
  );
  const last = await videoSent(page);
  expect(last.at).toBeGreaterThan(first.at);
  return ((last.bytes - first.bytes) * 8 * 1000) / (last.at - first.at);
}

describe("a call of four: counsellor, client and two further participants", () => {
  it("connects everyone with everyone, one code per pair, shares the uplink, and sends one back and in again", async () => {
    const room = `appt-group-${randomUUID().slice(0, 8)}`;
    const interpreter = `p-${randomUUID()}` as MemberId;
    const companion = `p-${randomUUID()}` as MemberId;
    const members: MemberId[] = ["counsellor", "client", interpreter, companion];
    const further = [interpreter, companion];
    const pages = new Map<MemberId, Page>();
    const others = (id: MemberId) => members.filter((other) => other !== id);

    for (const id of members) {
      const page = await personPage();
      await page.goto(server.pageUrl(room, id, { with: further }));
      pages.set(id, page);
    }
    const page = (id: MemberId) => pages.get(id) as Page;

    // Every page decodes video from each of the three others, over three connections.
    for (const id of members) await decodesFrom(page(id), others(id));
    for (const id of members) {
      expect(await page(id).locator("#remote-tiles [data-peer]").count()).toBe(3);
      await page(id).waitForSelector('#call-state[data-state="connected"]');
    }
    // Each tile names its person and role; a participant is shown as the others know them.
    expect(
      await page("client").locator(`[data-peer="${interpreter}"] .tile-who`).textContent(),
    ).toBe(`Gast ${interpreter.slice(2, 6)} (Begleitperson)`);
    expect(
      await page(interpreter).locator('[data-peer="counsellor"] .tile-who').textContent(),
    ).toBe("Anna Beraterin (Beratung)");
    // Tests written for two people read `pc`: the first connection is still there.
    expect(await page("counsellor").evaluate(() => window.__sprechzimmerCall?.pc !== null)).toBe(
      true,
    );

    // One code per pair: the same on both pages of the pair, another for every other pair.
    const codes = new Set<string>();
    for (const [i, a] of members.entries()) {
      for (const b of members.slice(i + 1)) {
        const code = await codeFor(page(a), b);
        expect(code).toMatch(/^\d{3}( \d{3}){4}$/);
        expect(await codeFor(page(b), a)).toBe(code);
        codes.add(code);
      }
    }
    expect(codes.size).toBe(6);

    // Microphone and camera state per person, on every other page's tile of that person.
    await page(companion).locator("#call-mute").click();
    for (const id of others(companion)) {
      await page(id).waitForSelector(
        `[data-peer="${companion}"] [data-peer-media][data-audio="false"][data-video="true"]`,
        WAIT,
      );
    }
    await page(companion).locator("#call-mute").click();
    // A chat message reaches everyone, under the sender's name.
    await page("client").locator("#chat-input:enabled").fill("Hallo zusammen");
    await page("client").locator("#chat-form button").click();
    for (const id of others("client")) {
      await expect
        .poll(() => page(id).locator("#chat-log li").last().textContent(), WAIT)
        .toBe("Klara Beispiel: Hallo zusammen");
    }

    // Four people: three connections per page, each capped, all of them within 2 Mbit/s.
    for (const id of members) {
      expect(await uplinkVideo(page(id), 3)).toBeLessThan(UPLINK_BPS);
    }

    // The counsellor sends the interpreter back to the waiting room.
    // A form post from the server's own pages, as the counsellor's button is.
    const res = await fetch(`${server.url}/test-call/${room}/send-back/${interpreter}`, {
      method: "POST",
      headers: { origin: server.url },
    });
    expect(res.status).toBe(204);
    await page(interpreter).waitForURL(server.lobbyUrl(room, interpreter), WAIT);
    const stayed = others(interpreter);
    for (const id of stayed) {
      await page(id).waitForSelector(`[data-peer="${interpreter}"]`, {
        state: "detached",
        ...WAIT,
      });
    }
    // The other three keep their media with each other, and share the uplink two ways now.
    for (const id of stayed)
      await decodesFrom(
        page(id),
        stayed.filter((other) => other !== id),
      );
    for (const id of stayed) {
      expect(await page(id).locator("#call-state").getAttribute("data-state")).toBe("connected");
      expect(await uplinkVideo(page(id), 2)).toBeLessThan(UPLINK_BPS);
    }

    // Let in again: media flows between all four once more.
    await page(interpreter).goto(server.pageUrl(room, interpreter, { with: further }));
    for (const id of members) await decodesFrom(page(id), others(id));
    const again = await codeFor(page(interpreter), "counsellor");
    expect(await codeFor(page("counsellor"), interpreter)).toBe(again);

    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
    for (const p of pages.values()) await p.close();
  }, 900_000);
});
