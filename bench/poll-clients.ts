/**
 * A load generator process for the scale benchmark: waiting clients as they
 * really poll, each with its own cookie and its own keep-alive connection, one
 * request every `everyMs`, phases spread evenly over the interval (people arrive
 * at different moments). Plain `net` sockets with a request written once per
 * client, so the generator costs far less than the server it measures.
 *
 * Input (JSON on stdin): `{ url, path, cookies, offset, total, seconds, everyMs }`.
 * Output (JSON on stdout): the latencies of the first round, which opens every
 * connection, and of the steady state after it, and every error by kind.
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
const errors: Record<string, number> = {};
let statusNot2xx = 0;
const fail = (kind: string) => {
  errors[kind] = (errors[kind] ?? 0) + 1;
};

const TIMEOUT_MS = 10_000;
const startAt = performance.now() + 200;
const firstRoundEnds = startAt + input.everyMs;
const endAt = firstRoundEnds + input.seconds * 1000;

function client(cookie: string, index: number): Promise<void> {
  const request = Buffer.from(
    `GET ${input.path} HTTP/1.1\r\nHost: ${target.host}\r\nHX-Request: true\r\n` +
      `Accept: */*\r\nCookie: ${cookie}\r\nConnection: keep-alive\r\n\r\n`,
  );
  const phase = ((input.offset + index) / input.total) * input.everyMs;
  return new Promise((resolve) => {
    let socket: net.Socket | undefined;
    let sentAt = 0;
    let pending = false;
    let buffer = "";
    let timeout: NodeJS.Timeout | undefined;
    let round = 0;
    let finished = false;
    // The client leaves after its last answer (a proxy drops a request whose client hung up).
    const leave = () => {
      socket?.end();
      resolve();
    };
    const done = (ok: boolean) => {
      pending = false;
      if (timeout) clearTimeout(timeout);
      if (ok) {
        const ms = performance.now() - sentAt;
        (sentAt < firstRoundEnds ? first : steady).push(ms);
      }
      if (finished) leave();
    };
    const open = () => {
      const s = net.connect({ host: target.hostname, port });
      s.setNoDelay(true);
      s.setEncoding("latin1");
      s.on("data", (chunk: string) => {
        buffer += chunk;
        const headEnd = buffer.indexOf("\r\n\r\n");
        if (headEnd < 0) return;
        const length = /\r\ncontent-length: *(\d+)/i.exec(buffer.slice(0, headEnd))?.[1];
        if (buffer.length < headEnd + 4 + Number(length ?? 0)) return;
        const status = Number(buffer.slice(9, 12));
        if (status < 200 || status >= 300) statusNot2xx++;
        buffer = "";
        done(true);
      });
      s.on("error", (error: NodeJS.ErrnoException) => {
        fail(error.code ?? "error");
      });
      s.on("close", () => {
        if (pending) {
          fail("closed before the answer");
          done(false);
        }
        socket = undefined;
      });
      return s;
    };
    const poll = () => {
      const at = startAt + phase + round * input.everyMs;
      round++;
      if (at >= endAt) {
        finished = true;
        if (!pending) leave();
        return;
      }
      setTimeout(
        () => {
          if (pending) fail("still waiting for the previous answer");
          else {
            socket ??= open();
            buffer = "";
            pending = true;
            sentAt = performance.now();
            socket.write(request);
            timeout = setTimeout(() => {
              if (!pending) return;
              fail(`no answer within ${TIMEOUT_MS / 1000} s`);
              socket?.destroy();
              done(false);
            }, TIMEOUT_MS);
          }
          poll();
        },
        Math.max(0, at - performance.now()),
      );
    };
    poll();
  });
}

await Promise.all(input.cookies.map((cookie, i) => client(cookie, i)));
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({ first, steady, errors, statusNot2xx, cpuMicros: cpu.user + cpu.system }),
);
