/**
 * Connection quality from `getStats()`: the round-trip time of the selected
 * candidate pair and the share of packets lost since the last sample.
 */
export type Quality = "unknown" | "good" | "fair" | "poor";

export interface Sample {
  lost: number;
  received: number;
}

export async function measure(
  pc: RTCPeerConnection,
  previous: Sample,
): Promise<{ quality: Quality; sample: Sample }> {
  const report = await pc.getStats();
  let rtt: number | undefined;
  const sample: Sample = { lost: 0, received: 0 };
  report.forEach((stat) => {
    if (stat.type === "candidate-pair" && stat.nominated && stat.state === "succeeded") {
      rtt = stat.currentRoundTripTime ?? rtt;
    }
    if (stat.type === "inbound-rtp") {
      sample.lost += stat.packetsLost ?? 0;
      sample.received += stat.packetsReceived ?? 0;
    }
  });
  const lost = sample.lost - previous.lost;
  const total = lost + sample.received - previous.received;
  const loss = total > 0 ? lost / total : 0;
  if (rtt === undefined) return { quality: "unknown", sample };
  const quality: Quality =
    rtt < 0.3 && loss < 0.02 ? "good" : rtt < 0.6 && loss < 0.08 ? "fair" : "poor";
  return { quality, sample };
}

/**
 * Samples the current connection every 2 s while it is connected and reports the
 * quality and how many poor samples came in a row.
 */
export function watchQuality(
  current: () => RTCPeerConnection | null,
  report: (quality: Quality, poorInARow: number) => void,
): void {
  let sample: Sample = { lost: 0, received: 0 };
  let poor = 0;
  setInterval(async () => {
    const pc = current();
    if (pc?.connectionState !== "connected") return;
    const result = await measure(pc, sample);
    sample = result.sample;
    poor = result.quality === "poor" ? poor + 1 : 0;
    report(result.quality, poor);
  }, 2000);
}
