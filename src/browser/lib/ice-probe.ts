/**
 * @module
 * The connection probe's decisions, without a browser: from the ICE servers the
 * page was given and the local candidates gathered against them (`getStats()`
 * `local-candidate` entries and the `icecandidate` events, merged), which
 * network paths work. `src/browser/check.ts` does the gathering;
 * `test/unit/ice-probe.test.ts` holds the rules.
 *
 * - direct: a server-reflexive (srflx) candidate over UDP, unless the NAT gave
 *   one local base different public ports for different STUN servers (port
 *   randomising, "symmetric": a peer could not reach the port it was told).
 *   With one STUN server that cannot be seen, so an srflx counts as possible.
 *   No srflx: "no" with STUN servers configured, "unknown" without.
 * - udp-relay / tcp-relay: a relay candidate whose connection to the TURN server
 *   is UDP, or TCP (TLS counts: it runs over TCP too). "unknown" when the page
 *   got no TURN credentials for that transport.
 */
import type { PathAnswers, Works } from "../../client-journey/check-paths.ts";

/** One local candidate, as `getStats()` or an `icecandidate` event describes it. */
export interface GatheredCandidate {
  /** `candidateType`: host, srflx, prflx or relay. */
  type?: string | null | undefined;
  /** The candidate's own transport towards a peer: udp or tcp. */
  protocol?: string | null | undefined;
  address?: string | null | undefined;
  port?: number | null | undefined;
  /** The base (srflx) or the mapped address (relay); browsers may hide it as 0.0.0.0:0. */
  relatedAddress?: string | null | undefined;
  relatedPort?: number | null | undefined;
  /** How the browser reached the TURN server: udp, tcp or tls (relay candidates). */
  relayProtocol?: string | null | undefined;
  /** The STUN or TURN server URL the candidate came from. */
  url?: string | null | undefined;
}

/** The part of an RTCIceServer the probe reads. */
export interface ProbeServer {
  urls: string | string[];
  username?: string | undefined;
  credential?: string | undefined;
}

/** How the whole connection looks: the page's line and the overall result follow from it. */
export type ConnectionVerdict = "direct" | "relay" | "untested" | "blocked";

type RelayTransport = "udp" | "tcp";

function urlsOf(servers: readonly ProbeServer[]): { url: string; credentials: boolean }[] {
  return servers.flatMap((server) =>
    (Array.isArray(server.urls) ? server.urls : [server.urls]).map((url) => ({
      url: url.trim(),
      credentials: Boolean(server.username && server.credential),
    })),
  );
}

/**
 * The transport a TURN URL asks for: `?transport=tcp|udp`, else TLS over TCP for
 * `turns:` and UDP for `turn:` (RFC 7065's defaults). Undefined for other URLs.
 */
export function turnTransport(url: string): RelayTransport | undefined {
  const lower = url.toLowerCase();
  const secure = lower.startsWith("turns:");
  if (!secure && !lower.startsWith("turn:")) return undefined;
  const transport = /[?&]transport=(udp|tcp)\b/.exec(lower)?.[1];
  if (transport === "udp" || transport === "tcp") return transport;
  return secure ? "tcp" : "udp";
}

/** The relay transport of a relay candidate, if the browser said or its server URL tells. */
function relayTransportOf(candidate: GatheredCandidate): RelayTransport | undefined {
  const said = candidate.relayProtocol?.toLowerCase();
  if (said === "udp") return "udp";
  if (said === "tcp" || said === "tls") return "tcp";
  return candidate.url ? turnTransport(candidate.url) : undefined;
}

/** What the servers let the probe test: STUN addresses, and TURN per transport with credentials. */
export function testable(servers: readonly ProbeServer[]) {
  const urls = urlsOf(servers);
  const turn = (transport: RelayTransport) =>
    urls.some((entry) => entry.credentials && turnTransport(entry.url) === transport);
  return {
    stunServers: new Set(
      urls.filter((entry) => /^stuns?:/i.test(entry.url)).map((entry) => entry.url.toLowerCase()),
    ).size,
    udpRelay: turn("udp"),
    tcpRelay: turn("tcp"),
  };
}

const hidden = (address: string | null | undefined, port: number | null | undefined) =>
  !address || address === "0.0.0.0" || address === "::" || !port;

/**
 * Whether the NAT maps one local base to different public ports for different
 * servers. Browsers may hide an srflx candidate's base (0.0.0.0:0); then the
 * public address stands in for it. Two mappings count only when they came from
 * different servers: by their URLs, or, where a browser leaves those out, when
 * there were two STUN servers to ask.
 */
function portRandomising(srflx: readonly GatheredCandidate[], stunServers: number): boolean {
  const groups = new Map<string, GatheredCandidate[]>();
  for (const candidate of srflx) {
    const key = hidden(candidate.relatedAddress, candidate.relatedPort)
      ? `public ${candidate.address ?? ""}`
      : `base ${candidate.relatedAddress}:${candidate.relatedPort}`;
    groups.set(key, [...(groups.get(key) ?? []), candidate]);
  }
  for (const group of groups.values()) {
    for (let i = 0; i < group.length; i++) {
      const a = group[i] as GatheredCandidate;
      for (const b of group.slice(i + 1)) {
        if (a.port === b.port) continue;
        const differentServers = a.url && b.url ? a.url !== b.url : stunServers >= 2;
        if (differentServers) return true;
      }
    }
  }
  return false;
}

/** The three paths' answers. */
export function decidePaths(
  servers: readonly ProbeServer[],
  candidates: readonly GatheredCandidate[],
): PathAnswers {
  const can = testable(servers);
  const srflx = candidates.filter(
    (candidate) =>
      candidate.type === "srflx" &&
      (candidate.protocol ?? "udp").toLowerCase() === "udp" &&
      typeof candidate.port === "number",
  );
  const direct: Works =
    srflx.length > 0
      ? portRandomising(srflx, can.stunServers)
        ? "no"
        : "yes"
      : can.stunServers > 0
        ? "no"
        : "unknown";
  const relays = new Set<RelayTransport>();
  for (const candidate of candidates) {
    if (candidate.type !== "relay") continue;
    // Told nothing about its transport: the one offered, else UDP (a turn: URL's default).
    relays.add(relayTransportOf(candidate) ?? (can.udpRelay || !can.tcpRelay ? "udp" : "tcp"));
  }
  const relay = (transport: RelayTransport, tested: boolean): Works =>
    relays.has(transport) ? "yes" : tested ? "no" : "unknown";
  return {
    direct,
    "udp-relay": relay("udp", can.udpRelay),
    "tcp-relay": relay("tcp", can.tcpRelay),
  };
}

/**
 * The connection as a whole: direct when that works, else relay when a relay
 * does; "untested" when no path could be tested (no STUN or TURN configured) but
 * the browser gathered candidates at all; otherwise blocked.
 */
export function connectionVerdict(
  answers: PathAnswers,
  candidates: readonly GatheredCandidate[],
): ConnectionVerdict {
  if (answers.direct === "yes") return "direct";
  if (answers["udp-relay"] === "yes" || answers["tcp-relay"] === "yes") return "relay";
  const nothingTested = Object.values(answers).every((answer) => answer === "unknown");
  return nothingTested && candidates.length > 0 ? "untested" : "blocked";
}

/**
 * The fields of an SDP candidate line (`candidate:f 1 udp 2122 192.0.2.1 5000
 * typ srflx raddr 10.0.0.2 rport 5000`), for browsers whose RTCIceCandidate has
 * only `candidate`.
 */
export function parseCandidateLine(line: string): GatheredCandidate {
  const parts = line.replace(/^a=/, "").split(/\s+/);
  const after = (name: string) => {
    const index = parts.indexOf(name);
    return index >= 0 ? parts[index + 1] : undefined;
  };
  const number = (text: string | undefined) =>
    text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
  return {
    type: after("typ"),
    protocol: parts[2]?.toLowerCase(),
    address: parts[4],
    port: number(parts[5]),
    relatedAddress: after("raddr"),
    relatedPort: number(after("rport")),
  };
}

const FIELDS = [
  "type",
  "protocol",
  "address",
  "port",
  "relatedAddress",
  "relatedPort",
  "relayProtocol",
  "url",
] as const;

/**
 * One entry per candidate: the stats' and the event's view of the same candidate
 * (same type, address and port) merged, each field taken from whichever has it.
 * Candidates without an address or port (hidden host candidates) stay as they are.
 */
export function mergeCandidates(candidates: readonly GatheredCandidate[]): GatheredCandidate[] {
  const merged = new Map<string, GatheredCandidate>();
  const loose: GatheredCandidate[] = [];
  for (const candidate of candidates) {
    if (!candidate.address || typeof candidate.port !== "number") {
      loose.push(candidate);
      continue;
    }
    const key = `${candidate.type} ${candidate.address} ${candidate.port}`;
    const known = merged.get(key);
    if (!known) {
      merged.set(key, { ...candidate });
      continue;
    }
    for (const field of FIELDS) {
      const value = candidate[field];
      if ((known[field] === undefined || known[field] === null || known[field] === "") && value) {
        (known as Record<string, unknown>)[field] = value;
      }
    }
  }
  return [...merged.values(), ...loose];
}
