import { afterEach, describe, expect, it, vi } from "vitest";
import { measure, watchQuality } from "../../src/browser/call/quality.ts";

/** A peer connection whose stats report the given round-trip time and packet counts. */
function fakePc(rtt: number, lost: number, received: number, state = "connected") {
  const stats = new Map<string, Record<string, unknown>>([
    [
      "pair",
      { type: "candidate-pair", nominated: true, state: "succeeded", currentRoundTripTime: rtt },
    ],
    ["in", { type: "inbound-rtp", kind: "video", packetsLost: lost, packetsReceived: received }],
  ]);
  return { connectionState: state, getStats: async () => stats } as unknown as RTCPeerConnection;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("connection quality", () => {
  it.each([
    [0.05, 0, "good"],
    [0.4, 0, "fair"],
    [0.05, 5, "fair"],
    [0.8, 0, "poor"],
    [0.05, 20, "poor"],
  ])("rates rtt %s s with %s of 100 packets lost as %s", async (rtt, lost, expected) => {
    const result = await measure(fakePc(rtt, lost, 100 - lost), { lost: 0, received: 0 });
    expect(result.quality).toBe(expected);
  });

  it("counts loss since the previous sample only", async () => {
    const result = await measure(fakePc(0.05, 50, 1050), { lost: 50, received: 50 });
    expect(result.quality).toBe("good");
  });

  it("is unknown before a candidate pair is selected", async () => {
    const pc = { getStats: async () => new Map() } as unknown as RTCPeerConnection;
    expect((await measure(pc, { lost: 0, received: 0 })).quality).toBe("unknown");
  });

  it("reports poor samples in a row, which the page turns into the sound-only suggestion", async () => {
    vi.useFakeTimers();
    const reports: [string, number][] = [];
    watchQuality(
      () => fakePc(0.9, 0, 100),
      (quality, poor) => reports.push([quality, poor]),
    );
    await vi.advanceTimersByTimeAsync(6000);
    expect(reports).toEqual([
      ["poor", 1],
      ["poor", 2],
      ["poor", 3],
    ]);
  });
});
