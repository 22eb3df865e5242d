/**
 * The pure parts of the call page's full mesh: who is polite in each pair, how
 * much video each connection may send, which way a connection's media takes and
 * how the page sums up several connections' quality.
 */
import { describe, expect, it } from "vitest";
import { UPLINK_BPS, videoCapPerConnection } from "../../src/browser/call/bitrate.ts";
import { type Assessment, readStats, worstOf } from "../../src/browser/call/quality.ts";
import { isPoliteTowards, MAX_MEMBERS, type MemberId } from "../../src/rooms/wire.ts";

const members: MemberId[] = [
  "counsellor",
  "client",
  "p-0b7c3a52-6f0e-4f39-9d4c-2b1e1c0f7a11",
  "p-9a1d2e3f-0000-4000-8000-000000000001",
];

describe("politeness per pair", () => {
  it("gives every pair exactly one polite side, the same from both pages", () => {
    for (const a of members) {
      for (const b of members) {
        if (a === b) continue;
        expect(isPoliteTowards(a, b), `${a} / ${b}`).toBe(!isPoliteTowards(b, a));
      }
    }
  });

  it("never makes the counsellor polite, the client only towards the counsellor", () => {
    for (const other of members.slice(1)) expect(isPoliteTowards("counsellor", other)).toBe(false);
    expect(isPoliteTowards("client", "counsellor")).toBe(true);
    for (const other of members.slice(2)) expect(isPoliteTowards("client", other)).toBe(false);
  });
});

describe("the video cap per connection", () => {
  it("leaves a call of two alone", () => {
    expect(videoCapPerConnection(0)).toBeUndefined();
    expect(videoCapPerConnection(1)).toBeUndefined();
  });

  it("fits video and sound of every connection of a full room into the uplink, with room to spare", () => {
    for (let connections = 2; connections < MAX_MEMBERS; connections++) {
      const cap = videoCapPerConnection(connections) ?? Number.POSITIVE_INFINITY;
      // Opus at its most, per connection, on top of the capped video.
      expect(connections * (cap + 64_000)).toBeLessThanOrEqual(UPLINK_BPS * 0.85);
      // Still a picture worth sending: libwebrtc's floor is 30 kbit/s, a clear face some 300.
      expect(cap).toBeGreaterThan(300_000);
    }
  });
});

describe("the media path from the quality sample", () => {
  const report = (local: string, remote: string) =>
    new Map<string, Record<string, unknown>>([
      ["T", { type: "transport", selectedCandidatePairId: "P" }],
      [
        "P",
        {
          type: "candidate-pair",
          localCandidateId: "L",
          remoteCandidateId: "R",
          currentRoundTripTime: 0.02,
        },
      ],
      ["L", { type: "local-candidate", candidateType: local }],
      ["R", { type: "remote-candidate", candidateType: remote }],
    ]);

  it("reads direct and relay from the selected pair's candidates", () => {
    expect(readStats(report("host", "srflx")).path).toBe("direct");
    expect(readStats(report("host", "relay")).path).toBe("relay");
    expect(readStats(report("relay", "host")).path).toBe("relay");
  });

  it("says nothing before a pair is selected", () => {
    expect(readStats(new Map()).path).toBeUndefined();
  });
});

describe("several connections on one display", () => {
  const one = (overrides: Partial<Assessment>): Assessment => ({
    quality: "good",
    adapted: { sending: false, receiving: false },
    tooWeakForVideo: false,
    poorInARow: 0,
    offer: null,
    ...overrides,
  });

  it("shows the worst line, any adapted picture and the strongest offer", () => {
    const worst = worstOf([
      one({ quality: "good" }),
      one({ quality: "poor", poorInARow: 3, offer: "poor" }),
      one({ quality: "fair", adapted: { sending: true, receiving: false }, offer: "weak" }),
    ]);
    expect(worst).toEqual({
      quality: "poor",
      adapted: { sending: true, receiving: false },
      tooWeakForVideo: false,
      poorInARow: 3,
      offer: "weak",
    });
  });

  it("is unknown only while no connection has been measured", () => {
    expect(worstOf([]).quality).toBe("unknown");
    expect(worstOf([one({ quality: "unknown" }), one({ quality: "good" })]).quality).toBe("good");
  });
});
