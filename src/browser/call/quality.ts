/**
 * Connection quality from `getStats()`, sampled every 2 s: the round-trip time
 * and packet loss, whether the picture has been adapted to the line (smaller or
 * fewer frames per second, in either direction), and whether the line is too
 * weak for video at all. `readStats` and `assess` are pure, over plain records,
 * so they run in unit tests without a browser; `watchQuality` wires them to the
 * page's peer connections (one per other person). The same report also says
 * which way the media takes (`path`), so each connection is read once per sample.
 */
export type Quality = "unknown" | "good" | "fair" | "poor";

/**
 * Which way one connection's media takes: straight between the two devices
 * ("direct", host or server-reflexive candidates on both ends) or through the
 * TURN server ("relay", a relay candidate on either end).
 */
export type MediaPath = "direct" | "relay";

/** One direction's video, from its `outbound-rtp` or `inbound-rtp` stat. */
export interface PictureStat {
  /** The stat's own clock, in ms. */
  timestamp?: number;
  frameWidth?: number;
  frameHeight?: number;
  framesPerSecond?: number;
  /** `bytesSent` (outbound) or `bytesReceived` (inbound). */
  bytes?: number;
  /** Outbound only: "none", "cpu", "bandwidth" or "other"; Firefox has none. */
  qualityLimitationReason?: string;
}

/** The fields of one `getStats()` report that the assessment reads. */
export interface StatSample {
  /** The selected candidate pair's `currentRoundTripTime`, in s. */
  rtt?: number;
  /** The selected pair's `availableOutgoingBitrate` (the sender's estimate), in bit/s; not in Firefox. */
  availableOutgoingBitrate?: number;
  /** Inbound audio and video together, since the connection began. */
  packetsLost: number;
  packetsReceived: number;
  sent?: PictureStat;
  received?: PictureStat;
  /** The selected pair's path, once a pair is selected. */
  path?: MediaPath;
}

/**
 * What each direction carries, as the page knows it: "none" while no picture
 * travels (sound only, the camera off); any other value names the picture (the
 * camera track, a shared screen), and a change starts its comparison afresh.
 */
export interface Pictures {
  sending: string;
  receiving: string;
  /**
   * The other page's own word on the picture it sends (its `adapted.sending`,
   * over the data channel), once it has given one. It knows why its picture
   * shrank; this side only sees that it did, and a busy processor over there
   * shrinks it just the same.
   */
  peerAdapted?: boolean;
}

export interface Assessment {
  quality: Quality;
  /** The picture is smaller than the line allowed earlier in the call (or, sending, the encoder says the line limits it). */
  adapted: { sending: boolean; receiving: boolean };
  tooWeakForVideo: boolean;
  poorInARow: number;
  /**
   * Whether to offer sound only, and why: too weak for video, or three poor
   * samples in a row. Once offered, the offer stays until the line has been
   * neither for three samples, so it does not flicker.
   */
  offer: "weak" | "poor" | null;
}

/** What the assessment remembers from one sample to the next, within one connection. */
export interface Trend {
  previous: StatSample | null;
  pictures: Pictures;
  /** The best picture's shorter side held over two samples, per direction (0: none yet). */
  peakSent: number;
  peakReceived: number;
  weakInARow: number;
  poorInARow: number;
  offered: Assessment["offer"];
  fineInARow: number;
}

const NO_PEAK = 0;

export function newTrend(): Trend {
  return {
    previous: null,
    pictures: { sending: "none", receiving: "none" },
    peakSent: NO_PEAK,
    peakReceived: NO_PEAK,
    weakInARow: 0,
    poorInARow: 0,
    offered: null,
    fineInARow: 0,
  };
}

/*
 * Thresholds, from what libwebrtc (Chrome, Edge, Safari, and the video engine
 * inside Firefox) does:
 *
 * - Its video never goes below 30 kbit/s (`kMinVideoBitrateBps`). When the
 *   estimate cannot carry audio plus that floor, its bitrate allocator pauses
 *   the video, and resumes it only with max(10 %, 20 kbit/s) to spare. Opus
 *   for speech runs at 32 kbit/s (`kOpusBitrateFbBps`), some 50 kbit/s with
 *   its 50 packet headers a second.
 * - Below 300 kbit/s it holds a picture at 320×240 or less (a call's first
 *   frames are dropped until it is that small: `DropDueToSize`), and VP8's
 *   default limits start 480×270 only from 200 kbit/s.
 *
 * So a 300 kbit/s line gets a smaller picture, which the display says. Under
 * 150 kbit/s of estimated uplink, less than 100 kbit/s is left for video
 * once the voice is paid for: a stamp-sized, stuttering picture (near the
 * pausing point, where it starts and stops) that keeps the line full and
 * costs the voice its margin; on a 64 kbit/s line the video is paused anyway.
 * A 300 kbit/s line keeps its estimate well above that (backing off on loss
 * takes it to 85 % of what got through, about 250 kbit/s). The estimate
 * wobbles, so only three samples in a row (6 s) count.
 *
 * Without an estimate, the sent video held near the floor (under 50 kbit/s:
 * the 30 kbit/s minimum plus the wobble) while the encoder says bandwidth
 * limits it is the same sign.
 */
const TOO_WEAK_ESTIMATE_BPS = 150_000;
const VIDEO_AT_FLOOR_BPS = 50_000;
const WEAK_SAMPLES = 3;
/*
 * libwebrtc adapts a camera's picture to the line mostly by its size: a step
 * down is 3/5 of the pixels (about 0.77 of the side), so a side under 0.8 of
 * the best one is at least one step down. The frame rate is no such sign: it
 * falls just as far when the sender's camera or processor is busy (20 to 5
 * frames a second on a loaded test machine, over a fine line), so it is left
 * out; on the sending side the encoder's own reason says more.
 */
const SMALLER = 0.8;

type Stat = Record<string, unknown>;
/** What `RTCStatsReport` offers, and a `Map` of plain records in tests. */
export interface StatsLike {
  forEach(callback: (stat: Stat) => void): void;
  get(id: string): Stat | undefined;
}

const num = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

function picture(stat: Stat, bytes: unknown): PictureStat {
  const reason = stat.qualityLimitationReason;
  return {
    timestamp: num(stat.timestamp),
    frameWidth: num(stat.frameWidth),
    frameHeight: num(stat.frameHeight),
    framesPerSecond: num(stat.framesPerSecond),
    bytes: num(bytes),
    ...(typeof reason === "string" && { qualityLimitationReason: reason }),
  };
}

/** The pair in use: the transport's `selectedCandidatePairId` (the standard; Chromium, Safari, newer Firefox), Firefox's own `selected`, else the nominated and succeeded one. */
function selectedPair(report: StatsLike): Stat | undefined {
  let byTransport: Stat | undefined;
  let selected: Stat | undefined;
  let nominated: Stat | undefined;
  report.forEach((stat) => {
    if (stat.type === "transport" && typeof stat.selectedCandidatePairId === "string") {
      byTransport ??= report.get(stat.selectedCandidatePairId);
    }
    if (stat.type !== "candidate-pair") return;
    if (stat.selected === true) selected = stat;
    if (stat.nominated === true && stat.state === "succeeded") nominated ??= stat;
  });
  return byTransport ?? selected ?? nominated;
}

/** The sample's fields from a `getStats()` report. */
export function readStats(report: StatsLike): StatSample {
  const pair = selectedPair(report);
  const sample: StatSample = {
    rtt: num(pair?.currentRoundTripTime),
    availableOutgoingBitrate: num(pair?.availableOutgoingBitrate),
    packetsLost: 0,
    packetsReceived: 0,
  };
  const local = typeof pair?.localCandidateId === "string" && report.get(pair.localCandidateId);
  const remote = typeof pair?.remoteCandidateId === "string" && report.get(pair.remoteCandidateId);
  if (local && remote) {
    const relayed = local.candidateType === "relay" || remote.candidateType === "relay";
    sample.path = relayed ? "relay" : "direct";
  }
  report.forEach((stat) => {
    if (stat.type === "inbound-rtp") {
      sample.packetsLost += num(stat.packetsLost) ?? 0;
      sample.packetsReceived += num(stat.packetsReceived) ?? 0;
    }
    if (stat.kind !== "video") return;
    // One video each way per connection; should there be more, the busiest counts.
    if (stat.type === "outbound-rtp" && (num(stat.bytesSent) ?? 0) >= (sample.sent?.bytes ?? 0)) {
      sample.sent = picture(stat, stat.bytesSent);
    }
    if (
      stat.type === "inbound-rtp" &&
      (num(stat.bytesReceived) ?? 0) >= (sample.received?.bytes ?? 0)
    ) {
      sample.received = picture(stat, stat.bytesReceived);
    }
  });
  return sample;
}

/** The shorter side, so that a phone turned on its side is not a smaller picture. */
function sideOf(stat: PictureStat | undefined): number | undefined {
  const height = stat?.frameHeight;
  const width = stat?.frameWidth;
  return height !== undefined && width !== undefined ? Math.min(width, height) : height;
}

function pairwise(
  a: number | undefined,
  b: number | undefined,
  pick: (x: number, y: number) => number,
) {
  return a !== undefined && b !== undefined ? pick(a, b) : undefined;
}

/**
 * One direction: the best picture's side held over two samples in a row so far,
 * and whether the last two samples both fell clearly below it while frames
 * still arrived.
 */
function direction(
  now: PictureStat | undefined,
  before: PictureStat | undefined,
  peak: number,
): { peak: number; smaller: boolean } {
  const flowing =
    now?.bytes !== undefined &&
    before?.bytes !== undefined &&
    now.bytes > before.bytes &&
    (now.framesPerSecond === undefined || now.framesPerSecond > 0);
  if (!flowing) return { peak, smaller: false };
  const held = pairwise(sideOf(now), sideOf(before), Math.min) ?? 0;
  const best = Math.max(peak, held);
  const high = pairwise(sideOf(now), sideOf(before), Math.max);
  return { peak: best, smaller: high !== undefined && high < SMALLER * best };
}

function lineQuality(sample: StatSample, previous: StatSample | null): Quality {
  if (sample.rtt === undefined) return "unknown";
  const lost = sample.packetsLost - (previous?.packetsLost ?? 0);
  const total = lost + sample.packetsReceived - (previous?.packetsReceived ?? 0);
  const loss = total > 0 ? lost / total : 0;
  if (sample.rtt < 0.3 && loss < 0.02) return "good";
  return sample.rtt < 0.6 && loss < 0.08 ? "fair" : "poor";
}

/** Bits a second between two samples of the same stream. */
function rate(now: PictureStat | undefined, before: PictureStat | undefined) {
  const bytes = pairwise(now?.bytes, before?.bytes, (a, b) => a - b);
  const ms = pairwise(now?.timestamp, before?.timestamp, (a, b) => a - b);
  return bytes !== undefined && ms !== undefined && ms > 0 ? (bytes * 8000) / ms : undefined;
}

/**
 * The assessment of one sample, given the trend so far; returns the trend to
 * pass with the next sample. Pure: same inputs, same answer.
 */
export function assess(
  trend: Trend,
  sample: StatSample,
  pictures: Pictures = { sending: "camera", receiving: "camera" },
): { assessment: Assessment; trend: Trend } {
  // Counters start again with a new connection (they only grow within one).
  const previous =
    trend.previous && sample.packetsReceived >= trend.previous.packetsReceived
      ? trend.previous
      : null;
  const sameSending = previous !== null && pictures.sending === trend.pictures.sending;
  const sameReceiving = previous !== null && pictures.receiving === trend.pictures.receiving;

  const sending =
    pictures.sending === "none"
      ? { peak: NO_PEAK, smaller: false }
      : direction(
          sample.sent,
          sameSending ? previous.sent : undefined,
          sameSending ? trend.peakSent : NO_PEAK,
        );
  const receiving =
    pictures.receiving === "none"
      ? { peak: NO_PEAK, smaller: false }
      : direction(
          sample.received,
          sameReceiving ? previous.received : undefined,
          sameReceiving ? trend.peakReceived : NO_PEAK,
        );
  const reason = sample.sent?.qualityLimitationReason;
  const limitedByLine = pictures.sending !== "none" && reason === "bandwidth";
  const adapted = {
    // Where the encoder says why (Chromium, Safari), its word counts: a busy processor or a
    // slow camera also make the picture smaller or choppier, but that is no news about the line.
    // Like a smaller picture, only two samples in a row count: a busy moment can dip the estimate.
    sending:
      reason === undefined
        ? sending.smaller
        : limitedByLine && sameSending && previous.sent?.qualityLimitationReason === "bandwidth",
    receiving: pictures.receiving !== "none" && (pictures.peerAdapted ?? receiving.smaller),
  };

  const sentRate = sameSending ? rate(sample.sent, previous.sent) : undefined;
  const weak =
    (sample.availableOutgoingBitrate !== undefined &&
      sample.availableOutgoingBitrate < TOO_WEAK_ESTIMATE_BPS) ||
    (limitedByLine && sentRate !== undefined && sentRate < VIDEO_AT_FLOOR_BPS);
  const weakInARow = weak && sameSending ? trend.weakInARow + 1 : weak ? 1 : 0;
  const tooWeakForVideo = weakInARow >= WEAK_SAMPLES;

  const line = lineQuality(sample, previous);
  const quality: Quality =
    line === "unknown"
      ? line
      : tooWeakForVideo
        ? "poor"
        : line === "good" && (adapted.sending || adapted.receiving)
          ? "fair"
          : line;
  const poorInARow = quality === "poor" ? trend.poorInARow + 1 : 0;
  const fine = !weak && quality !== "poor";
  const fineInARow = fine ? trend.fineInARow + 1 : 0;
  const offer: Assessment["offer"] = tooWeakForVideo
    ? "weak"
    : poorInARow >= WEAK_SAMPLES
      ? "poor"
      : // A new picture (video back on after sound only) waits for three weak samples again.
        fineInARow < WEAK_SAMPLES && sameSending
        ? trend.offered
        : null;
  return {
    assessment: { quality, adapted, tooWeakForVideo, poorInARow, offer },
    trend: {
      previous: sample,
      pictures,
      peakSent: sending.peak,
      peakReceived: receiving.peak,
      weakInARow,
      poorInARow,
      offered: offer,
      fineInARow,
    },
  };
}

const RANK: Record<Quality, number> = { unknown: 0, good: 1, fair: 2, poor: 3 };
const OFFER_RANK = { weak: 2, poor: 1 } as const;

/**
 * The page's one display for all its connections: the worst of them. A line
 * that is poor towards one person is worth saying even when the others are
 * fine, and the uplink all connections share is what sound only relieves.
 * "unknown" only while no connection has been measured.
 */
export function worstOf(assessments: Assessment[]): Assessment {
  const worst: Assessment = {
    quality: "unknown",
    adapted: { sending: false, receiving: false },
    tooWeakForVideo: false,
    poorInARow: 0,
    offer: null,
  };
  for (const one of assessments) {
    if (RANK[one.quality] > RANK[worst.quality]) worst.quality = one.quality;
    worst.adapted.sending ||= one.adapted.sending;
    worst.adapted.receiving ||= one.adapted.receiving;
    worst.tooWeakForVideo ||= one.tooWeakForVideo;
    worst.poorInARow = Math.max(worst.poorInARow, one.poorInARow);
    if (one.offer && (!worst.offer || OFFER_RANK[one.offer] > OFFER_RANK[worst.offer])) {
      worst.offer = one.offer;
    }
  }
  return worst;
}

/** One connection's measurement: the assessment and the path, from one `getStats()`. */
export interface Measurement {
  assessment: Assessment;
  path: MediaPath | null;
}

/** A connection to measure, with what its two directions carry now. */
export interface Measured {
  pc: RTCPeerConnection;
  pictures(): Pictures;
  /** This connection's own measurement (its tile, what it tells the other page). */
  report?(measurement: Measurement): void;
}

/**
 * Measures one connection at a time, keeping its trend from sample to sample;
 * a new peer connection starts afresh. Null while it is not connected.
 */
export function qualitySampler(): (
  pc: RTCPeerConnection,
  pictures: Pictures,
) => Promise<Measurement | null> {
  let trend = newTrend();
  let measured: RTCPeerConnection | null = null;
  return async (pc, pictures) => {
    if (pc.connectionState !== "connected") return null;
    if (pc !== measured) trend = newTrend();
    measured = pc;
    const sample = readStats((await pc.getStats()) as unknown as StatsLike);
    const result = assess(trend, sample, pictures);
    trend = result.trend;
    return { assessment: result.assessment, path: sample.path ?? null };
  };
}

/**
 * Samples every connected connection every 2 s (one `getStats()` each, no
 * other timer) and reports what each one and all together say: the worst
 * assessment and, when any media goes through the relay, "relay". Nothing is
 * reported while none is connected.
 */
export function watchQuality(
  connections: () => Measured[],
  report: (worst: Assessment, path: MediaPath | null) => void,
): () => void {
  const samplers = new WeakMap<RTCPeerConnection, ReturnType<typeof qualitySampler>>();
  let busy = false;
  const timer = setInterval(async () => {
    // A slow getStats() on a busy device: the next tick waits rather than piling up.
    if (busy) return;
    busy = true;
    try {
      const results: Measurement[] = [];
      for (const connection of connections()) {
        let sampler = samplers.get(connection.pc);
        if (!sampler) {
          sampler = qualitySampler();
          samplers.set(connection.pc, sampler);
        }
        const result = await sampler(connection.pc, connection.pictures()).catch(() => null);
        if (!result) continue;
        connection.report?.(result);
        results.push(result);
      }
      if (results.length === 0) return;
      const paths = results.map((result) => result.path);
      const path = paths.includes("relay") ? "relay" : paths.includes("direct") ? "direct" : null;
      report(worstOf(results.map((result) => result.assessment)), path);
    } finally {
      busy = false;
    }
  }, 2000);
  return () => clearInterval(timer);
}
