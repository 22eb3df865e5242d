/**
 * The signalling WebSocket on the Node and Deno entries, as real processes:
 * tickets checked at the upgrade, then the shared protocol cases over real sockets;
 * and the same cases on the in-process hub, with the app's side of the room
 * (end, release, send back, knock), which a separate process does not expose.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket as BrowserWebSocket } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { openLibsql } from "../../src/db/libsql.ts";
import type { MemberId } from "../../src/rooms/protocol.ts";
import { mintTicket } from "../../src/rooms/tickets.ts";
import { SOCKET_PROTOCOL, socketProtocols } from "../../src/rooms/wire.ts";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { RUNTIME_ENTRIES, type RunningServer, startServer } from "../../support/process.ts";
import { type Open, type SocketLike, signallingCases, TestSocket } from "../helpers/signalling.ts";

const SECRET = "runtime-signalling-secret-runtime-signal-01";
const runtimes = RUNTIME_ENTRIES;
let server: RunningServer;
let dir: string;
let rooms = 0;

function socketUrl(room: string) {
  return new URL(`/rooms/${room}/ws`, server.url.replace(/^http/, "ws")).href;
}

/**
 * Resolves with the HTTP status an upgrade offering `protocols` was refused with
 * (or 101). `ws` shows the status; the sockets themselves are opened below as a
 * browser opens them.
 */
function upgradeStatus(url: string, protocols: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols);
    ws.once("open", () => {
      ws.close();
      resolve(101);
    });
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", reject);
  });
}

/**
 * Opens a socket with the WHATWG WebSocket a page uses (undici's, which sends
 * the subprotocols as browsers do); it fails unless the server answers with ours.
 */
async function open(room: string, member: MemberId, session: string) {
  const ticket = await mintTicket(SECRET, room, member, new Date());
  const ws = new BrowserWebSocket(socketUrl(room), socketProtocols(ticket, session));
  // Listening from the start: the welcome may arrive in the same read as the handshake.
  const socket = new TestSocket(ws as unknown as SocketLike);
  await new Promise<void>((resolve, reject) => {
    ws.addEventListener("open", () => resolve());
    ws.addEventListener("error", () => reject(new Error("the socket did not open")));
  });
  expect(ws.protocol).toBe(SOCKET_PROTOCOL);
  return socket;
}

describe.each(Object.entries(runtimes))("signalling on the %s hub", (name, { command, args }) => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), `sprechzimmer-signalling-${name}-`));
    server = await startServer(command, args, { PORT: "0", DATA_DIR: dir, SERVER_SECRET: SECRET });
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  signallingCases(
    () => open,
    () => `${name}-room-${++rooms}`,
  );

  it("refuses forged, expired and other rooms' tickets at the upgrade", async () => {
    const now = new Date();
    const forged = await mintTicket(`${SECRET}-not`, "r1", "client", now);
    const expired = await mintTicket(SECRET, "r1", "client", new Date(now.getTime() - 3 * 60_000));
    const otherRoom = await mintTicket(SECRET, "r2", "client", now);
    for (const ticket of [forged, expired, otherRoom]) {
      expect(await upgradeStatus(socketUrl("r1"), socketProtocols(ticket, "client-page-1"))).toBe(
        403,
      );
    }
    expect(await upgradeStatus(socketUrl("r1"), socketProtocols(otherRoom, "no"))).toBe(400);
  });

  it("refuses a valid ticket once its appointment's session has ended", async () => {
    const handle = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
    try {
      await handle.client.execute(
        "insert or ignore into counsellors (id, email, name, password_hash) values ('c1', 'c1@example.org', 'C', 'x')",
      );
      await handle.client.execute({
        sql: "insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash, admitted_at, ended_at) values (?, 'c1', 'K', ?, 50, ?, ?, ?)",
        args: [`${name}-ended`, Date.now(), `hash-${name}`, Date.now(), Date.now()],
      });
    } finally {
      handle.client.close();
    }
    const ticket = await mintTicket(SECRET, `${name}-ended`, "client", new Date());
    const protocols = socketProtocols(ticket, "client-page-1");
    expect(await upgradeStatus(socketUrl(`${name}-ended`), protocols)).toBe(403);
  });

  it("takes the ticket only as a subprotocol, never from the URL", async () => {
    const ticket = await mintTicket(SECRET, "r1", "client", new Date());
    const url = new URL(socketUrl("r1"));
    url.searchParams.set("ticket", ticket);
    url.searchParams.set("session", "client-page-1");
    expect(await upgradeStatus(url.href, [SOCKET_PROTOCOL])).toBe(400);
  });

  it("asks plain requests for a WebSocket upgrade", async () => {
    const res = await fetch(socketUrl("r1").replace(/^ws/, "http"));
    expect(res.status).toBe(426);
  });
});

describe("signalling on the in-process hub, with the app's side of the room", () => {
  let callServer: CallServer;
  let hubRooms = 0;

  beforeAll(async () => {
    callServer = await startCallServer();
  });

  afterAll(async () => {
    await callServer?.close();
  });

  /** As `open` above, against the in-process server, whose hub the cases also drive. */
  const openInProcess: Open = async (room, member, session) => {
    const ticket = await mintTicket(callServer.deps.serverSecret, room, member, new Date());
    const url = `${callServer.url.replace(/^http/, "ws")}/rooms/${room}/ws`;
    const ws = new BrowserWebSocket(url, socketProtocols(ticket, session));
    const socket = new TestSocket(ws as unknown as SocketLike);
    await new Promise<void>((resolve, reject) => {
      ws.addEventListener("open", () => resolve());
      ws.addEventListener("error", () => reject(new Error("the socket did not open")));
    });
    return socket;
  };

  signallingCases(
    () => openInProcess,
    () => `hub-room-${++hubRooms}`,
    () => callServer.hub,
  );

  it("forgets a room once its last socket is gone, refused or sent back", async () => {
    const id = "hub-forget";
    const counsellor = await openInProcess(id, "counsellor", "counsellor-page-1");
    await counsellor.next();
    const interpreter = await openInProcess(id, "p-44444444-4444", "interpreter-page-1");
    await interpreter.next();
    await counsellor.next();
    expect(callServer.hub.sockets(id)).toBe(2);
    await callServer.hub.sendBack(id, "p-44444444-4444");
    expect(callServer.hub.sockets(id)).toBe(1);
    counsellor.close();
    await counsellor.closed;
    await expect.poll(() => callServer.hub.sockets(id)).toBe(0);
  });
});
