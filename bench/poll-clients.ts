/**
 * A load generator process for the scale benchmark: waiting clients as they
 * really poll, each with its own cookie and its own keep-alive connection, one
 * request every `everyMs`, phases spread evenly over the interval (people arrive
 * at different moments).
 *
 * It must cost far less than what it measures, so it keeps no timer per client:
 * the clients are ordered by phase, so one clock tick walks a cursor over those
 * now due, and the requests sent wait in one queue, oldest first, for the
 * timeout check. Requests are written once per client, answers read as bytes.
 *
 * Input (JSON on stdin): `{ url, path, cookies, offset, total, seconds, everyMs }`.
 * Output (JSON on stdout): the latencies of the first round, which opens every
 * connection, and of the steady state after it, every error by kind in the
 * phase of the request it concerns, and the generator's own CPU time.
 */
import net from "node:net";

interface Input {
  url: string;
  path: string;
  cookies: string[];
  /** This process's clients are `offset … offset + cookies.length` of `total`. */
  offset: number;
  total: number;
  seconds: number;
  everyMs: number;
}

const input = JSON.parse(
  await new Response(process.stdin as unknown as ReadableStream).text(),
) as Input;
const target = new URL(input.url);
const port = Number(target.port);
const first: number[] = [];
const steady: number[] = [];
/** Errors by kind, in the phase of the request they concern. */
const errors = { first: {} as Record<string, number>, steady: {} as Record<string, number> };

const TIMEOUT_MS = 10_000;
/** How often the clock looks for clients due: the most a poll starts late. */
const TICK_MS = 1;
const HEAD_END = Buffer.from("\r\n\r\n");
const startAt = performance.now() + 200;
const firstRoundEnds = startAt + input.everyMs;
const endAt = firstRoundEnds + input.seconds * 1000;

/** Counts an error against the phase in which the request it concerns was sent (or now). */
function fail(kind: string, at = performance.now()) {
  const phase = at < firstRoundEnds ? errors.first : errors.steady;
  phase[kind] = (phase[kind] ?? 0) + 1;
}

interface Client {
  request: Buffer;
  phase: number;
  socket: net.Socket | undefined;
  /** When the request now waiting was sent; 0 when none waits. */
  sentAt: number;
  /** Bytes of an answer that came in more than one piece. */
  partial: Buffer | undefined;
}

const clients: Client[] = input.cookies.map((cookie, index) => ({
  request: Buffer.from(
    `GET ${input.path} HTTP/1.1\r\nHost: ${target.host}\r\nHX-Request: true\r\n` +
      `Accept: */*\r\nCookie: ${cookie}\r\nConnection: keep-alive\r\n\r\n`,
  ),
  phase: ((input.offset + index) / input.total) * input.everyMs,
  socket: undefined,
  sentAt: 0,
  partial: undefined,
}));

/** Whether `data` holds a whole answer: the head and as many body bytes as it announces. */
function complete(data: Buffer): boolean {
  const headEnd = data.indexOf(HEAD_END);
  if (headEnd < 0) return false;
  const head = data.toString("latin1", 0, headEnd);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  return data.length >= headEnd + 4 + Number(length ?? 0);
}

function answered(client: Client, ok: boolean) {
  if (ok) {
    const ms = performance.now() - client.sentAt;
    (client.sentAt < firstRoundEnds ? first : steady).push(ms);
  }
  client.sentAt = 0;
}

function open(client: Client): net.Socket {
  const socket = net.connect({ host: target.hostname, port });
  socket.setNoDelay(true);
  socket.on("data", (chunk: Buffer) => {
    const data = client.partial ? Buffer.concat([client.partial, chunk]) : chunk;
    if (!complete(data)) {
      client.partial = data;
      return;
    }
    client.partial = undefined;
    if (!client.sentAt) return;
    if (data[9] !== 0x32) fail("status not 2xx", client.sentAt);
    answered(client, true);
  });
  socket.on("error", (error: NodeJS.ErrnoException) => fail(error.code ?? "error"));
  socket.on("close", () => {
    if (client.socket === socket) client.socket = undefined;
    if (client.sentAt) {
      fail("closed before the answer", client.sentAt);
      answered(client, false);
    }
  });
  return socket;
}

/** Requests in the order they were sent, for the timeout check. */
const sent: { client: Client; at: number }[] = [];
let sentHead = 0;
let round = 0;
let next = 0;

function send(client: Client) {
  if (client.sentAt) {
    // The request still waiting is the one that is late.
    fail("still waiting for the previous answer", client.sentAt);
    return;
  }
  client.socket ??= open(client);
  client.partial = undefined;
  client.sentAt = performance.now();
  client.socket.write(client.request);
  sent.push({ client, at: client.sentAt });
}

// The generator's own cost is counted from here: starting Node and reading the input are not polls.
let cpuAtStart = process.cpuUsage();
setTimeout(() => {
  cpuAtStart = process.cpuUsage();
}, startAt - performance.now());
await new Promise<void>((resolve) => {
  const tick = setInterval(() => {
    const now = performance.now();
    // Everyone due by now, in phase order, round after round.
    for (;;) {
      const client = clients[next];
      if (!client) break;
      const at = startAt + client.phase + round * input.everyMs;
      if (at > now || at >= endAt) break;
      send(client);
      next++;
      if (next === clients.length) {
        next = 0;
        round++;
      }
    }
    // Requests older than the timeout that are still the one their client waits for.
    while (sentHead < sent.length) {
      const oldest = sent[sentHead];
      if (!oldest || now - oldest.at < TIMEOUT_MS) break;
      sentHead++;
      if (oldest.client.sentAt === oldest.at) {
        fail(`no answer within ${TIMEOUT_MS / 1000} s`, oldest.at);
        oldest.client.socket?.destroy();
        answered(oldest.client, false);
      }
    }
    if (sentHead > 100_000) {
      sent.splice(0, sentHead);
      sentHead = 0;
    }
    // After the last round, each client leaves once its last answer came
    // (a proxy drops a request whose client hung up).
    if (now >= endAt) {
      const waiting = clients.filter((client) => client.sentAt);
      if (waiting.length === 0 || now >= endAt + TIMEOUT_MS) {
        clearInterval(tick);
        for (const client of clients) client.socket?.end();
        resolve();
      }
    }
  }, TICK_MS);
});

const cpu = process.cpuUsage(cpuAtStart);
process.stdout.write(JSON.stringify({ first, steady, errors, cpuMicros: cpu.user + cpu.system }));
