/**
 * The network lab: Linux network namespaces on this machine, all named
 * `szlab-<pid>-…` so that parallel runs never touch each other's.
 *
 * ```
 *   client (192.0.2.10/25)      office (198.51.100.10/24)
 *        │ eth0                       │ eth0
 *   home router (NAT)           office router (NAT)
 *     wan 203.0.113.20            wan 203.0.113.30
 *        └────────── internet (bridge, 203.0.113.0/24) ──────────┘
 *                    service and coturn on 203.0.113.10 (and .11)
 *   mobile router (NAT), wan 203.0.113.21, lan 192.0.2.129/25: the client's second uplink
 * ```
 *
 * Only TEST-NET addresses; no namespace has a link or route to the machine's own
 * interfaces, so every packet stays inside. `close()` kills what runs inside and
 * deletes the namespaces; an exit handler does the same if a run is cut short.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const IP = "/usr/sbin/ip";
export const NFT = "/usr/sbin/nft";
export const TC = "/usr/sbin/tc";

/** The service's address on the lab's "internet", and a second one for a second STUN address. */
export const SERVICE_ADDRESS = "203.0.113.10";
export const SECOND_ADDRESS = "203.0.113.11";
export const HOME_WAN = "203.0.113.20";
export const MOBILE_WAN = "203.0.113.21";
export const OFFICE_WAN = "203.0.113.30";

export type Place = "internet" | "home" | "client" | "office" | "desk" | "mobile";

export interface Lab {
  /** The namespace name of each place. */
  ns: Record<Place, string>;
  /** Runs a command inside a namespace and returns its output (throws on failure). */
  run(place: Place, command: string, args: string[], input?: string): string;
  /** Switches the home router's NAT between keeping ports and a new random port per destination. */
  homeRandomPorts(random: boolean): void;
  /** Replaces the lab's filter rules in a router (nftables syntax, inside `chain filter_fwd`). */
  filter(place: "home" | "office" | "mobile", rules: string[]): void;
  /** Starts a long-running process inside a namespace; `close()` stops it. */
  spawn(
    place: Place,
    command: string,
    args: string[],
    options?: { ipc?: boolean; env?: Record<string, string> },
  ): ChildProcess;
  /** A temporary folder of this lab's own, removed on close. */
  dir: string;
  /** The last lines a process started with `spawn` printed. */
  output(child: ChildProcess): string;
  /** A script that runs `/usr/bin/chromium` inside the place's namespace, for playwright-core. */
  chromium(place: Place): string;
  /**
   * The client's link moves to another router, as when a phone leaves Wi-Fi for mobile
   * data: the old link goes, a new one with a new address and default route comes.
   */
  moveClient(to: "home" | "mobile"): void;
  /** The client's uplink limited to `kbit` (Linux `tbf`), or unlimited with null. */
  limitClientUplink(kbit: number | null): void;
  close(): Promise<void>;
}

const PREFIX = `szlab-${process.pid}`;

/** The client's two networks: its home Wi-Fi and, after a move, mobile data. */
const CLIENT_LANS = {
  home: { dev: "eth0", gateway: "192.0.2.1", address: "192.0.2.10" },
  mobile: { dev: "eth1", gateway: "192.0.2.129", address: "192.0.2.130" },
} as const;

/** Every lab of this process not yet closed, so that a cut-short run still tears them down. */
const open = new Set<() => void>();
let handlersInstalled = false;

/** Tears down every lab this process made (for an `afterAll` that may run before a lab was returned). */
export function closeLabs(): void {
  for (const teardown of [...open]) teardown();
}

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once("exit", closeLabs);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    process.once(signal, () => {
      closeLabs();
      process.exit(1);
    });
  }
}

function sh(args: string[], input?: string): string {
  return execFileSync(args[0] as string, args.slice(1), {
    input,
    encoding: "utf8",
    stdio: ["pipe", "pipe", "pipe"],
  });
}

/** Deletes this process's namespaces (left over from an earlier process with the same id). */
function deleteOwnNamespaces(): void {
  const names = sh([IP, "netns", "list"])
    .split("\n")
    .map((line) => line.split(" ")[0] ?? "")
    .filter((name) => name.startsWith(`${PREFIX}-`));
  for (const name of names) {
    try {
      sh([IP, "netns", "delete", name]);
    } catch {
      // Already gone.
    }
  }
}

/**
 * A router: masquerade on its WAN side (`fully-random` makes every mapping a new port),
 * and, like a home router, no new connections to itself from outside. Dropping them in
 * `input` also keeps them out of the connection table, so an early check from the other
 * side cannot take the port the router's own mapping wants (hole punching works).
 */
function routerRules(randomPorts: boolean): string {
  return `table inet lab {
  chain nat_out { type nat hook postrouting priority srcnat; oifname "wan" masquerade${randomPorts ? " fully-random" : ""}; }
  chain filter_fwd { type filter hook forward priority filter; }
  chain filter_in { type filter hook input priority filter; iifname "wan" ct state new drop; }
}`;
}

export interface LabOptions {
  /** The home router picks a new random port for every destination (only a relay gets through). */
  homeRandomPorts?: boolean;
}

export function createLab(options: LabOptions = {}): Lab {
  deleteOwnNamespaces();
  const ns: Record<Place, string> = {
    internet: `${PREFIX}-internet`,
    home: `${PREFIX}-home`,
    client: `${PREFIX}-client`,
    office: `${PREFIX}-office`,
    desk: `${PREFIX}-desk`,
    mobile: `${PREFIX}-mobile`,
  };
  const children = new Set<ChildProcess>();
  const outputs = new WeakMap<ChildProcess, () => string>();
  const scripts = mkdtempSync(join(tmpdir(), `${PREFIX}-`));
  let closed = false;

  const killAll = () => {
    for (const child of children) {
      if (child.exitCode === null && child.signalCode === null && child.pid) {
        try {
          process.kill(child.pid, "SIGKILL");
        } catch {
          // Already gone.
        }
      }
    }
  };
  const teardown = () => {
    open.delete(teardown);
    killAll();
    for (const name of Object.values(ns)) {
      try {
        // Whatever still runs inside (a browser of a cut-short run) goes with its namespace.
        for (const pid of sh([IP, "netns", "pids", name]).split("\n").filter(Boolean)) {
          try {
            process.kill(Number(pid), "SIGKILL");
          } catch {
            // Already gone.
          }
        }
        sh([IP, "netns", "delete", name]);
      } catch {
        // Not created or already gone.
      }
    }
    rmSync(scripts, { recursive: true, force: true });
  };
  open.add(teardown);
  installHandlers();

  const ip = (place: Place, ...args: string[]) => sh([IP, "-n", ns[place], ...args]);
  const inNs = (place: Place, args: string[], input?: string, mayFail = false) => {
    try {
      return sh([IP, "netns", "exec", ns[place], ...args], input);
    } catch (error) {
      if (mayFail) return "";
      throw error;
    }
  };
  let clientDev = "eth0";
  let uplinkKbit: number | null = null;

  /** A veth pair between two places, each end named and addressed. */
  const link = (a: Place, aName: string, b: Place, bName: string) => {
    ip(a, "link", "add", aName, "type", "veth", "peer", "name", bName, "netns", ns[b]);
  };
  const up = (place: Place, dev: string, address?: string) => {
    if (address) ip(place, "addr", "add", address, "dev", dev);
    ip(place, "link", "set", dev, "up");
  };

  try {
    for (const name of Object.values(ns)) sh([IP, "netns", "add", name]);
    for (const place of Object.keys(ns) as Place[]) ip(place, "link", "set", "lo", "up");

    // The "internet": one bridge holding the service, coturn and the routers' WAN sides.
    ip("internet", "link", "add", "br0", "type", "bridge");
    up("internet", "br0", `${SERVICE_ADDRESS}/24`);
    ip("internet", "addr", "add", `${SECOND_ADDRESS}/24`, "dev", "br0");
    // Like the real internet, addresses nobody routes (the other side's private host
    // candidates) go somewhere and vanish: without a default route a send fails at
    // once, and coturn closes a relay session whose socket reports that error.
    // (A veth pair whose far end forwards nothing: a blackhole route would fail the send too.)
    ip("internet", "link", "add", "void0", "type", "veth", "peer", "name", "void1");
    up("internet", "void0");
    up("internet", "void1");
    ip("internet", "route", "add", "default", "dev", "void0");
    // Each router: its WAN address, and the LAN it serves now (the mobile one only later).
    const routers: [Place, string, [Place, string, string, string] | null][] = [
      ["home", HOME_WAN, ["client", "192.0.2.1", "192.0.2.10", "25"]],
      ["mobile", MOBILE_WAN, null],
      ["office", OFFICE_WAN, ["desk", "198.51.100.1", "198.51.100.10", "24"]],
    ];
    for (const [router, wan, lan] of routers) {
      link("internet", `${router}-wan`, router, "wan");
      ip("internet", "link", "set", `${router}-wan`, "master", "br0");
      up("internet", `${router}-wan`);
      up(router, "wan", `${wan}/24`);
      inNs(router, ["sh", "-c", "echo 1 > /proc/sys/net/ipv4/ip_forward"]);
      inNs(
        router,
        [NFT, "-f", "-"],
        routerRules(router === "home" ? options.homeRandomPorts === true : false),
      );
      if (!lan) continue;
      const [inside, gateway, address, bits] = lan;
      link(router, "lan", inside, "eth0");
      up(router, "lan", `${gateway}/${bits}`);
      up(inside, "eth0", `${address}/${bits}`);
      ip(inside, "route", "add", "default", "via", gateway);
    }
  } catch (error) {
    teardown();
    throw error;
  }

  return {
    ns,
    dir: scripts,
    run: (place, command, args, input) => inNs(place, [command, ...args], input),
    homeRandomPorts(random) {
      inNs("home", [NFT, "flush", "chain", "inet", "lab", "nat_out"]);
      const rule = ["oifname", '"wan"', "masquerade", ...(random ? ["fully-random"] : [])];
      inNs("home", [NFT, "add", "rule", "inet", "lab", "nat_out", ...rule]);
    },
    filter(place, rules) {
      inNs(place, [NFT, "flush", "chain", "inet", "lab", "filter_fwd"]);
      for (const rule of rules) {
        inNs(place, [NFT, "add", "rule", "inet", "lab", "filter_fwd", ...rule.split(" ")]);
      }
    },
    spawn(place, command, args, spawnOptions) {
      const child = spawn(IP, ["netns", "exec", ns[place], command, ...args], {
        stdio: spawnOptions?.ipc ? ["ignore", "pipe", "pipe", "ipc"] : ["ignore", "pipe", "pipe"],
        env: { ...process.env, ...spawnOptions?.env },
        // Its own process group: closing the lab stops what it started too (wrangler's workerd).
        detached: true,
      });
      children.add(child);
      child.once("exit", () => children.delete(child));
      // Always drained: a full pipe would stop a chatty process (coturn logs every packet's allocation).
      let tail = "";
      const keep = (chunk: Buffer) => {
        tail = (tail + chunk.toString()).slice(-20_000);
      };
      child.stdout?.on("data", keep);
      child.stderr?.on("data", keep);
      outputs.set(child, () => tail);
      return child;
    },
    output: (child) => outputs.get(child)?.() ?? "",
    chromium(place) {
      const path = join(scripts, `chromium-${place}`);
      writeFileSync(
        path,
        `#!/bin/sh\nexec ${IP} netns exec ${ns[place]} ${process.env.CHROMIUM_PATH ?? "/usr/bin/chromium"} "$@"\n`,
      );
      chmodSync(path, 0o755);
      return path;
    },
    moveClient(to) {
      const links = ip("client", "-o", "link", "show");
      for (const dev of ["eth0", "eth1"])
        if (links.includes(`${dev}@`)) ip("client", "link", "delete", dev);
      const lan = CLIENT_LANS[to];
      // The router keeps no old LAN link: deleting the client's end took the pair with it.
      link(to, "lan", "client", lan.dev);
      up(to, "lan", `${lan.gateway}/25`);
      up("client", lan.dev, `${lan.address}/25`);
      ip("client", "route", "add", "default", "via", lan.gateway);
      clientDev = lan.dev;
      if (uplinkKbit !== null) this.limitClientUplink(uplinkKbit);
    },
    limitClientUplink(kbit) {
      uplinkKbit = kbit;
      inNs("client", [TC, "qdisc", "del", "dev", clientDev, "root"], undefined, true);
      if (kbit === null) return;
      // A home router's uplink: tokens for `kbit`, a queue of at most 200 ms before it drops.
      inNs("client", [
        TC,
        "qdisc",
        "add",
        "dev",
        clientDev,
        "root",
        "tbf",
        "rate",
        `${kbit}kbit`,
        "burst",
        "6kb",
        "latency",
        "200ms",
      ]);
    },
    async close() {
      if (closed) return;
      closed = true;
      const waits = [...children].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once("exit", () => resolve());
            child.kill("SIGTERM");
          }),
      );
      await Promise.race([Promise.all(waits), new Promise((r) => setTimeout(r, 5000))]);
      teardown();
    },
  };
}
