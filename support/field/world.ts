/**
 * A call in the network lab: the lab itself, coturn and the service in the
 * "internet" namespace, and one Chromium per side (the client at home, the
 * counsellor at the office desk), each launched by playwright-core through a
 * wrapper that runs it inside its namespace. Pages may load only from the
 * service; anything else is blocked and recorded.
 */
import type { ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { createLab, type Lab, type LabOptions, SECOND_ADDRESS, SERVICE_ADDRESS } from "./lab.ts";

const TURNSERVER = process.env.TURNSERVER_PATH ?? "/usr/bin/turnserver";
export const TURN_SECRET = "field-lab-turn-secret-0123456789";
const SERVICE_PORT = 8787;

export interface Side {
  browser: Browser;
  /** A fresh page (in a fresh context) with the browser language `locale`. */
  open(locale: string): Promise<Page>;
  /** Requests any page tried to make anywhere but the service. */
  offLab: string[];
  /** Page errors of any page. */
  problems: string[];
}

export interface Field {
  lab: Lab;
  url: string;
  client: Side;
  counsellor: Side;
  /** A new appointment's dial-in code (Node service only; its counsellor is `LAB_COUNSELLOR`). */
  appointment(): Promise<string>;
  /** What coturn logged last, for a failing test's message. */
  turnLog(): string;
  close(): Promise<void>;
}

/** Resolves with the first message of a child started with an IPC channel. */
function firstMessage<T>(lab: Lab, child: ChildProcess, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    child.once("message", (message) => resolve(message as T));
    child.once("exit", (code) =>
      reject(new Error(`${what} exited with ${code}:\n${lab.output(child)}`)),
    );
  });
}

/** The set-up token the Worker is started with, for its first counsellor. */
export const WORKER_SETUP_TOKEN = "field-lab-setup-token-0123456789";

/** Resolves with the first match of `pattern` in what the process prints. */
async function ready(lab: Lab, child: ChildProcess, pattern: RegExp): Promise<string> {
  for (;;) {
    const found = pattern.exec(lab.output(child));
    if (found?.[1]) return found[1];
    if (child.exitCode !== null) {
      throw new Error(`exited with ${child.exitCode}:\n${lab.output(child)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Resolves once coturn answers on its TCP listener (checked from inside the namespace). */
async function turnListening(lab: Lab, turn: ChildProcess): Promise<void> {
  for (;;) {
    if (turn.exitCode !== null) throw new Error(`turnserver exited with ${turn.exitCode}`);
    const listeners = lab.run("internet", "ss", ["-Htln", `sport = :3478`]);
    if (listeners.includes(`${SERVICE_ADDRESS}:3478`)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function launchSide(lab: Lab, place: "client" | "desk", origin: string): Promise<Side> {
  const browser = await chromium.launch({
    executablePath: lab.chromium(place),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
      `--unsafely-treat-insecure-origin-as-secure=${origin}`,
    ],
  });
  const offLab: string[] = [];
  const problems: string[] = [];
  return {
    browser,
    offLab,
    problems,
    async open(locale) {
      for (const old of browser.contexts()) await old.close();
      const context = await browser.newContext({ locale });
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if ((url.protocol === "http:" || url.protocol === "https:") && url.origin !== origin) {
          offLab.push(url.href);
          return route.abort("blockedbyclient");
        }
        return route.continue();
      });
      const page = await context.newPage();
      page.on("pageerror", (error) => problems.push(error.message));
      return page;
    },
  };
}

export interface FieldOptions extends LabOptions {
  /**
   * What serves the pages and the signalling: the Node server with its test-only call
   * page (default), or the Worker as `npm run dev:worker` runs it (wrangler, workerd,
   * a local D1 and the room Durable Object), where calls go through real appointments.
   */
  service?: "node" | "worker";
  /** For the Worker: the office's time zone (TIME_ZONE). */
  timeZone?: string;
  /** The ICE server URLs the service hands out. Default: STUN and TURN over UDP and TCP. */
  stun?: string[];
  turn?: string[];
}

export async function startField(options: FieldOptions = {}): Promise<Field> {
  const lab = createLab(options);
  const sides: Side[] = [];
  try {
    const turn = lab.spawn("internet", TURNSERVER, [
      "-n",
      `--listening-ip=${SERVICE_ADDRESS}`,
      `--listening-ip=${SECOND_ADDRESS}`,
      `--relay-ip=${SERVICE_ADDRESS}`,
      "--listening-port=3478",
      "--min-port=49152",
      "--max-port=65535",
      "--use-auth-secret",
      `--static-auth-secret=${TURN_SECRET}`,
      "--realm=sprechzimmer.test",
      ...(process.env.LAB_TURN_VERBOSE ? ["--verbose"] : []),
      "--no-cli",
      "--no-tls",
      "--no-dtls",
      "--log-file=stdout",
      `--pidfile=${lab.dir}/turnserver.pid`,
      `--db=${lab.dir}/turndb`,
    ]);
    await turnListening(lab, turn);
    const env = {
      // Two STUN addresses: the device check compares the ports a NAT maps to each.
      STUN_URLS: (
        options.stun ?? [`stun:${SERVICE_ADDRESS}:3478`, `stun:${SECOND_ADDRESS}:3478`]
      ).join(","),
      TURN_URLS: (
        options.turn ?? [
          `turn:${SERVICE_ADDRESS}:3478?transport=udp`,
          `turn:${SERVICE_ADDRESS}:3478?transport=tcp`,
        ]
      ).join(","),
      TURN_SECRET,
    };
    let server: ChildProcess;
    let url: string;
    if (options.service === "worker") {
      const persist = mkdtempSync(join(lab.dir, "worker-"));
      server = lab.spawn("internet", "npm", ["run", "dev:worker", "--silent"], {
        env: {
          ...env,
          HOST: SERVICE_ADDRESS,
          PORT: String(SERVICE_PORT),
          WRANGLER_PERSIST_TO: persist,
          WRANGLER_SEND_METRICS: "false",
          SETUP_TOKEN: WORKER_SETUP_TOKEN,
          TIME_ZONE: options.timeZone ?? "Europe/Berlin",
          CI: "true",
        },
      });
      url = await ready(lab, server, /Ready on (http:\/\/\S+?)\s/);
    } else {
      server = lab.spawn(
        "internet",
        process.execPath,
        [
          "--import",
          "tsx",
          "support/field/serve.ts",
          JSON.stringify({ env, hostname: SERVICE_ADDRESS, port: SERVICE_PORT }),
        ],
        { ipc: true },
      );
      url = (await firstMessage<{ url: string }>(lab, server, "the service")).url;
    }
    sides.push(await launchSide(lab, "client", url));
    sides.push(await launchSide(lab, "desk", url));
    const [client, counsellor] = sides as [Side, Side];
    return {
      lab,
      url,
      client,
      counsellor,
      appointment: () =>
        new Promise((resolve, reject) => {
          if (!server.connected)
            return reject(new Error("only the Node service makes appointments"));
          server.once("message", (message) => resolve((message as { code: string }).code));
          server.send("appointment");
        }),
      turnLog: () => lab.output(turn),
      async close() {
        for (const side of sides) await side.browser.close().catch(() => undefined);
        if (server.connected) server.send("close");
        else if (server.pid) {
          try {
            // wrangler and the workerd it started, as a group.
            process.kill(-server.pid, "SIGTERM");
          } catch {
            // Already gone.
          }
        }
        await lab.close();
      },
    };
  } catch (error) {
    for (const side of sides) await side.browser.close().catch(() => undefined);
    await lab.close();
    throw error;
  }
}
