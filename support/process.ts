/**
 * Starts a server entry as a real process and waits for its start line, which
 * names the address it serves on (PORT=0 lets the OS pick a free port).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");

/** How each runtime's entry is started as a process, as `npm start` and `npm run start:deno` do. */
export const RUNTIME_ENTRIES = {
  node: {
    command: join(root, "node_modules", ".bin", "tsx"),
    args: [join(root, "src", "runtime", "node.ts")],
  },
  deno: {
    command: join(root, "node_modules", ".bin", "deno"),
    args: [
      "run",
      "--allow-all",
      "--config",
      join(root, "deno.json"),
      join(root, "src", "runtime", "deno.ts"),
    ],
  },
};

export interface RunningServer {
  url: string;
  /** The started process (after `exec`, the server itself). */
  pid: number | undefined;
  output: () => string;
  stop(): Promise<void>;
}

const READY = /is serving on (http:\/\/[^\s]+)/;

/**
 * `ready` finds the address in the output. A command that starts children of its
 * own (npm, wrangler, workerd) runs in its own process group, stopped as a whole.
 */
export function startServer(
  command: string,
  args: string[],
  env: Record<string, string>,
  ready: RegExp = READY,
): Promise<RunningServer> {
  const group = command === "npm";
  const child: ChildProcess = spawn(command, args, {
    env: { ...process.env, DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: group,
  });
  let output = "";
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once("exit", () => resolve());
      if (group && child.pid) process.kill(-child.pid, "SIGTERM");
      else child.kill("SIGTERM");
    });
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match?.[1]) {
        resolve({ url: match[1], pid: child.pid, output: () => output, stop });
      }
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.once("exit", (code) =>
      reject(new Error(`server exited with ${code} before it was ready:\n${output}`)),
    );
  });
}

/**
 * Runs a command to its end and returns its exit code and combined output. A
 * server that starts serving although it should have refused is stopped at once
 * (code null), so a test of a refusal fails instead of waiting for ever.
 */
export function runToEnd(command: string, args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, NO_COLOR: "1", ...env } });
    let output = "";
    const collect = (chunk: Buffer) => {
      output += chunk;
      if (READY.test(output)) child.kill("SIGTERM");
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("close", (code) => resolve({ code: READY.test(output) ? null : code, output }));
  });
}
