import { describe, expect, it } from "vitest";
import {
  admit,
  CLOSE,
  encode,
  ended,
  knocked,
  leave,
  MAX_MESSAGE_BYTES,
  type Member,
  otherRole,
  RATE_LIMIT,
  receive,
  released,
  replaced,
  STALE_AFTER_MS,
} from "../../src/rooms/protocol.ts";

const T0 = 1_800_000_000_000;
const member = (role: Member["role"], session: string, at = T0): Member => ({
  role,
  session,
  lastSeen: at,
  windowStart: at,
  count: 0,
});
const offer = { type: "description", description: { type: "offer", sdp: "v=0\r\n" } };

describe("admission", () => {
  it("welcomes the first participant without a peer", () => {
    const result = admit("counsellor", "page-aaaa", undefined, undefined, T0);
    expect(result).toMatchObject({
      ok: true,
      replace: false,
      toSelf: { type: "join", role: "counsellor", peer: null },
      toPeer: [{ type: "peer-joined", session: "page-aaaa" }],
    });
  });

  it("tells the second participant who is there", () => {
    const result = admit("client", "page-bbbb", undefined, member("counsellor", "page-aaaa"), T0);
    expect(result).toMatchObject({
      ok: true,
      toSelf: { type: "join", role: "client", peer: { session: "page-aaaa" } },
    });
  });

  it("lets a reconnect of the same page replace its old socket", () => {
    const result = admit("client", "page-bbbb", member("client", "page-bbbb"), undefined, T0 + 1);
    expect(result).toMatchObject({ ok: true, replace: true });
  });

  it("refuses a third connection while the role is held by another live page", () => {
    const result = admit("client", "page-cccc", member("client", "page-bbbb"), undefined, T0 + 1);
    expect(result).toEqual({
      ok: false,
      closeCode: CLOSE.occupied,
      toSelf: { type: "error", code: "occupied", message: expect.stringMatching(/already open/) },
    });
  });

  it("lets a new page displace a holder that has gone silent", () => {
    const holder = member("client", "page-bbbb");
    const result = admit("client", "page-cccc", holder, undefined, T0 + STALE_AFTER_MS);
    expect(result).toMatchObject({ ok: true, replace: true });
  });

  it("tells the peer when a participant leaves", () => {
    expect(leave()).toEqual([{ type: "peer-left" }]);
  });

  it("gives an ended call and a replaced socket their own final message, unlike a peer's bye", () => {
    expect(ended()).toEqual([{ type: "ended" }]);
    expect(replaced()).toEqual([
      { type: "error", code: "replaced", message: expect.stringMatching(/another window/) },
    ]);
    const peerBye = receive(member("client", "page-bbbb"), '{"type":"bye"}', true, T0);
    expect(peerBye.toPeer).toEqual([{ type: "bye" }]);
    // A page may not pretend the server ended the call.
    const fake = receive(member("client", "page-bbbb"), '{"type":"ended"}', true, T0);
    expect(fake.toPeer).toEqual([]);
    expect(fake.toSelf).toMatchObject([{ type: "error", code: "bad-message" }]);
  });
});

describe("messages", () => {
  const self = member("counsellor", "page-aaaa");

  it.each([
    ["an offer", offer],
    ["an answer", { type: "description", description: { type: "answer", sdp: "v=0\r\n" } }],
    ["a rollback", { type: "description", description: { type: "rollback" } }],
    [
      "a candidate",
      {
        type: "candidate",
        candidate: {
          candidate: "candidate:1 1 udp 1 1.2.3.4 5 typ host",
          sdpMid: "0",
          sdpMLineIndex: 0,
        },
      },
    ],
    ["the end of candidates", { type: "candidate", candidate: null }],
    ["a bye", { type: "bye" }],
  ])("relays %s to the other role only", (_name, message) => {
    const result = receive(self, JSON.stringify(message), true, T0);
    expect(result.toPeer).toEqual([message]);
    expect(result.toSelf).toEqual([]);
  });

  it("answers ping with pong", () => {
    expect(receive(self, '{"type":"ping"}', true, T0).toSelf).toEqual([{ type: "pong" }]);
  });

  it("says so when there is nobody to relay to", () => {
    const result = receive(self, JSON.stringify(offer), false, T0);
    expect(result.toPeer).toEqual([]);
    expect(result.toSelf).toMatchObject([{ type: "error", code: "no-peer" }]);
  });

  it.each([
    ["bad JSON", "{nope"],
    ["an unknown type", '{"type":"peer-joined","session":"page-zzzz"}'],
    ["a missing field", '{"type":"description"}'],
    ["a wrong field", '{"type":"description","description":{"type":"hello","sdp":""}}'],
    ["binary data", new ArrayBuffer(8)],
  ])("refuses %s with bad-message", (_name, data) => {
    const result = receive(self, data, true, T0);
    expect(result.toPeer).toEqual([]);
    expect(result.toSelf).toMatchObject([{ type: "error", code: "bad-message" }]);
  });

  it("refuses a message over the size limit", () => {
    const big = JSON.stringify({
      type: "description",
      description: { type: "offer", sdp: "a".repeat(MAX_MESSAGE_BYTES) },
    });
    const result = receive(self, big, true, T0);
    expect(result.toPeer).toEqual([]);
    expect(result.toSelf).toMatchObject([{ type: "error", code: "too-large" }]);
  });

  it("limits the rate per socket, answers the first dropped message only, and recovers", () => {
    let state = self;
    const bye = '{"type":"bye"}';
    for (let i = 0; i < RATE_LIMIT.messages; i++) {
      const result = receive(state, bye, true, T0 + i);
      expect(result.toPeer).toHaveLength(1);
      state = result.member;
    }
    const first = receive(state, bye, true, T0 + 100);
    expect(first.toPeer).toEqual([]);
    expect(first.toSelf).toMatchObject([{ type: "error", code: "rate-limited" }]);
    const second = receive(first.member, bye, true, T0 + 101);
    expect(second.toSelf).toEqual([]);
    expect(second.toPeer).toEqual([]);
    const later = receive(second.member, bye, true, T0 + RATE_LIMIT.windowMs);
    expect(later.toPeer).toHaveLength(1);
  });

  it("records the last sign of life", () => {
    expect(receive(self, '{"type":"ping"}', true, T0 + 5).member.lastSeen).toBe(T0 + 5);
  });

  it("encodes server messages as JSON", () => {
    expect(JSON.parse(encode({ type: "peer-left" }))).toEqual({ type: "peer-left" });
  });
});

describe("the room's small messages", () => {
  it("pairs each role with the other", () => {
    expect(otherRole("counsellor")).toBe("client");
    expect(otherRole("client")).toBe("counsellor");
  });

  it("tells the counsellor of another device's request, and that it was settled", () => {
    const knock = { id: "k1", name: "Klara" };
    expect(knocked(knock)).toEqual([{ type: "knock", knock }]);
    expect(knocked(null)).toEqual([{ type: "knock", knock: null }]);
  });

  it("tells a displaced device it was replaced, and its peer that it left", () => {
    expect(released()).toEqual({ toSelf: replaced(), toPeer: leave() });
    expect(released().toSelf).toMatchObject([{ type: "error", code: "replaced" }]);
    expect(released().toPeer).toEqual([{ type: "peer-left" }]);
  });
});
