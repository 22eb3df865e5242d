import { describe, expect, it } from "vitest";
import {
  admit,
  CLOSE,
  encode,
  ended,
  isMemberId,
  isPoliteTowards,
  knocked,
  leave,
  MAX_MEMBERS,
  MAX_MESSAGE_BYTES,
  type Member,
  type MemberId,
  RATE_LIMIT,
  receive,
  released,
  replaced,
  STALE_AFTER_MS,
  sendBack,
} from "../../src/rooms/protocol.ts";

const T0 = 1_800_000_000_000;
const member = (id: MemberId, session: string, at = T0): Member => ({
  id,
  session,
  lastSeen: at,
  windowStart: at,
  count: 0,
});
const to = "client";
const offer = { type: "description", to, description: { type: "offer", sdp: "v=0\r\n" } };
const P1 = "p-11111111-1111-4111-8111-111111111111";
const P2 = "p-22222222-2222-4222-8222-222222222222";
const P3 = "p-33333333-3333-4333-8333-333333333333";

describe("member ids", () => {
  it.each([
    ["counsellor", true],
    ["client", true],
    [P1, true],
    ["p-short", false],
    ["p-", false],
    ["admin", false],
    ["p-1111111/1111", false],
    [`p-${"a".repeat(65)}`, false],
    [42, false],
    [null, false],
  ])("%s is a member id: %s", (value, valid) => {
    expect(isMemberId(value)).toBe(valid);
  });

  it.each([
    ["counsellor", "client", false],
    ["client", "counsellor", true],
    ["counsellor", P1, false],
    [P1, "counsellor", true],
    ["client", P1, false],
    [P1, "client", true],
    [P1, P2, false],
    [P2, P1, true],
  ] as const)("%s towards %s is polite: %s", (self, other, polite) => {
    expect(isPoliteTowards(self, other)).toBe(polite);
    // Exactly one side of each pair is polite.
    expect(isPoliteTowards(other, self)).toBe(!polite);
  });
});

describe("admission", () => {
  it("welcomes the first member without peers", () => {
    const result = admit("counsellor", "page-aaaa", undefined, [], T0);
    expect(result).toMatchObject({
      ok: true,
      replace: false,
      toSelf: { type: "join", you: "counsellor", peers: [] },
      toOthers: [],
    });
  });

  it("tells a newcomer who is there and everyone there about the newcomer", () => {
    const present = [member("counsellor", "page-aaaa"), member("client", "page-bbbb")];
    const result = admit(P1, "page-cccc", undefined, present, T0);
    expect(result).toEqual({
      ok: true,
      replace: false,
      member: member(P1, "page-cccc"),
      toSelf: {
        type: "join",
        you: P1,
        peers: [
          { id: "counsellor", session: "page-aaaa" },
          { id: "client", session: "page-bbbb" },
        ],
      },
      toOthers: [
        { to: "counsellor", message: { type: "peer-joined", from: P1, session: "page-cccc" } },
        { to: "client", message: { type: "peer-joined", from: P1, session: "page-cccc" } },
      ],
    });
  });

  it("lists those present in a fixed order, whatever order their sockets came in", () => {
    const present = [member(P2, "page-d1"), member("client", "page-b1"), member(P1, "page-c1")];
    const result = admit("counsellor", "page-a1", undefined, present, T0);
    expect(result.ok && result.toSelf).toMatchObject({
      peers: [{ id: "client" }, { id: P1 }, { id: P2 }],
    });
  });

  it(`holds ${MAX_MEMBERS} members and refuses a fifth`, () => {
    const three = [
      member("counsellor", "page-a1"),
      member("client", "page-b1"),
      member(P1, "page-c1"),
    ];
    expect(admit(P2, "page-d1", undefined, three, T0)).toMatchObject({ ok: true });
    const full = [...three, member(P2, "page-d1")];
    expect(admit(P3, "page-e1", undefined, full, T0)).toEqual({
      ok: false,
      closeCode: CLOSE.full,
      toSelf: { type: "error", code: "full", message: expect.stringMatching(/4 people/) },
    });
    expect(CLOSE.full).toBe(4010);
    // A member of a full room may still reconnect, and is not told of itself.
    const back = admit(P2, "page-d1", full[3], full, T0 + 1);
    expect(back).toMatchObject({ ok: true, replace: true });
    expect(back.ok && back.toSelf).toMatchObject({
      peers: [{ id: "counsellor" }, { id: "client" }, { id: P1 }],
    });
    expect(back.ok && back.toOthers.map((d) => d.to)).toEqual(["counsellor", "client", P1]);
  });

  it("lets a reconnect of the same page replace its old socket", () => {
    const result = admit("client", "page-bbbb", member("client", "page-bbbb"), [], T0 + 1);
    expect(result).toMatchObject({ ok: true, replace: true });
  });

  it("refuses a second page while the seat is held by another live page", () => {
    const result = admit("client", "page-cccc", member("client", "page-bbbb"), [], T0 + 1);
    expect(result).toEqual({
      ok: false,
      closeCode: CLOSE.occupied,
      toSelf: { type: "error", code: "occupied", message: expect.stringMatching(/already open/) },
    });
  });

  it("lets a new page displace a holder that has gone silent", () => {
    const holder = member("client", "page-bbbb");
    const result = admit("client", "page-cccc", holder, [holder], T0 + STALE_AFTER_MS);
    expect(result).toMatchObject({ ok: true, replace: true });
  });

  it("tells the others when a member leaves", () => {
    expect(leave(P1, ["counsellor", P1, "client"])).toEqual([
      { to: "counsellor", message: { type: "peer-left", from: P1 } },
      { to: "client", message: { type: "peer-left", from: P1 } },
    ]);
    expect(leave("client", ["client"])).toEqual([]);
  });

  it("gives an ended call and a replaced socket their own final message, unlike a member's bye", () => {
    expect(ended()).toEqual([{ type: "ended" }]);
    expect(replaced()).toEqual([
      { type: "error", code: "replaced", message: expect.stringMatching(/another window/) },
    ]);
    const bye = receive(member("client", "page-bbbb"), '{"type":"bye"}', ["counsellor"], T0);
    expect(bye.toOthers).toEqual([{ to: "counsellor", message: { type: "bye", from: "client" } }]);
    // A page may not pretend the server ended the call, or sent someone back.
    for (const type of ["ended", "sent-back"]) {
      const fake = receive(member("client", "page-bbbb"), `{"type":"${type}"}`, ["counsellor"], T0);
      expect(fake.toOthers).toEqual([]);
      expect(fake.toSelf).toMatchObject([{ type: "error", code: "bad-message" }]);
    }
  });
});

describe("messages", () => {
  const self = member("counsellor", "page-aaaa");
  const both: MemberId[] = ["counsellor", "client"];

  it.each([
    ["an offer", offer],
    ["an answer", { type: "description", to, description: { type: "answer", sdp: "v=0\r\n" } }],
    ["a rollback", { type: "description", to, description: { type: "rollback" } }],
    [
      "a candidate",
      {
        type: "candidate",
        to,
        candidate: {
          candidate: "candidate:1 1 udp 1 1.2.3.4 5 typ host",
          sdpMid: "0",
          sdpMLineIndex: 0,
        },
      },
    ],
    ["the end of candidates", { type: "candidate", to, candidate: null }],
  ])("relays %s to the addressed member only, stamped with the sender", (_name, message) => {
    const result = receive(self, JSON.stringify(message), [...both, P1, P2], T0);
    const { to: _to, ...rest } = message;
    expect(result.toOthers).toEqual([{ to: "client", message: { ...rest, from: "counsellor" } }]);
    expect(result.toSelf).toEqual([]);
  });

  it("stamps the true sender over any `from` the page claims", () => {
    const forged = { ...offer, from: P1 };
    const result = receive(self, JSON.stringify(forged), [...both, P1], T0);
    expect(result.toOthers).toEqual([
      {
        to: "client",
        message: { type: "description", from: "counsellor", description: offer.description },
      },
    ]);
    const bye = receive(self, JSON.stringify({ type: "bye", from: "client" }), [...both, P1], T0);
    expect(bye.toOthers.map((d) => d.message)).toEqual([
      { type: "bye", from: "counsellor" },
      { type: "bye", from: "counsellor" },
    ]);
  });

  it("tells every other member of a bye", () => {
    const result = receive(self, '{"type":"bye"}', [...both, P1], T0);
    expect(result.toOthers).toEqual([
      { to: "client", message: { type: "bye", from: "counsellor" } },
      { to: P1, message: { type: "bye", from: "counsellor" } },
    ]);
  });

  it("answers ping with pong", () => {
    expect(receive(self, '{"type":"ping"}', both, T0).toSelf).toEqual([{ type: "pong" }]);
  });

  it("says so when the addressed member is not there", () => {
    const result = receive(self, JSON.stringify({ ...offer, to: P1 }), both, T0);
    expect(result.toOthers).toEqual([]);
    expect(result.toSelf).toMatchObject([{ type: "error", code: "no-peer" }]);
    const alone = receive(self, JSON.stringify(offer), ["counsellor"], T0);
    expect(alone.toSelf).toMatchObject([{ type: "error", code: "no-peer" }]);
    const lonelyBye = receive(self, '{"type":"bye"}', ["counsellor"], T0);
    expect(lonelyBye.toSelf).toMatchObject([{ type: "error", code: "no-peer" }]);
    // Nor to itself.
    const own = receive(self, JSON.stringify({ ...offer, to: "counsellor" }), both, T0);
    expect(own.toSelf).toMatchObject([{ type: "error", code: "no-peer" }]);
  });

  it.each([
    ["bad JSON", "{nope"],
    ["an unknown type", '{"type":"peer-joined","session":"page-zzzz"}'],
    ["a missing field", '{"type":"description"}'],
    ["a missing address", '{"type":"description","description":{"type":"offer","sdp":""}}'],
    ["a bad address", '{"type":"description","to":"admin","description":{"type":"offer"}}'],
    ["an unaddressed candidate", '{"type":"candidate","candidate":null}'],
    [
      "a wrong field",
      '{"type":"description","to":"client","description":{"type":"hello","sdp":""}}',
    ],
    ["binary data", new ArrayBuffer(8)],
  ])("refuses %s with bad-message", (_name, data) => {
    const result = receive(self, data, both, T0);
    expect(result.toOthers).toEqual([]);
    expect(result.toSelf).toMatchObject([{ type: "error", code: "bad-message" }]);
  });

  it("refuses a message over the size limit", () => {
    const big = JSON.stringify({
      type: "description",
      to,
      description: { type: "offer", sdp: "a".repeat(MAX_MESSAGE_BYTES) },
    });
    const result = receive(self, big, both, T0);
    expect(result.toOthers).toEqual([]);
    expect(result.toSelf).toMatchObject([{ type: "error", code: "too-large" }]);
  });

  it("limits the rate per socket, answers the first dropped message only, and recovers", () => {
    expect(RATE_LIMIT.messages).toBe(150);
    let state = self;
    const bye = '{"type":"bye"}';
    for (let i = 0; i < RATE_LIMIT.messages; i++) {
      const result = receive(state, bye, both, T0 + i);
      expect(result.toOthers).toHaveLength(1);
      state = result.member;
    }
    const first = receive(state, bye, both, T0 + 1000);
    expect(first.toOthers).toEqual([]);
    expect(first.toSelf).toMatchObject([{ type: "error", code: "rate-limited" }]);
    const second = receive(first.member, bye, both, T0 + 1001);
    expect(second.toSelf).toEqual([]);
    expect(second.toOthers).toEqual([]);
    const later = receive(second.member, bye, both, T0 + RATE_LIMIT.windowMs);
    expect(later.toOthers).toHaveLength(1);
  });

  it("records the last sign of life", () => {
    expect(receive(self, '{"type":"ping"}', both, T0 + 5).member.lastSeen).toBe(T0 + 5);
  });

  it("encodes server messages as JSON", () => {
    expect(JSON.parse(encode({ type: "peer-left", from: P1 }))).toEqual({
      type: "peer-left",
      from: P1,
    });
  });
});

describe("the app's side of the room", () => {
  it("tells the counsellor of another device's request, and that it was settled", () => {
    const knock = { id: "k1", name: "Klara" };
    expect(knocked(knock)).toEqual([{ type: "knock", knock }]);
    expect(knocked(null)).toEqual([{ type: "knock", knock: null }]);
  });

  it("tells a displaced device it was replaced, and the others that it left", () => {
    expect(released("client", ["counsellor", "client", P1])).toEqual({
      toSelf: replaced(),
      toOthers: [
        { to: "counsellor", message: { type: "peer-left", from: "client" } },
        { to: P1, message: { type: "peer-left", from: "client" } },
      ],
    });
  });

  it("sends one member back and tells the others that they left the call", () => {
    expect(sendBack(P1, ["counsellor", P1, "client"])).toEqual({
      toSelf: [{ type: "sent-back" }],
      toOthers: [
        { to: "counsellor", message: { type: "bye", from: P1 } },
        { to: "client", message: { type: "bye", from: P1 } },
      ],
    });
    expect(CLOSE.sentBack).toBe(4002);
  });
});
