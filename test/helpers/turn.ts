/**
 * Debian's coturn on loopback with the TURN REST secret, for the relay-only call
 * test and the device check's paths; it listens on UDP and TCP (the port is
 * awaited over TCP). `--allow-loopback-peers` is for loopback tests only, never
 * production.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { connect, createServer } from "node:net";

export const TURNSERVER = process.env.TURNSERVER_PATH ?? "/usr/bin/turnserver";

export interface RunningTurn {
  /** The UDP URL; coturn takes TCP on the same port (`turn:…?transport=tcp`). */
  url: string;
  port: number;
  secret: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once the port takes TCP connections. */
async function listening(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`turnserver exited with ${child.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1");
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

export async function startTurn(): Promise<RunningTurn> {
  const port = await freePort();
  const secret = "loopback-turn-secret-0123456789";
  const child = spawn(
    TURNSERVER,
    [
      "-n",
      "--listening-ip=127.0.0.1",
      "--relay-ip=127.0.0.1",
      `--listening-port=${port}`,
      "--min-port=49152",
      "--max-port=65535",
      "--use-auth-secret",
      `--static-auth-secret=${secret}`,
      "--realm=sprechzimmer.test",
      "--no-cli",
      "--no-tls",
      "--no-dtls",
      "--allow-loopback-peers",
      "--log-file=stdout",
    ],
    { stdio: "ignore" },
  );
  await listening(port, child);
  return {
    url: `turn:127.0.0.1:${port}?transport=udp`,
    port,
    secret,
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
