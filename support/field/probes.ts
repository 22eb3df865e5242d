/**
 * What a test reads from a call page in the lab: its state, the path it shows,
 * the security code, and from the page's own peer connection (`getStats()`) the
 * selected candidate pair and the media received.
 */
import type { Page } from "playwright-core";

export interface Endpoint {
  type: string;
  address: string;
  /** For a relay candidate: how this browser reaches the TURN server. */
  relayProtocol?: string;
}

/** The selected candidate pair, or null before ICE has chosen one. */
export function selectedPair(page: Page): Promise<{ local: Endpoint; remote: Endpoint } | null> {
  return page.evaluate(async () => {
    const stats = await window.__sprechzimmerCall?.pc?.getStats();
    let found: { local: Endpoint; remote: Endpoint } | null = null;
    stats?.forEach((stat) => {
      if (stat.type !== "transport" || !stat.selectedCandidatePairId) return;
      const pair = stats.get(stat.selectedCandidatePairId);
      const local = stats.get(pair?.localCandidateId);
      const remote = stats.get(pair?.remoteCandidateId);
      if (!local || !remote) return;
      found = {
        local: {
          type: local.candidateType,
          address: local.address,
          relayProtocol: local.relayProtocol,
        },
        remote: { type: remote.candidateType, address: remote.address },
      };
    });
    return found;
  });
}

/** Audio packets and decoded video frames received so far. */
export function received(page: Page): Promise<{ audioPackets: number; videoFrames: number }> {
  return page.evaluate(async () => {
    const totals = { audioPackets: 0, videoFrames: 0 };
    (await window.__sprechzimmerCall?.pc?.getStats())?.forEach((stat) => {
      if (stat.type !== "inbound-rtp") return;
      if (stat.kind === "audio") totals.audioPackets += stat.packetsReceived ?? 0;
      if (stat.kind === "video") totals.videoFrames += stat.framesDecoded ?? 0;
    });
    return totals;
  });
}

export const CONNECTED = '#call-state[data-state="connected"]';

/** The path the page shows: its `data-path` and its words. */
export async function shownPath(page: Page): Promise<{ path: string; text: string }> {
  const element = page.locator("#call-path");
  return {
    path: (await element.getAttribute("data-path")) ?? "",
    text: (await element.textContent()) ?? "",
  };
}

export function securityCode(page: Page): Promise<string | null> {
  return page
    .locator('[data-security-code]:not([data-security-code=""])')
    .getAttribute("data-security-code");
}

/** Resolves once `read` has grown `times` times in a row, each checked a second apart. */
export async function keepsGrowing(read: () => Promise<number>, times: number): Promise<number[]> {
  const seen = [await read()];
  while (seen.length <= times) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    seen.push(await read());
  }
  return seen;
}

/**
 * One sample of a page's call: [time (ms), audio packets received, video frames
 * decoded, connected (1/0), ms since the last audio packet arrived (null: none yet)].
 */
export type Sample = [number, number, number, number, number | null];

/**
 * Starts sampling the page's call every 100 ms in the page itself, so that a busy
 * test process cannot stretch the gaps it measures. `samples()` reads them.
 */
export async function startSampling(page: Page): Promise<void> {
  await page.evaluate(() => {
    const lab = window as unknown as { labTimer?: number; labSamples: Sample[] };
    clearInterval(lab.labTimer);
    lab.labSamples = [];
    let busy = false;
    lab.labTimer = window.setInterval(async () => {
      const pc = window.__sprechzimmerCall?.pc;
      if (!pc || busy) return;
      busy = true;
      let audio = 0;
      let frames = 0;
      let silence: number | null = null;
      (await pc.getStats()).forEach((stat) => {
        if (stat.type !== "inbound-rtp") return;
        if (stat.kind === "audio") {
          audio += stat.packetsReceived ?? 0;
          // Both on the stats' own clock: how long this stream has been silent when sampled.
          if (stat.lastPacketReceivedTimestamp) {
            // The two clocks may differ by a fraction of a millisecond: never below zero.
            const since = Math.max(0, stat.timestamp - stat.lastPacketReceivedTimestamp);
            silence = Math.max(silence ?? 0, since);
          }
        }
        if (stat.kind === "video") frames += stat.framesDecoded ?? 0;
      });
      const connected = pc.connectionState === "connected" ? 1 : 0;
      lab.labSamples.push([Date.now(), audio, frames, connected, silence]);
      busy = false;
    }, 100);
  });
}

export function samples(page: Page): Promise<Sample[]> {
  return page.evaluate(() => (window as unknown as { labSamples: Sample[] }).labSamples ?? []);
}

/** Times at which the column (1 audio, 2 video) grew, within [from, to]. */
function growth(all: Sample[], column: 1 | 2, from: number, to: number): number[] {
  const times: number[] = [];
  for (let i = 1; i < all.length; i++) {
    const [time] = all[i] as Sample;
    if (time < from || time > to) continue;
    if ((all[i] as Sample)[column] > (all[i - 1] as Sample)[column]) times.push(time);
  }
  return times;
}

/**
 * The longest time within [from, to] in which the column did not grow (counting
 * from `from` to the first growth and from the last growth to `to`).
 */
export function longestGap(all: Sample[], column: 1 | 2, from: number, to: number): number {
  const times = [from, ...growth(all, column, from, to), to];
  let gap = 0;
  for (let i = 1; i < times.length; i++) {
    gap = Math.max(gap, (times[i] as number) - (times[i - 1] as number));
  }
  return gap;
}

/**
 * After a network change at `changedAt`: when the column grew again at the end of
 * the longest stall that followed, in ms after the change (null: it never grew again).
 */
export function resumedAfter(all: Sample[], column: 1 | 2, changedAt: number): number | null {
  const times = growth(all, column, changedAt, Number.POSITIVE_INFINITY);
  if (times.length === 0) return null;
  let end = times[0] as number;
  let longest = end - changedAt;
  for (let i = 1; i < times.length; i++) {
    const gap = (times[i] as number) - (times[i - 1] as number);
    if (gap > longest) {
      longest = gap;
      end = times[i] as number;
    }
  }
  return end - changedAt;
}

/**
 * The longest silence of inbound audio within [from, to]: the most time since the last
 * audio packet that any sample saw. Read from the stats' arrival times rather than from
 * when samples were taken, so that a page too busy to sample adds no gap that was not there.
 * Infinity when a sample in the window had not received any audio yet.
 */
export function longestSilence(all: Sample[], from: number, to: number): number {
  const window = all.filter(([time]) => time >= from && time <= to);
  if (window.length === 0) return Number.POSITIVE_INFINITY;
  return Math.max(...window.map(([, , , , silence]) => silence ?? Number.POSITIVE_INFINITY));
}

/** Whether the page's connection stayed "connected" in every sample within [from, to]. */
export function stayedConnected(all: Sample[], from: number, to: number): boolean {
  return all.every(([time, , , connected]) => time < from || time > to || connected === 1);
}

/** What the sending side's video encoder is held to: its resolution, rate and limitation. */
export function sentVideo(
  page: Page,
): Promise<{ height: number; fps: number; limitation: string; bytes: number } | null> {
  return page.evaluate(async () => {
    let found: { height: number; fps: number; limitation: string; bytes: number } | null = null;
    (await window.__sprechzimmerCall?.pc?.getStats())?.forEach((stat) => {
      if (stat.type !== "outbound-rtp" || stat.kind !== "video") return;
      found = {
        height: stat.frameHeight ?? 0,
        fps: stat.framesPerSecond ?? 0,
        limitation: stat.qualityLimitationReason ?? "",
        bytes: stat.bytesSent ?? 0,
      };
    });
    return found;
  });
}
