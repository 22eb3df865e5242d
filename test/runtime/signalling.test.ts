/**
 * The signalling WebSocket on the Node and Deno entries, as real processes:
 * tickets checked at the upgrade, then the shared protocol cases over real sockets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import type { Role } from "../../src/rooms/protocol.ts";
import { mintTicket } from "../../src/rooms/tickets.ts";
import { type RunningServer, startServer } from "../helpers/process.ts";
import { type SocketLike, signallingCases, TestSocket } from "../helpers/signalling.ts";

const root = join(import.meta.dirname, "..", "..");
const SECRET = "runtime-signalling-secret-runtime-signal-01";
const runtimes = {
  node: {
    command: join(root, "node_modules", ".bin", "tsx"),
    args: [join(root, "src", "node.ts")],
  },
  deno: {
    command: join(root, "node_modules", ".bin", "deno"),
    args: ["run", "--allow-all", "--config", join(root, "deno.json"), join(root, "src", "deno.ts")],
  },
};
let server: RunningServer;
let dir: string;
let rooms = 0;

function socketUrl(room: string, ticket: string, session: string) {
  const url = new URL(`/rooms/${room}/ws`, server.url.replace(/^http/, "ws"));
  url.searchParams.set("ticket", ticket);
  url.searchParams.set("session", session);
  return url.href;
}

/** Opens a socket, or resolves with the HTTP status the upgrade was refused with. */
function connect(url: string): Promise<TestSocket | number> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    // Listening from the start: the welcome may arrive in the same read as the handshake.
    const socket = new TestSocket(ws as unknown as SocketLike);
    ws.once("open", () => resolve(socket));
    ws.once("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
    ws.once("error", reject);
  });
}

async function open(room: string, role: Role, session: string) {
  const ticket = await mintTicket(SECRET, room, role, new Date());
  const socket = await connect(socketUrl(room, ticket, session));
  if (typeof socket === "number") throw new Error(`upgrade refused with ${socket}`);
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
      expect(await connect(socketUrl("r1", ticket, "client-page-1"))).toBe(403);
    }
    expect(await connect(socketUrl("r1", otherRoom, "no"))).toBe(400);
  });

  it("asks plain requests for a WebSocket upgrade", async () => {
    const ticket = await mintTicket(SECRET, "r1", "client", new Date());
    const res = await fetch(socketUrl("r1", ticket, "client-page-1").replace(/^ws/, "http"));
    expect(res.status).toBe(426);
  });
});
