import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type Assessment,
  assess,
  newTrend,
  type Pictures,
  readStats,
  type StatSample,
  type Trend,
  watchQuality,
} from "../../src/browser/call/quality.ts";

type Stat = Record<string, unknown>;

/** A Chromium-shaped report: the transport names the selected pair, next to a nominated one that is not in use. */
function chromiumReport(options: {
  rtt?: number;
  outgoing?: number;
  sent?: Stat;
  received?: Stat;
  lost?: number;
  packets?: number;
}): Map<string, Stat> {
  const stats = new Map<string, Stat>([
    ["T01", { type: "transport", selectedCandidatePairId: "CPa" }],
    [
      "CPb",
      { type: "candidate-pair", nominated: true, state: "succeeded", currentRoundTripTime: 2 },
    ],
    [
      "CPa",
      {
        type: "candidate-pair",
        nominated: true,
        state: "succeeded",
        currentRoundTripTime: options.rtt ?? 0.05,
        availableOutgoingBitrate: options.outgoing ?? 2_000_000,
      },
    ],
    [
      "IA",
      {
        type: "inbound-rtp",
        kind: "audio",
        packetsLost: options.lost ?? 0,
        packetsReceived: (options.packets ?? 100) - (options.lost ?? 0),
      },
    ],
  ]);
  if (options.sent) stats.set("OV", { type: "outbound-rtp", kind: "video", ...options.sent });
  if (options.received)
    stats.set("IV", {
      type: "inbound-rtp",
      kind: "video",
      packetsLost: 0,
      packetsReceived: 0,
      ...options.received,
    });
  return stats;
}

/** Runs samples through `assess` as the page does and returns every assessment. */
function run(samples: StatSample[], pictures?: Pictures): Assessment[] {
  let trend: Trend = newTrend();
  return samples.map((sample) => {
    const result = assess(trend, sample, pictures);
    trend = result.trend;
    return result.assessment;
  });
}

/** A 2-s sample of sent video at `kbps`, continuing the byte count. */
function sentVideo(i: number, height: number, fps: number, reason = "none", kbps = 800): Stat {
  return {
    timestamp: 10_000 + i * 2000,
    frameWidth: (height * 4) / 3,
    frameHeight: height,
    framesPerSecond: fps,
    bytesSent: 1000 + i * kbps * 250,
    qualityLimitationReason: reason,
  };
}

function receivedVideo(i: number, height: number, fps: number, bytes = 200_000): Stat {
  return {
    timestamp: 10_000 + i * 2000,
    frameWidth: (height * 4) / 3,
    frameHeight: height,
    framesPerSecond: fps,
    bytesReceived: 1000 + i * bytes,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("reading getStats()", () => {
  it("takes the pair the transport selected (Chromium), not just any nominated one", () => {
    const sample = readStats(chromiumReport({ rtt: 0.04, outgoing: 900_000 }));
    expect(sample.rtt).toBe(0.04);
    expect(sample.availableOutgoingBitrate).toBe(900_000);
  });

  it("takes Firefox's selected pair when there is no transport stat", () => {
    const firefox = new Map<string, Stat>([
      [
        "p1",
        {
          type: "candidate-pair",
          nominated: true,
          state: "succeeded",
          selected: false,
          currentRoundTripTime: 0.9,
        },
      ],
      [
        "p2",
        {
          type: "candidate-pair",
          nominated: true,
          state: "succeeded",
          selected: true,
          currentRoundTripTime: 0.012,
        },
      ],
      ["a", { type: "inbound-rtp", kind: "audio", packetsLost: 0, packetsReceived: 152 }],
      [
        "v",
        {
          type: "inbound-rtp",
          kind: "video",
          packetsLost: 0,
          packetsReceived: 182,
          frameWidth: 640,
          frameHeight: 480,
          framesPerSecond: 20,
          bytesReceived: 173_217,
          timestamp: 1_796_076_912_470,
        },
      ],
      [
        "o",
        {
          type: "outbound-rtp",
          kind: "video",
          frameWidth: 320,
          frameHeight: 240,
          framesPerSecond: 24,
          bytesSent: 42_517,
          timestamp: 1_796_076_912_470,
        },
      ],
    ]);
    const sample = readStats(firefox);
    expect(sample.rtt).toBe(0.012);
    // Firefox has no estimate and no limitation reason: nothing is made up for them.
    expect(sample.availableOutgoingBitrate).toBeUndefined();
    expect(sample.sent).toEqual({
      timestamp: 1_796_076_912_470,
      frameWidth: 320,
      frameHeight: 240,
      framesPerSecond: 24,
      bytes: 42_517,
    });
    expect(sample.received?.frameHeight).toBe(480);
    expect(sample.packetsReceived).toBe(334);
    expect(run([sample])[0]?.quality).toBe("good");
  });

  it("falls back to the nominated, succeeded pair when neither says which is selected", () => {
    const old = new Map<string, Stat>([
      [
        "p0",
        { type: "candidate-pair", nominated: false, state: "succeeded", currentRoundTripTime: 1 },
      ],
      [
        "p1",
        { type: "candidate-pair", nominated: true, state: "succeeded", currentRoundTripTime: 0.2 },
      ],
    ]);
    expect(readStats(old).rtt).toBe(0.2);
  });

  it("is unknown before a candidate pair is selected", () => {
    expect(run([readStats(new Map())])[0]?.quality).toBe("unknown");
  });
});

describe("connection quality", () => {
  it.each([
    [0.05, 0, "good"],
    [0.4, 0, "fair"],
    [0.05, 5, "fair"],
    [0.8, 0, "poor"],
    [0.05, 20, "poor"],
  ])("rates rtt %s s with %s of 100 packets lost as %s", (rtt, lost, expected) => {
    expect(run([readStats(chromiumReport({ rtt, lost }))])[0]?.quality).toBe(expected);
  });

  it("counts loss since the previous sample only", () => {
    const [, second] = run([
      readStats(chromiumReport({ lost: 50, packets: 100 })),
      readStats(chromiumReport({ lost: 50, packets: 1100 })),
    ]);
    expect(second?.quality).toBe("good");
  });
});

describe("the picture on a weak line", () => {
  it("a good line: nothing adapted, nothing offered", () => {
    const samples = [0, 1, 2, 3, 4, 5].map((i) =>
      readStats(
        chromiumReport({
          sent: sentVideo(i, 480, i === 0 ? 28 : 20),
          received: receivedVideo(i, 480, i === 1 ? 41 : 19 + (i % 2)),
        }),
      ),
    );
    for (const assessment of run(samples)) {
      expect(assessment).toEqual({
        quality: "good",
        adapted: { sending: false, receiving: false },
        tooWeakForVideo: false,
        poorInARow: 0,
        offer: null,
      });
    }
  });

  it("sending limited by bandwidth for two samples is adapted, and the line is no longer 'good'", () => {
    const result = run([
      readStats(chromiumReport({ outgoing: 280_000, sent: sentVideo(0, 480, 20) })),
      readStats(
        chromiumReport({ outgoing: 260_000, sent: sentVideo(1, 360, 15, "bandwidth", 200) }),
      ),
      readStats(
        chromiumReport({ outgoing: 250_000, sent: sentVideo(2, 360, 15, "bandwidth", 200) }),
      ),
    ]);
    expect(result.map((a) => a.adapted)).toEqual([
      { sending: false, receiving: false },
      { sending: false, receiving: false },
      { sending: true, receiving: false },
    ]);
    expect(result.map((a) => a.quality)).toEqual(["good", "good", "fair"]);
    // 300 kbit/s adapts the picture; it is not too weak for video.
    expect(result[2]?.tooWeakForVideo).toBe(false);
    expect(result[2]?.offer).toBeNull();
  });

  it("one sample limited by bandwidth (a busy moment) is not yet adapted", () => {
    const reasons = ["none", "bandwidth", "none", "bandwidth", "none"];
    const result = run(
      reasons.map((reason, i) =>
        readStats(chromiumReport({ sent: sentVideo(i, 480, 20, reason) })),
      ),
    );
    expect(result.map((a) => a.adapted.sending)).toEqual([false, false, false, false, false]);
  });

  it("sending clearly smaller than earlier in the call is adapted (Firefox gives no reason)", () => {
    const heights = [240, 480, 480, 480, 270, 270];
    const result = run(
      heights.map((height, i) => {
        const { qualityLimitationReason: _, ...firefox } = sentVideo(i, height, 24);
        return readStats(chromiumReport({ sent: firefox }));
      }),
    );
    // Starting small and growing is no adaptation; falling to 270 for two samples is.
    expect(result.map((a) => a.adapted.sending)).toEqual([false, false, false, false, false, true]);
  });

  it("where the encoder gives a reason, a busy processor or a slow camera is not blamed on the line", () => {
    const cpu = run(
      [480, 480, 480, 240, 240].map((height, i) =>
        readStats(chromiumReport({ sent: sentVideo(i, height, 20, i > 2 ? "cpu" : "none") })),
      ),
    );
    expect(cpu.map((a) => a.adapted.sending)).toEqual([false, false, false, false, false]);
    const slowCamera = run(
      [20, 20, 20, 5, 4].map((fps, i) =>
        readStats(chromiumReport({ sent: sentVideo(i, 480, fps) })),
      ),
    );
    expect(slowCamera.map((a) => a.adapted.sending)).toEqual([false, false, false, false, false]);
  });

  it("receiving a smaller picture while frames still arrive is adapted", () => {
    const pictures: [number, number][] = [
      [480, 20],
      [480, 20],
      [480, 19],
      [360, 7],
      [360, 6],
      [240, 11],
    ];
    const result = run(
      pictures.map(([height, fps], i) =>
        readStats(chromiumReport({ received: receivedVideo(i, height, fps, 8000) })),
      ),
    );
    expect(result.map((a) => a.adapted.receiving)).toEqual([
      false,
      false,
      false,
      false,
      true,
      true,
    ]);
    expect(result.map((a) => a.adapted.sending)).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
    expect(result[5]?.quality).toBe("fair");
  });

  it("fewer frames a second alone is not called adapted: a busy sender's picture looks the same", () => {
    const fps = [20, 20, 20, 5, 5, 4, 3];
    const result = run(
      fps.map((f, i) => readStats(chromiumReport({ received: receivedVideo(i, 480, f) }))),
    );
    expect(result.map((a) => a.adapted.receiving)).toEqual(fps.map(() => false));
  });

  it("a one-sample dip in size is not adapted", () => {
    const heights = [480, 480, 480, 240, 480, 240, 480];
    const result = run(
      heights.map((h, i) => readStats(chromiumReport({ received: receivedVideo(i, h, 20) }))),
    );
    expect(result.map((a) => a.adapted.receiving)).toEqual(heights.map(() => false));
  });

  it("the other page's own word on its picture counts over what arrives", () => {
    const samples = [480, 480, 480, 240, 240].map((h, i) =>
      readStats(chromiumReport({ received: receivedVideo(i, h, 20) })),
    );
    // It shrank the picture for its processor, not for the line.
    const busy = run(samples, { sending: "none", receiving: "camera", peerAdapted: false });
    expect(busy.map((a) => a.adapted.receiving)).toEqual([false, false, false, false, false]);
    // Its encoder says the line limits it, before the size shows it here.
    const limited = run(samples.slice(0, 2), {
      sending: "none",
      receiving: "camera",
      peerAdapted: true,
    });
    expect(limited.map((a) => a.adapted.receiving)).toEqual([true, true]);
    // Nothing is said about a picture that does not come.
    const none = run(samples, { sending: "none", receiving: "none", peerAdapted: true });
    expect(none.map((a) => a.adapted.receiving)).toEqual([false, false, false, false, false]);
  });

  it("a picture that stopped arriving is not 'adapted', it is gone", () => {
    const frozen = {
      ...receivedVideo(3, 240, 5),
      bytesReceived: receivedVideo(2, 480, 20).bytesReceived,
    };
    const result = run([
      readStats(chromiumReport({ received: receivedVideo(0, 480, 20) })),
      readStats(chromiumReport({ received: receivedVideo(1, 480, 20) })),
      readStats(chromiumReport({ received: receivedVideo(2, 240, 5) })),
      readStats(chromiumReport({ received: frozen })),
    ]);
    expect(result.map((a) => a.adapted.receiving)).toEqual([false, false, false, false]);
  });

  it("a new picture (a shared screen, sound only) starts the comparison afresh", () => {
    const samples = [
      readStats(chromiumReport({ received: receivedVideo(0, 1080, 30) })),
      readStats(chromiumReport({ received: receivedVideo(1, 1080, 30) })),
      readStats(chromiumReport({ received: receivedVideo(2, 480, 20) })),
      readStats(chromiumReport({ received: receivedVideo(3, 480, 20) })),
    ];
    let trend = newTrend();
    const seen: boolean[] = [];
    for (const [i, sample] of samples.entries()) {
      const receiving = i < 2 ? "screen" : "camera";
      const result = assess(trend, sample, { sending: "none", receiving });
      trend = result.trend;
      seen.push(result.assessment.adapted.receiving);
    }
    expect(seen).toEqual([false, false, false, false]);
    // Nothing is said about a direction that carries no picture.
    const none = assess(trend, samples[3] as StatSample, { sending: "none", receiving: "none" });
    expect(none.assessment.adapted).toEqual({ sending: false, receiving: false });
  });

  it("an estimate under 150 kbit/s for three samples in a row is too weak for video", () => {
    const result = run(
      [120_000, 60_000, 55_000, 58_000].map((outgoing, i) =>
        readStats(chromiumReport({ outgoing, sent: sentVideo(i, 180, 7, "bandwidth", 30) })),
      ),
    );
    expect(result.map((a) => a.tooWeakForVideo)).toEqual([false, false, true, true]);
    expect(result.map((a) => a.offer)).toEqual([null, null, "weak", "weak"]);
    expect(result[2]?.quality).toBe("poor");
  });

  it("two weak samples and then recovery are not too weak", () => {
    const result = run(
      [100_000, 90_000, 400_000, 120_000, 110_000].map((outgoing, i) =>
        readStats(chromiumReport({ outgoing, sent: sentVideo(i, 360, 20) })),
      ),
    );
    expect(result.map((a) => a.tooWeakForVideo)).toEqual([false, false, false, false, false]);
    expect(result.map((a) => a.offer)).toEqual([null, null, null, null, null]);
  });

  it("without an estimate, video held at the floor by bandwidth is too weak", () => {
    const result = run(
      [0, 1, 2, 3].map((i) => {
        const sample = readStats(chromiumReport({ sent: sentVideo(i, 120, 5, "bandwidth", 35) }));
        return { ...sample, availableOutgoingBitrate: undefined };
      }),
    );
    // The first sample has no rate yet; three at the floor follow.
    expect(result.map((a) => a.tooWeakForVideo)).toEqual([false, false, false, true]);
  });

  it("the offer stays until the line has been fine for three samples, and says why", () => {
    const outgoing = [100_000, 100_000, 100_000, 500_000, 500_000, 500_000, 500_000];
    const result = run(
      outgoing.map((o, i) =>
        readStats(chromiumReport({ outgoing: o, sent: sentVideo(i, 360, 20) })),
      ),
    );
    expect(result.map((a) => a.offer)).toEqual([null, null, "weak", "weak", "weak", null, null]);

    const poor = run([0.9, 0.9, 0.9, 0.05].map((rtt) => readStats(chromiumReport({ rtt }))));
    expect(poor.map((a) => [a.poorInARow, a.offer])).toEqual([
      [1, null],
      [2, null],
      [3, "poor"],
      [0, "poor"],
    ]);
  });

  it("turning the camera back on after sound only counts the weak samples afresh", () => {
    const sample = (i: number) =>
      readStats(chromiumReport({ outgoing: 80_000, sent: sentVideo(i, 180, 5, "bandwidth", 30) }));
    let trend = newTrend();
    const offers: (string | null)[] = [];
    for (const [i, sending] of ["none", "none", "none", "camera b", "camera b"].entries()) {
      const result = assess(trend, sample(i), { sending, receiving: "camera" });
      trend = result.trend;
      offers.push(result.assessment.offer);
    }
    // While sound only is on the page shows no offer anyway; back on video it waits for three again.
    expect(offers).toEqual([null, null, "weak", null, null]);
    expect(trend.weakInARow).toBe(2);
  });
});

describe("watching the connection", () => {
  /** A peer connection whose every report is the given Chromium-shaped one. */
  function fakePc(report: Map<string, Stat>, state = "connected") {
    return { connectionState: state, getStats: async () => report } as unknown as RTCPeerConnection;
  }

  it("samples every 2 s and reports poor samples in a row", async () => {
    vi.useFakeTimers();
    const reports: [string, number][] = [];
    const pc = fakePc(chromiumReport({ rtt: 0.9 }));
    watchQuality(
      () => [{ pc, pictures: () => ({ sending: "camera", receiving: "camera" }) }],
      (assessment) => reports.push([assessment.quality, assessment.poorInARow]),
    );
    await vi.advanceTimersByTimeAsync(6000);
    expect(reports).toEqual([
      ["poor", 1],
      ["poor", 2],
      ["poor", 3],
    ]);
  });

  it("waits while not connected, and starts afresh with a new connection", async () => {
    vi.useFakeTimers();
    const reports: number[] = [];
    let pc = fakePc(chromiumReport({ rtt: 0.9 }), "connecting");
    watchQuality(
      () => [{ pc, pictures: () => ({ sending: "camera", receiving: "camera" }) }],
      (assessment) => reports.push(assessment.poorInARow),
    );
    await vi.advanceTimersByTimeAsync(4000);
    expect(reports).toEqual([]);
    pc = fakePc(chromiumReport({ rtt: 0.9 }));
    await vi.advanceTimersByTimeAsync(4000);
    pc = fakePc(chromiumReport({ rtt: 0.9 }));
    await vi.advanceTimersByTimeAsync(2000);
    expect(reports).toEqual([1, 2, 1]);
  });
});
