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
