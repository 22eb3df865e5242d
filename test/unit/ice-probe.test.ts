import { describe, expect, it } from "vitest";
import {
  connectionVerdict,
  decidePaths,
  type GatheredCandidate,
  mergeCandidates,
  type ProbeServer,
  parseCandidateLine,
  testable,
  turnTransport,
} from "../../src/browser/lib/ice-probe.ts";
import {
  connectionSummary,
  formatPaths,
  parsePaths,
} from "../../src/client-journey/check-paths.ts";

const STUN_1 = "stun:stun1.example.org:3478";
const STUN_2 = "stun:stun2.example.org:3478";
const TURN_UDP = "turn:turn.example.org:3478?transport=udp";
const TURN_TCP = "turn:turn.example.org:3478?transport=tcp";
const credentials = { username: "1800000000:appt-client", credential: "c2VjcmV0" };

const oneStun: ProbeServer[] = [{ urls: [STUN_1] }];
const twoStun: ProbeServer[] = [{ urls: [STUN_1, STUN_2] }];
const everything: ProbeServer[] = [
  { urls: [STUN_1, STUN_2] },
  { urls: [TURN_UDP, TURN_TCP], ...credentials },
];

const host: GatheredCandidate = {
  type: "host",
  protocol: "udp",
  address: "192.168.1.20",
  port: 50000,
};
/** The NAT's mapping of the host's socket, as a STUN server saw it. */
const srflx = (port: number, url: string, base = { address: "192.168.1.20", port: 50000 }) => ({
  type: "srflx",
  protocol: "udp",
  address: "203.0.113.7",
  port,
  relatedAddress: base.address,
  relatedPort: base.port,
  url,
});
const relay = (fields: Partial<GatheredCandidate>): GatheredCandidate => ({
  type: "relay",
  protocol: "udp",
  address: "198.51.100.9",
  port: 61000,
  ...fields,
});

describe("the connection probe's answer", () => {
  it("calls direct possible with one STUN server and a server-reflexive candidate", () => {
    expect(decidePaths(oneStun, [host, srflx(40000, STUN_1)])).toEqual({
      direct: "yes",
      "udp-relay": "unknown",
      "tcp-relay": "unknown",
    });
  });

  it("calls direct possible when two STUN servers see the same public port", () => {
    const answers = decidePaths(twoStun, [host, srflx(40000, STUN_1), srflx(40000, STUN_2)]);
    expect(answers.direct).toBe("yes");
  });

  it("calls direct unlikely when two STUN servers see one base on different public ports", () => {
    const answers = decidePaths(twoStun, [host, srflx(40000, STUN_1), srflx(40017, STUN_2)]);
    expect(answers.direct).toBe("no");
  });

  it("tells port randomising apart from two interfaces, each mapped once", () => {
    const wifi = srflx(40000, STUN_1);
    const cable = srflx(40017, STUN_2, { address: "192.168.1.21", port: 50001 });
    expect(decidePaths(twoStun, [host, wifi, cable]).direct).toBe("yes");
  });

  it("with the base hidden (0.0.0.0:0), compares the public address instead", () => {
    const hide = (candidate: GatheredCandidate) => ({
      ...candidate,
      relatedAddress: "0.0.0.0",
      relatedPort: 0,
    });
    const same = [hide(srflx(40000, STUN_1)), hide(srflx(40000, STUN_2))];
    const different = [hide(srflx(40000, STUN_1)), hide(srflx(40017, STUN_2))];
    expect(decidePaths(twoStun, same).direct).toBe("yes");
    expect(decidePaths(twoStun, different).direct).toBe("no");
    // Two mappings from the one server asked are two sockets, not a randomising NAT.
    const oneServer = [hide(srflx(40000, STUN_1)), hide(srflx(40017, STUN_1))];
    expect(decidePaths(oneStun, oneServer).direct).toBe("yes");
    // Without URLs (the events of an older browser), two servers make it count.
    const noUrls = different.map((candidate) => ({ ...candidate, url: undefined }));
    expect(decidePaths(twoStun, noUrls).direct).toBe("no");
    expect(decidePaths(oneStun, noUrls).direct).toBe("yes");
  });

  it("does not count a server-reflexive candidate over TCP as direct", () => {
    expect(decidePaths(oneStun, [{ ...srflx(40000, STUN_1), protocol: "tcp" }]).direct).toBe("no");
  });

  it("finds only the UDP relay when only that came back", () => {
    const candidates = [host, relay({ relayProtocol: "udp", url: TURN_UDP })];
    expect(decidePaths(everything, candidates)).toEqual({
      direct: "no",
      "udp-relay": "yes",
      "tcp-relay": "no",
    });
  });

  it("finds only the TCP relay when only that came back", () => {
    const candidates = [host, relay({ relayProtocol: "tcp", url: TURN_TCP })];
    expect(decidePaths(everything, candidates)).toEqual({
      direct: "no",
      "udp-relay": "no",
      "tcp-relay": "yes",
    });
    // TURN over TLS runs over TCP as well.
    expect(decidePaths(everything, [relay({ relayProtocol: "tls" })])["tcp-relay"]).toBe("yes");
  });

  it("reads the relay's transport from its server URL when the browser leaves it out", () => {
    // Chromium's event says relayProtocol only for TCP; the URL tells UDP.
    expect(decidePaths(everything, [relay({ url: TURN_UDP })])["udp-relay"]).toBe("yes");
    expect(decidePaths(everything, [relay({ url: TURN_TCP })])).toMatchObject({
      "udp-relay": "no",
      "tcp-relay": "yes",
    });
    // Told nothing at all: the one transport offered.
    const tcpOnly: ProbeServer[] = [{ urls: [TURN_TCP], ...credentials }];
    expect(decidePaths(tcpOnly, [relay({})])["tcp-relay"]).toBe("yes");
  });

  it("says no for every configured path when only a host candidate came back", () => {
    expect(decidePaths(everything, [host])).toEqual({
      direct: "no",
      "udp-relay": "no",
      "tcp-relay": "no",
    });
    expect(connectionVerdict(decidePaths(everything, [host]), [host])).toBe("blocked");
  });

  it("says not tested for what had no server, and nothing is blocked for that", () => {
    const answers = decidePaths([], [host]);
    expect(answers).toEqual({ direct: "unknown", "udp-relay": "unknown", "tcp-relay": "unknown" });
    expect(connectionVerdict(answers, [host])).toBe("untested");
    expect(connectionVerdict(answers, [])).toBe("blocked");
    // TURN without credentials (an anonymous visitor) is not tested either.
    const stunOnly = decidePaths([{ urls: [STUN_1] }, { urls: [TURN_UDP, TURN_TCP] }], [host]);
    expect(stunOnly).toEqual({ direct: "no", "udp-relay": "unknown", "tcp-relay": "unknown" });
    expect(connectionVerdict(stunOnly, [host])).toBe("blocked");
  });

  it("judges the connection by its best path", () => {
    const all = { direct: "yes", "udp-relay": "yes", "tcp-relay": "yes" } as const;
    expect(connectionVerdict(all, [host])).toBe("direct");
    expect(connectionVerdict({ ...all, direct: "no" }, [host])).toBe("relay");
    expect(connectionVerdict({ ...all, direct: "no", "udp-relay": "no" }, [host])).toBe("relay");
    expect(
      connectionVerdict({ direct: "no", "udp-relay": "no", "tcp-relay": "unknown" }, [host]),
    ).toBe("blocked");
  });
});

describe("the probe's inputs", () => {
  it("knows which transport a TURN URL asks for", () => {
    expect(turnTransport(TURN_UDP)).toBe("udp");
    expect(turnTransport(TURN_TCP)).toBe("tcp");
    expect(turnTransport("turn:turn.example.org")).toBe("udp");
    expect(turnTransport("turns:turn.example.org:5349")).toBe("tcp");
    expect(turnTransport("TURNS:turn.example.org:443?transport=tcp")).toBe("tcp");
    expect(turnTransport(STUN_1)).toBeUndefined();
    expect(testable(everything)).toEqual({ stunServers: 2, udpRelay: true, tcpRelay: true });
    expect(testable([{ urls: STUN_1 }, { urls: "turn:t.example.org" }])).toEqual({
      stunServers: 1,
      udpRelay: false,
      tcpRelay: false,
    });
  });

  it("reads an SDP candidate line", () => {
    expect(
      parseCandidateLine(
        "candidate:81568055 1 udp 1677729535 203.0.113.7 40000 typ srflx raddr 0.0.0.0 rport 0 generation 0",
      ),
    ).toEqual({
      type: "srflx",
      protocol: "udp",
      address: "203.0.113.7",
      port: 40000,
      relatedAddress: "0.0.0.0",
      relatedPort: 0,
    });
    expect(parseCandidateLine("a=candidate:1 1 UDP 2122 abc.local 5000 typ host")).toMatchObject({
      type: "host",
      protocol: "udp",
      relatedAddress: undefined,
    });
  });

  it("merges the stats' and the event's view of one candidate", () => {
    const fromStats = relay({ relayProtocol: "udp", url: undefined });
    const fromEvent = relay({ relayProtocol: null, url: TURN_UDP, relatedAddress: "203.0.113.7" });
    const hiddenHost = { type: "host", protocol: "udp", address: "", port: 9 };
    expect(mergeCandidates([fromStats, fromEvent, hiddenHost])).toEqual([
      relay({ relayProtocol: "udp", url: TURN_UDP, relatedAddress: "203.0.113.7" }),
      hiddenHost,
    ]);
  });
});

describe("the stored form of the paths", () => {
  it("round-trips, refuses anything else, and sums up for the counsellor", () => {
    const answers = { direct: "no", "udp-relay": "yes", "tcp-relay": "unknown" } as const;
    expect(formatPaths(answers)).toBe("direct=no,udp-relay=yes,tcp-relay=unknown");
    expect(parsePaths(formatPaths(answers))).toEqual(answers);
    for (const bad of [
      "",
      "direct=maybe,udp-relay=yes,tcp-relay=no",
      "udp-relay=yes,direct=no,tcp-relay=no",
      "direct=no,udp-relay=yes,tcp-relay=no,",
      " direct=no,udp-relay=yes,tcp-relay=no",
    ]) {
      expect(parsePaths(bad), bad).toBeUndefined();
    }
    expect(parsePaths(null)).toBeUndefined();
    const sum = (direct: string, udp: string, tcp: string) => {
      const answers = parsePaths(`direct=${direct},udp-relay=${udp},tcp-relay=${tcp}`);
      if (!answers) throw new Error("not a stored value");
      return connectionSummary(answers);
    };
    expect(sum("yes", "no", "no")).toBe("direct");
    expect(sum("no", "yes", "yes")).toBe("relay");
    expect(sum("no", "no", "yes")).toBe("tcpRelay");
    expect(sum("unknown", "unknown", "yes")).toBe("tcpRelay");
    expect(sum("no", "no", "no")).toBe("none");
    expect(sum("no", "unknown", "unknown")).toBe("none");
    expect(sum("unknown", "unknown", "unknown")).toBe("untested");
  });
});
