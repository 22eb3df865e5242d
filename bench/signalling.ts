/**
 * Signalling round trips: counsellor → server → client → server → counsellor,
 * through the Node hub (a separate process) and through the room Durable Object
 * in workerd. Rooms are many and trips per room few, so no socket reaches the
 * protocol's rate limit. Also the Node process's memory per open socket.
 */
import { WebSocket } from "ws";
import { mintTicket } from "../src/rooms/tickets.ts";
import { socketProtocols } from "../src/rooms/wire.ts";
import { openWorkerSocket, type SocketLike, TestSocket } from "../support/test-socket.ts";
import { percentile, startBenchServer, tempDir } from "./lib.ts";
import { startBenchWorker } from "./worker.ts";

const SECRET = "bench-secret-bench-secret-bench-secret-01";
const candidate = (to: "counsellor" | "client") => ({
  type: "candidate",
  to,
  candidate: { candidate: "", sdpMid: "0" },
});

type Opener = (room: string, role: "counsellor" | "client", session: string) => Promise<TestSocket>;

function nodeOpener(base: string): Opener {
  return async (room, role, session) => {
    const url = new URL(`${base.replace("http", "ws")}/rooms/${room}/ws`);
    const ticket = await mintTicket(SECRET, room, role, new Date());
    const ws = new WebSocket(url, socketProtocols(ticket, session));
    const socket = new TestSocket(ws as unknown as SocketLike);
    await new Promise<void>((resolve, reject) => {
      ws.once("open", () => resolve());
      ws.once("error", reject);
    });
    return socket;
  };
}

async function pair(open: Opener, room: string) {
  const counsellor = await open(room, "counsellor", `counsellor-${room}`);
  await counsellor.next();
  const client = await open(room, "client", `client-${room}`);
  await client.next();
  await counsellor.next();
  return { counsellor, client };
}

async function roundTrips(open: Opener, prefix: string, rooms = 25, trips = 20): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < rooms; r++) {
    const { counsellor, client } = await pair(open, `${prefix}-${r}`);
    for (let i = 0; i < trips; i++) {
      const started = performance.now();
      counsellor.send(candidate("client"));
      await client.next();
      client.send(candidate("counsellor"));
      await counsellor.next();
      times.push(performance.now() - started);
    }
    counsellor.close();
    client.close();
  }
  return times;
}

const summary = (times: number[]) => ({
  p50Ms: Math.round(percentile(times, 50) * 100) / 100,
  p99Ms: Math.round(percentile(times, 99) * 100) / 100,
  samples: times.length,
});

export async function signallingBenchmark(sockets = 1000) {
  const server = await startBenchServer({ DATA_DIR: tempDir("signalling"), SERVER_SECRET: SECRET });
  const open = nodeOpener(server.url);
  await roundTrips(open, "warm", 5, 10);
  const node = summary(await roundTrips(open, "node"));

  const memory = async () =>
    (await fetch(`${server.url}/__bench/memory`).then((res) => res.json())) as {
      rss: number;
      heapUsed: number;
    };
  const before = await memory();
  const held: TestSocket[] = [];
  for (let r = 0; r < sockets / 2; r++) {
    const { counsellor, client } = await pair(open, `held-${r}`);
    held.push(counsellor, client);
  }
  const after = await memory();
  for (const socket of held) socket.close();
  await server.stop();

  const worker = await startBenchWorker(SECRET);
  try {
    const workerOpen: Opener = (room, role, session) =>
      openWorkerSocket(worker.mf, SECRET, room, role, session);
    await roundTrips(workerOpen, "warm", 3, 10);
    const durableObject = summary(await roundTrips(workerOpen, "do"));
    return {
      node,
      durableObject,
      memoryPerSocketKiB: {
        rss: Math.round((after.rss - before.rss) / sockets / 102.4) / 10,
        heap: Math.round((after.heapUsed - before.heapUsed) / sockets / 102.4) / 10,
        sockets,
      },
    };
  } finally {
    await worker.stop();
  }
}
