/**
 * The Node entry as a real process: static files carry the security headers,
 * a connection that never finishes its request is closed by the server, and the
 * kernel keeps thousands of new connections waiting for it, not Node's default 511.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../support/process.ts";
import { expectSecurityHeaders } from "../helpers/headers.ts";

const root = join(import.meta.dirname, "..", "..");
let server: RunningServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-http-"));
  server = await startServer(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, "src", "runtime", "node.ts")],
    {
      PORT: "0",
      DATA_DIR: dir,
      SERVER_HEADERS_TIMEOUT_MS: "300",
      SERVER_REQUEST_TIMEOUT_MS: "600",
    },
  );
}, 30_000);
afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the Node server", () => {
  it("serves static files with the security headers", async () => {
    const asset = readdirSync(join(root, "public", "assets")).find((name) => name.endsWith(".js"));
    const res = await fetch(`${server.url}/assets/${asset}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/javascript/);
    expectSecurityHeaders(res, "static file");
    await res.arrayBuffer();
  });

  it("closes a connection whose request line never ends", async () => {
    const { hostname, port } = new URL(server.url);
    const socket = connect(Number(port), hostname);
    const received: Buffer[] = [];
    socket.on("data", (chunk) => received.push(chunk));
    await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
    socket.write("GET / HT");
    // The server, not the test, ends the wait: the socket closes once the headers time out.
    await new Promise<void>((resolve) => socket.once("close", () => resolve()));
    const answer = Buffer.concat(received).toString();
    expect(answer === "" || /^HTTP\/1\.1 408/.test(answer)).toBe(true);
  }, 15_000);

  it("lets the kernel hold thousands of connections before they are accepted", () => {
    const { port } = new URL(server.url);
    // For a listening socket, `ss` shows the accept queue's limit as Send-Q.
    const line = execFileSync("ss", ["-Hltn", `sport = :${port}`], { encoding: "utf8" }).trim();
    const backlog = Number(line.split(/\s+/)[2]);
    const ceiling = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
    expect(backlog).toBe(Math.min(4096, ceiling));
  });
});
