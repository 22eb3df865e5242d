/**
 * The signalling protocol's cases, run against any runtime: the Node and Deno
 * hubs over real WebSockets, and the Durable Object inside workerd. `open`
 * connects one member; the cases wait for messages, never for time.
 */
import { expect, it } from "vitest";
import type { RoomSockets } from "../../src/deps.ts";
import { CLOSE, type MemberId, RATE_LIMIT } from "../../src/rooms/protocol.ts";
import type { TestSocket } from "../../support/test-socket.ts";

export { type SocketLike, TestSocket } from "../../support/test-socket.ts";

export type Open = (room: string, member: MemberId, session: string) => Promise<TestSocket>;

/** What the app asks of a room besides sockets, as the runtime under test carries it out. */
export type RoomControl = Pick<RoomSockets, "end" | "release" | "sendBack" | "knock">;

type Addressed = { type: string; to: MemberId } & Record<string, unknown>;

const offer = (to: MemberId) => ({
  type: "description",
  to,
  description: { type: "offer", sdp: "v=0\r\n" },
});
const answer = (to: MemberId) => ({
  type: "description",
  to,
  description: { type: "answer", sdp: "v=0\r\n" },
});
const candidate = (to: MemberId) => ({
  type: "candidate",
  to,
  candidate: { candidate: "", sdpMid: "0" },
});
/** What arrives of an addressed message: the address replaced by its sender. */
const from = (message: Addressed, sender: MemberId) => {
  const { to: _to, ...rest } = message;
  return { ...rest, from: sender };
};

const P1 = "p-11111111-1111-4111-8111-111111111111" as const;
const P2 = "p-22222222-2222-4222-8222-222222222222" as const;
const P3 = "p-33333333-3333-4333-8333-333333333333" as const;

/**
 * Defines the shared cases; call inside a `describe`. `room()` gives a fresh
 * room id per case; `control`, where the runtime offers it to tests, the app's
 * side of the room (end, release, send back, knock).
 */
export function signallingCases(open: () => Open, room: () => string, control?: () => RoomControl) {
  /**
   * Opens `members` in order (give them counsellor, client, then participants by
   * id, the order a welcome lists them in), each hearing of the earlier ones and they of it.
   */
  async function seat(id: string, members: [MemberId, string][]) {
    const sockets = new Map<MemberId, TestSocket>();
    for (const [member, session] of members) {
      const socket = await open()(id, member, session);
      expect(await socket.next(), `${member} is welcomed`).toEqual({
        type: "join",
        you: member,
        peers: [...sockets.keys()].map((other) => ({
          id: other,
          session: members.find(([m]) => m === other)?.[1],
        })),
      });
      for (const [other, otherSocket] of sockets) {
        expect(await otherSocket.next(), `${other} hears of ${member}`).toEqual({
          type: "peer-joined",
          from: member,
          session,
        });
      }
      sockets.set(member, socket);
    }
    return (member: MemberId) => sockets.get(member) as TestSocket;
  }

  /** Nothing else is waiting for `socket`: its next message is the answer to a ping. */
  async function quiet(socket: TestSocket, who: string) {
    socket.send('{"type":"ping"}');
    expect(await socket.next(), `${who} got nothing stray`).toEqual({ type: "pong" });
  }

  it("joins counsellor and client and relays addressed messages both ways", async () => {
    const id = room();
    const counsellor = await open()(id, "counsellor", "counsellor-page-1");
    expect(await counsellor.next()).toEqual({ type: "join", you: "counsellor", peers: [] });
    const client = await open()(id, "client", "client-page-1");
    expect(await client.next()).toEqual({
      type: "join",
      you: "client",
      peers: [{ id: "counsellor", session: "counsellor-page-1" }],
    });
    expect(await counsellor.next()).toEqual({
      type: "peer-joined",
      from: "client",
      session: "client-page-1",
    });

    counsellor.send(offer("client"));
    expect(await client.next()).toEqual(from(offer("client"), "counsellor"));
    client.send(answer("counsellor"));
    expect(await counsellor.next()).toEqual(from(answer("counsellor"), "client"));
    client.send(candidate("counsellor"));
    expect(await counsellor.next()).toEqual(from(candidate("counsellor"), "client"));
    counsellor.send({ type: "bye" });
    expect(await client.next()).toEqual({ type: "bye", from: "counsellor" });

    client.close();
    expect(await counsellor.next()).toEqual({ type: "peer-left", from: "client" });
    counsellor.close();
  });

  it("holds four members who each reach each other addressed, and refuses a fifth", async () => {
    const id = room();
    const members: [MemberId, string][] = [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
      [P1, "interpreter-page-1"],
      [P2, "companion-page-1"],
    ];
    const get = await seat(id, members);

    // Every pair relays, both kinds of message, and only to the one addressed.
    for (const [a] of members) {
      for (const [b] of members) {
        if (a === b) continue;
        get(a).send(offer(b));
        expect(await get(b).next(), `${a} → ${b}`).toEqual(from(offer(b), a));
        get(a).send(candidate(b));
        expect(await get(b).next(), `${a} → ${b}`).toEqual(from(candidate(b), a));
      }
    }
    for (const [member] of members) await quiet(get(member), member);

    const fifth = await open()(id, P3, "fifth-page-1");
    expect(await fifth.next()).toMatchObject({ type: "error", code: "full" });
    expect(await fifth.closed).toBe(CLOSE.full);
    expect(fifth.events).toEqual(["error", `close ${CLOSE.full}`]);
    // Nobody inside heard of the refused one.
    for (const [member] of members) await quiet(get(member), member);

    // A member of a full room may still come back with a new page after a drop.
    const again = await open()(id, P2, "companion-page-1");
    expect(await get(P2).next()).toMatchObject({ type: "error", code: "replaced" });
    expect(await again.next()).toMatchObject({ type: "join", you: P2 });
    for (const member of ["counsellor", "client", P1] as const) {
      expect(await get(member).next()).toEqual({
        type: "peer-joined",
        from: P2,
        session: "companion-page-1",
      });
    }

    // One leaves: the three others hear it, and a message to them is refused.
    get(P1).close();
    for (const [member, socket] of [
      ["counsellor", get("counsellor")],
      ["client", get("client")],
      [P2, again],
    ] as const) {
      expect(await socket.next(), `${member} hears P1 left`).toEqual({
        type: "peer-left",
        from: P1,
      });
    }
    get("counsellor").send(offer(P1));
    expect(await get("counsellor").next()).toMatchObject({ type: "error", code: "no-peer" });
    // A bye reaches every other member, each stamped with its sender.
    again.send({ type: "bye" });
    expect(await get("counsellor").next()).toEqual({ type: "bye", from: P2 });
    expect(await get("client").next()).toEqual({ type: "bye", from: P2 });
    for (const socket of [get("counsellor"), get("client"), again]) socket.close();
  });

  it("stamps every relayed message with its true sender, whatever it claims", async () => {
    const id = room();
    const get = await seat(id, [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
      [P1, "interpreter-page-1"],
    ]);
    get(P1).send({ ...offer("client"), from: "counsellor" });
    expect(await get("client").next()).toEqual(from(offer("client"), P1));
    get(P1).send({ ...candidate("counsellor"), from: "client" });
    expect(await get("counsellor").next()).toEqual(from(candidate("counsellor"), P1));
    get("client").send({ type: "bye", from: "counsellor" });
    expect(await get("counsellor").next()).toEqual({ type: "bye", from: "client" });
    expect(await get(P1).next()).toEqual({ type: "bye", from: "client" });
    for (const member of ["counsellor", "client", P1] as const) get(member).close();
  });

  it("answers ping with pong", async () => {
    const socket = await open()(room(), "client", "client-page-1");
    await socket.next();
    socket.send('{"type":"ping"}');
    expect(await socket.next()).toEqual({ type: "pong" });
    socket.close();
  });

  it("refuses bad JSON, unknown types, unaddressed and oversize messages, and keeps the socket", async () => {
    const id = room();
    const get = await seat(id, [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
    ]);
    const socket = get("client");
    socket.send("{nope");
    expect(await socket.next()).toMatchObject({ type: "error", code: "bad-message" });
    socket.send({ type: "launch" });
    expect(await socket.next()).toMatchObject({ type: "error", code: "bad-message" });
    // Without an address, or to no member at all, even with the counsellor there.
    socket.send({ type: "description", description: { type: "offer", sdp: "v=0\r\n" } });
    expect(await socket.next()).toMatchObject({ type: "error", code: "bad-message" });
    socket.send(offer("admin" as MemberId));
    expect(await socket.next()).toMatchObject({ type: "error", code: "bad-message" });
    socket.send({ type: "bye", padding: "x".repeat(70 * 1024) });
    expect(await socket.next()).toMatchObject({ type: "error", code: "too-large" });
    socket.send(offer(P1));
    expect(await socket.next()).toMatchObject({ type: "error", code: "no-peer" });
    await quiet(get("counsellor"), "the counsellor");
    socket.close();
    get("counsellor").close();
  });

  it("limits the message rate per socket", async () => {
    const socket = await open()(room(), "client", "client-page-1");
    await socket.next();
    for (let i = 0; i < RATE_LIMIT.messages + 10; i++) socket.send(offer("counsellor"));
    const codes: string[] = [];
    for (let i = 0; i < RATE_LIMIT.messages + 1; i++) {
      const message = await socket.next();
      if (message.type === "error") codes.push(message.code);
    }
    expect(codes.filter((code) => code === "no-peer")).toHaveLength(RATE_LIMIT.messages);
    expect(codes.at(-1)).toBe("rate-limited");
    socket.close();
  });

  it("lets a reconnect replace the old socket and refuses a second page", async () => {
    const id = room();
    const counsellor = await open()(id, "counsellor", "counsellor-page-1");
    await counsellor.next();
    const first = await open()(id, "client", "client-page-1");
    await first.next();
    expect(await counsellor.next()).toMatchObject({ type: "peer-joined" });

    const again = await open()(id, "client", "client-page-1");
    expect(await first.next()).toMatchObject({ type: "error", code: "replaced" });
    expect(await first.closed).toBe(CLOSE.replaced);
    // Told before the close, so the page shows "opened in another window" at once.
    expect(first.events.slice(-2)).toEqual(["error", `close ${CLOSE.replaced}`]);
    expect(await again.next()).toMatchObject({
      type: "join",
      peers: [{ id: "counsellor", session: "counsellor-page-1" }],
    });
    expect(await counsellor.next()).toEqual({
      type: "peer-joined",
      from: "client",
      session: "client-page-1",
    });

    const third = await open()(id, "client", "someone-else-1");
    expect(await third.next()).toMatchObject({ type: "error", code: "occupied" });
    expect(await third.closed).toBe(CLOSE.occupied);

    // The replacement still relays: the old socket's close did not free the seat.
    again.send({ type: "bye" });
    expect(await counsellor.next()).toEqual({ type: "bye", from: "client" });
    again.close();
    counsellor.close();
  });

  if (!control) return;

  it("sends one member back: sent-back and its close for them, bye from them for the others", async () => {
    const id = room();
    const get = await seat(id, [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
      [P1, "interpreter-page-1"],
    ]);
    const interpreter = get(P1);

    await control().sendBack(id, P1);
    expect(await interpreter.next()).toEqual({ type: "sent-back" });
    expect(await interpreter.closed).toBe(CLOSE.sentBack);
    expect(interpreter.events).toEqual(["join", "sent-back", `close ${CLOSE.sentBack}`]);
    expect(await get("counsellor").next()).toEqual({ type: "bye", from: P1 });
    expect(await get("client").next()).toEqual({ type: "bye", from: P1 });
    // Their seat is free: a message to them is refused, the others keep relaying.
    get("counsellor").send(offer(P1));
    expect(await get("counsellor").next()).toMatchObject({ type: "error", code: "no-peer" });
    get("counsellor").send(offer("client"));
    expect(await get("client").next()).toEqual(from(offer("client"), "counsellor"));
    // Nobody heard a peer-left besides the bye.
    await quiet(get("counsellor"), "the counsellor");
    await quiet(get("client"), "the client");

    // Let in again: a new page of the same person joins as before.
    const again = await open()(id, P1, "interpreter-page-2");
    expect(await again.next()).toMatchObject({ type: "join", you: P1 });
    expect(await get("counsellor").next()).toMatchObject({ type: "peer-joined", from: P1 });
    expect(await get("client").next()).toMatchObject({ type: "peer-joined", from: P1 });
    // Sending back someone not there changes nothing.
    await control().sendBack(id, P2);
    for (const socket of [get("counsellor"), get("client"), again]) await quiet(socket, "each");
    for (const socket of [get("counsellor"), get("client"), again]) socket.close();
  });

  it("releases a member's seat for another device: replaced for them, peer-left for the others", async () => {
    const id = room();
    const get = await seat(id, [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
      [P1, "interpreter-page-1"],
    ]);
    const client = get("client");
    await control().release(id, "client");
    expect(await client.next()).toMatchObject({ type: "error", code: "replaced" });
    expect(await client.closed).toBe(CLOSE.replaced);
    expect(client.events).toEqual(["join", "peer-joined", "error", `close ${CLOSE.replaced}`]);
    expect(await get("counsellor").next()).toEqual({ type: "peer-left", from: "client" });
    expect(await get(P1).next()).toEqual({ type: "peer-left", from: "client" });

    // The other device takes the seat at once, with a page of its own.
    const other = await open()(id, "client", "other-device-1");
    expect(await other.next()).toMatchObject({ type: "join", you: "client" });
    expect(await get("counsellor").next()).toEqual({
      type: "peer-joined",
      from: "client",
      session: "other-device-1",
    });
    expect(await get(P1).next()).toMatchObject({ type: "peer-joined", from: "client" });
    for (const socket of [get("counsellor"), get(P1), other]) socket.close();
  });

  it("tells only the counsellor of another device's knock", async () => {
    const id = room();
    const get = await seat(id, [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
      [P1, "interpreter-page-1"],
    ]);
    await control().knock(id, { id: "k1", name: "Klara" });
    expect(await get("counsellor").next()).toEqual({
      type: "knock",
      knock: { id: "k1", name: "Klara" },
    });
    await control().knock(id, null);
    expect(await get("counsellor").next()).toEqual({ type: "knock", knock: null });
    await quiet(get("client"), "the client");
    await quiet(get(P1), "the interpreter");
    for (const member of ["counsellor", "client", P1] as const) get(member).close();
  });

  it("ends a room: every member hears ended, then the close, and never peer-left", async () => {
    const id = room();
    const get = await seat(id, [
      ["counsellor", "counsellor-page-1"],
      ["client", "client-page-1"],
      [P1, "interpreter-page-1"],
    ]);
    await control().end(id);
    for (const member of ["counsellor", "client", P1] as const) {
      expect(await get(member).closed, member).toBe(CLOSE.ended);
    }
    // The final message comes before the close, and nothing else after the welcomes.
    expect(get("counsellor").events).toEqual([
      "join",
      "peer-joined",
      "peer-joined",
      "ended",
      `close ${CLOSE.ended}`,
    ]);
    expect(get("client").events).toEqual(["join", "peer-joined", "ended", `close ${CLOSE.ended}`]);
    expect(get(P1).events).toEqual(["join", "ended", `close ${CLOSE.ended}`]);
  });
}
