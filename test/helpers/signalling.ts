/**
 * The signalling protocol's cases, run against any runtime: the Node hub over
 * real WebSockets, and the Durable Object inside workerd. `open` connects one
 * participant; the cases wait for messages, never for time.
 */
import { expect, it } from "vitest";
import type { Role } from "../../src/rooms/protocol.ts";
import type { TestSocket } from "../../support/test-socket.ts";

export { type SocketLike, TestSocket } from "../../support/test-socket.ts";

export type Open = (room: string, role: Role, session: string) => Promise<TestSocket>;

const offer = { type: "description", description: { type: "offer", sdp: "v=0\r\n" } };
const answer = { type: "description", description: { type: "answer", sdp: "v=0\r\n" } };

/** Defines the shared cases; call inside a `describe`. `room()` gives a fresh room id per case. */
export function signallingCases(open: () => Open, room: () => string) {
  it("joins both roles and relays from counsellor to client and back", async () => {
    const id = room();
    const counsellor = await open()(id, "counsellor", "counsellor-page-1");
    expect(await counsellor.next()).toEqual({ type: "join", role: "counsellor", peer: null });
    const client = await open()(id, "client", "client-page-1");
    expect(await client.next()).toEqual({
      type: "join",
      role: "client",
      peer: { session: "counsellor-page-1" },
    });
    expect(await counsellor.next()).toEqual({ type: "peer-joined", session: "client-page-1" });

    counsellor.send(offer);
    expect(await client.next()).toEqual(offer);
    client.send(answer);
    expect(await counsellor.next()).toEqual(answer);
    const candidate = { type: "candidate", candidate: { candidate: "", sdpMid: "0" } };
    client.send(candidate);
    expect(await counsellor.next()).toEqual(candidate);
    counsellor.send({ type: "bye" });
    expect(await client.next()).toEqual({ type: "bye" });

    client.close();
    expect(await counsellor.next()).toEqual({ type: "peer-left" });
    counsellor.close();
  });

  it("answers ping with pong", async () => {
    const socket = await open()(room(), "client", "client-page-1");
    await socket.next();
    socket.send('{"type":"ping"}');
    expect(await socket.next()).toEqual({ type: "pong" });
    socket.close();
  });

  it("refuses bad JSON, unknown types and oversize messages, and keeps the socket", async () => {
    const socket = await open()(room(), "client", "client-page-1");
    await socket.next();
    socket.send("{nope");
    expect(await socket.next()).toMatchObject({ type: "error", code: "bad-message" });
    socket.send({ type: "launch" });
    expect(await socket.next()).toMatchObject({ type: "error", code: "bad-message" });
    socket.send({ type: "bye", padding: "x".repeat(70 * 1024) });
    expect(await socket.next()).toMatchObject({ type: "error", code: "too-large" });
    socket.send(offer);
    expect(await socket.next()).toMatchObject({ type: "error", code: "no-peer" });
    socket.close();
  });

  it("limits the message rate per socket", async () => {
    const socket = await open()(room(), "client", "client-page-1");
    await socket.next();
    for (let i = 0; i < 60; i++) socket.send(offer);
    const codes: string[] = [];
    for (let i = 0; i < 51; i++) {
      const message = await socket.next();
      if (message.type === "error") codes.push(message.code);
    }
    expect(codes.filter((code) => code === "no-peer")).toHaveLength(50);
    expect(codes.at(-1)).toBe("rate-limited");
    socket.close();
  });

  it("lets a reconnect replace the old socket and refuses a third page", async () => {
    const id = room();
    const counsellor = await open()(id, "counsellor", "counsellor-page-1");
    await counsellor.next();
    const first = await open()(id, "client", "client-page-1");
    await first.next();
    expect(await counsellor.next()).toMatchObject({ type: "peer-joined" });

    const again = await open()(id, "client", "client-page-1");
    expect(await first.next()).toMatchObject({ type: "error", code: "replaced" });
    expect(await first.closed).toBe(4001);
    // Told before the close, so the page shows "opened in another window" at once.
    expect(first.events.slice(-2)).toEqual(["error", "close 4001"]);
    expect(await again.next()).toMatchObject({
      type: "join",
      peer: { session: "counsellor-page-1" },
    });
    expect(await counsellor.next()).toEqual({ type: "peer-joined", session: "client-page-1" });

    const third = await open()(id, "client", "someone-else-1");
    expect(await third.next()).toMatchObject({ type: "error", code: "occupied" });
    expect(await third.closed).toBe(4009);

    // The replacement still relays: the old socket's close did not free the seat.
    again.send({ type: "bye" });
    expect(await counsellor.next()).toEqual({ type: "bye" });
    again.close();
    counsellor.close();
  });
}
