/**
 * The Worker inside workerd (Miniflare): the bundle wrangler would deploy, a local
 * D1 migrated with the documented `wrangler d1 migrations apply` command, the room
 * Durable Object, the platform's static assets and a real `scheduled` event.
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { Miniflare, type MiniflareOptions } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unstable_readConfig } from "wrangler";
import { mintTicket } from "../../src/rooms/tickets.ts";
import { CLOSE, SOCKET_PROTOCOL, socketProtocols } from "../../src/rooms/wire.ts";
import { runToEnd } from "../../support/process.ts";
import { openWorkerSocket } from "../../support/test-socket.ts";
import {
  type BuiltWorker,
  buildWorker,
  compatibilityDate,
  workerOptions,
} from "../../support/worker-build.ts";
import { expectSecurityHeaders } from "../helpers/headers.ts";
import {
  type Open,
  type RoomControl,
  type SocketLike,
  signallingCases,
  TestSocket,
} from "../helpers/signalling.ts";

const root = join(import.meta.dirname, "..", "..");

let dir: string;
let built: BuiltWorker;
let mf: Miniflare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-worker-"));
  built = buildWorker(dir);
  mf = (await newWorker("shared")).worker;
});

/**
 * A Worker with its own copy of the migrated D1, so a test can start from an
 * empty database. `output()` is everything the Worker wrote to the console.
 */
async function newWorker(
  name: string,
): Promise<{ worker: Miniflare; options: MiniflareOptions; output: () => string }> {
  const state = join(dir, `state-${name}`);
  cpSync(join(dir, "state"), state, { recursive: true });
  let text = "";
  const options: MiniflareOptions = {
    ...workerOptions(built, {
      d1Persist: join(state, "v3", "d1"),
      assets: true,
      bindings: {
        SERVER_SECRET: "worker-test-secret-worker-test-secret-0123",
        SETUP_TOKEN: "worker-setup-token-0123",
      },
    }),
    handleRuntimeStdio(stdout: Readable, stderr: Readable) {
      stdout.on("data", (chunk: Buffer) => {
        text += String(chunk);
      });
      stderr.on("data", (chunk: Buffer) => {
        text += String(chunk);
      });
    },
  };
  const worker = new Miniflare(options);
  await worker.ready;
  return { worker, options, output: () => text };
}

afterAll(async () => {
  await mf?.dispose();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("the Worker in workerd", () => {
  it("serves the German start page in the layout", async () => {
    const res = await mf.dispatchFetch("http://localhost/");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Videosprechstunde");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
  });

  it("answers /healthz from the migrated D1 database", async () => {
    const res = await mf.dispatchFetch("http://localhost/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: true });
    const db = await mf.getD1Database("DB");
    const tables = await db.prepare("select name from sqlite_master where type = 'table'").all();
    const names = tables.results.map((row) => (row as { name: string }).name);
    expect(names).toEqual(expect.arrayContaining(["appointments", "counsellors", "sessions"]));
  });

  it("renders unknown routes as the friendly 404 page", async () => {
    const res = await mf.dispatchFetch("http://localhost/nirgendwo");
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("Seite nicht gefunden");
  });

  it("serves fingerprinted assets from the platform with long-lived caching", async () => {
    const html = await (await mf.dispatchFetch("http://localhost/")).text();
    const href = /href="(\/assets\/styles\.[0-9a-f]{10}\.css)"/.exec(html)?.[1];
    expect(href).toBeDefined();
    const res = await mf.dispatchFetch(`http://localhost${href}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/css/);
    expect(res.headers.get("cache-control")).toContain("immutable");
    expect(await res.text()).toContain("--accent");
  });

  it("gives static assets every security header a page gets (public/_headers)", async () => {
    const page = await mf.dispatchFetch("https://localhost/");
    await page.arrayBuffer();
    // Every built file (the stylesheet, htmx, each page script), as the platform serves it.
    const paths = readdirSync(join(root, "public", "assets"))
      .filter((name) => !/\.(gz|br)$/.test(name))
      .map((name) => `/assets/${name}`);
    expect(paths.some((path) => path.endsWith(".css"))).toBe(true);
    expect(paths.some((path) => path.endsWith(".js"))).toBe(true);
    // Only what belongs to the page itself: its type and caching, and form targets (assets have no forms).
    const own = new Set(["content-type", "content-length", "cache-control", "set-cookie", "vary"]);
    for (const path of paths) {
      const asset = await mf.dispatchFetch(`https://localhost${path}`);
      expect(asset.status, path).toBe(200);
      expect(asset.headers.get("cache-control"), path).toContain("immutable");
      expectSecurityHeaders(asset, path, { https: true });
      for (const [name, value] of page.headers) {
        if (own.has(name)) continue;
        const expected =
          name === "content-security-policy"
            ? value.replace(/form-action [^;]+/, "form-action 'self'")
            : value;
        expect(asset.headers.get(name), `${path}: ${name}`).toBe(expected);
      }
      await asset.arrayBuffer();
    }
  });

  it("binds the room Durable Object and it answers", async () => {
    // workerd has no jurisdictions; production uses ROOMS_JURISDICTION=eu (see README).
    const rooms = await mf.getDurableObjectNamespace("ROOMS");
    const stub = rooms.get(rooms.idFromName("appointment-1"));
    const res = await stub.fetch("http://room/state");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ sockets: 0 });
  });

  it("purges expired appointments and sessions when the cron trigger fires", async () => {
    const db = await mf.getD1Database("DB");
    await db
      .prepare("insert into counsellors (id, email, name, password_hash) values (?, ?, ?, ?)")
      .bind("c1", "c1@example.org", "C One", "x")
      .run();
    await db
      .prepare("insert into sessions (id, counsellor_id, expires_at) values (?, ?, ?), (?, ?, ?)")
      .bind("old", "c1", Date.now() - 1000, "fresh", "c1", Date.now() + 3_600_000)
      .run();
    // On D1 the purge keeps 60 days by default: Time Travel keeps 30 more restorable.
    const daysAgo = (days: number) => Date.now() - days * 86_400_000;
    const insert = db.prepare(
      "insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash, given_name) values (?, 'c1', ?, ?, 50, ?, ?)",
    );
    await db.batch([
      insert.bind("gone", "Old Client", daysAgo(100), "h1", "Typed Name"),
      insert.bind("gone-61", "Older Client", daysAgo(61), "h3", null),
      insert.bind("kept-59", "Recent Client", daysAgo(59), "h4", null),
      insert.bind("kept", "New Client", Date.now(), "h2", null),
    ]);
    const worker = await mf.getWorker();
    await worker.scheduled({ cron: "17 * * * *", scheduledTime: new Date() });
    const left = await db.prepare("select id from sessions order by id").all();
    expect(left.results.map((row) => (row as { id: string }).id)).toEqual(["fresh"]);
    const appointmentsLeft = await db.prepare("select id from appointments order by id").all();
    expect(appointmentsLeft.results.map((row) => (row as { id: string }).id)).toEqual([
      "kept",
      "kept-59",
    ]);
    const runs = await db.prepare("select counts from purge_runs").all();
    expect(JSON.parse((runs.results[0] as { counts: string }).counts)).toMatchObject({
      appointments: 2,
      sessions: 1,
    });
  });

  it("purges a backlog of thousands of due rows within D1's limits, in one cron run", async () => {
    const { worker, output } = await newWorker("backlog");
    try {
      const db = await worker.getD1Database("DB");
      await db
        .prepare("insert into counsellors (id, email, name, password_hash) values (?, ?, ?, ?)")
        .bind("c1", "c1@example.org", "C One", "x")
        .run();
      const longAgo = Date.now() - 100 * 86_400_000;
      // 4,000 ended and 30 never-ended appointments past the retention period, 2,000 of each
      // expired session and rate-limit record: far more than 100 bound parameters in any one batch.
      const rows = (table: string, columns: string, select: string, n: number) =>
        db
          .prepare(
            `with recursive n(i) as (select 1 union all select i + 1 from n where i < ${n}) insert into ${table} (${columns}) select ${select} from n`,
          )
          .bind(longAgo)
          .run();
      await rows(
        "appointments",
        "id, counsellor_id, client_name, starts_at, duration_minutes, code_hash, given_name, ended_at",
        "'ended-' || i, 'c1', 'Name ' || i, ?1, 50, 'hash-e' || i, 'Typed ' || i, ?1 + 3000000",
        4000,
      );
      await rows(
        "appointments",
        "id, counsellor_id, client_name, starts_at, duration_minutes, code_hash",
        "'no-show-' || i, 'c1', 'Name ' || i, ?1, 50, 'hash-n' || i",
        30,
      );
      await rows("sessions", "id, counsellor_id, expires_at", "'s' || i, 'c1', ?1", 2000);
      await rows("rate_limits", "key, count, reset_at", "'k' || i, 1, ?1", 2000);
      await db
        .prepare(
          "insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash) values (?, ?, ?, ?, ?, ?)",
        )
        .bind("kept", "c1", "Kept", Date.now(), 50, "hash-kept")
        .run();

      const worker0 = await worker.getWorker();
      const result = await worker0.scheduled({ cron: "17 * * * *", scheduledTime: new Date() });
      expect(result.outcome).toBe("ok");
      const left = await db.prepare("select id from appointments").all();
      expect(left.results.map((row) => (row as { id: string }).id)).toEqual(["kept"]);
      const count = async (table: string) =>
        ((await db.prepare(`select count(*) as n from ${table}`).first()) as { n: number }).n;
      expect(await count("sessions")).toBe(0);
      expect(await count("rate_limits")).toBe(0);
      const runs = await db.prepare("select counts from purge_runs").all();
      expect(JSON.parse((runs.results[0] as { counts: string }).counts)).toEqual({
        appointments: 4030,
        participants: 0,
        sessions: 2000,
        rate_limits: 2000,
        purge_runs: 0,
        poll_changes: 0,
      });
      expect(output()).toMatch(/"event":"purge","appointments":4030/);
    } finally {
      await worker.dispose();
    }
  }, 300_000);

  it("declares the Paid plan's CPU limit, and npm run deploy says so before it deploys", async () => {
    // Sign-in hashes with argon2id for several hundred ms of CPU (npm run bench -- signin);
    // the Free plan's 10 ms would end every sign-in with error 1102.
    const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
    expect(config.limits?.cpu_ms).toBe(30_000);
    const deployed = await runToEnd(
      "npm",
      ["run", "deploy", "--silent", "--", "--dry-run", "--outdir", join(dir, "deploy-out")],
      { WRANGLER_SEND_METRICS: "false", CI: "true" },
    );
    expect(deployed.code, deployed.output).toBe(0);
    expect(deployed.output).toContain("Sprechzimmer needs the Workers Paid plan");
    expect(deployed.output).toContain("allows 30000 ms of CPU per request (limits.cpu_ms)");
    expect(deployed.output).toMatch(/--dry-run: exiting now/);
  }, 120_000);

  it("keeps no code, ticket, name or address in its logs, and the platform keeps no request URL", async () => {
    const config = unstable_readConfig({ config: join(root, "wrangler.toml") });
    expect(config.observability?.logs?.invocation_logs).toBe(false);
    expect(config.observability?.traces?.enabled).toBe(false);

    const { worker, output } = await newWorker("logs");
    try {
      const code = "493817260534";
      const res = await worker.dispatchFetch("http://localhost/join", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://localhost",
          "cf-connecting-ip": "203.0.113.77",
        },
        body: new URLSearchParams({ code, name: "Erika Mustermann", consent: "yes" }).toString(),
        redirect: "manual",
      });
      expect(res.status).toBe(422);
      await worker.dispatchFetch(`http://localhost/join?code=${code}`);
      const ticket = await mintTicket(
        "worker-test-secret-worker-test-secret-0123",
        "log-room",
        "client",
        new Date(),
      );
      const socket = await worker.dispatchFetch("http://localhost/rooms/log-room/ws", {
        headers: {
          Upgrade: "websocket",
          "Sec-WebSocket-Protocol": socketProtocols(ticket, "client-page-1").join(", "),
        },
      });
      expect(socket.status).toBe(101);
      socket.webSocket?.accept();
      socket.webSocket?.close(1000, "done");
      await expect.poll(output).toMatch(/"route":"\/rooms\/:room\/ws"/);
      const logged = output();
      for (const secret of [code, "Erika", "Mustermann", "203.0.113.77", ticket.split(".")[1]]) {
        expect(logged).not.toContain(secret);
      }
    } finally {
      await worker.dispose();
    }
  });

  it("makes a failing purge loud: an error line, and the cron run fails", async () => {
    const { worker, output } = await newWorker("failing-purge");
    try {
      const db = await worker.getD1Database("DB");
      // A database the purge cannot complete on.
      await db.prepare("drop table purge_runs").run();
      const result = await (await worker.getWorker()).scheduled({
        cron: "17 * * * *",
        scheduledTime: new Date(),
      });
      expect(result.outcome).toBe("exception");
      expect(output()).toMatch(/"level":"error","event":"purge failed"/);
    } finally {
      await worker.dispose();
    }
  });

  it("fails the cron run with one line when SERVER_SECRET is not the one the database was made with", async () => {
    const { worker, output } = await newWorker("changed-secret");
    try {
      const db = await worker.getD1Database("DB");
      const scheduled = async () =>
        (await worker.getWorker()).scheduled({ cron: "17 * * * *", scheduledTime: new Date() });
      // The first run stores the key check; the next runs compare it.
      expect((await scheduled()).outcome).toBe("ok");
      expect((await scheduled()).outcome).toBe("ok");
      await db.prepare("update settings set value = 'made-with-another-secret'").run();
      expect((await scheduled()).outcome).toBe("exception");
      expect(output()).toMatch(
        /"level":"error","event":"configuration","message":"Configuration error: SERVER_SECRET is not the secret this database was created with/,
      );
    } finally {
      await worker.dispose();
    }
  });

  it("runs the counsellor side on D1: setup, sign-in, an appointment with its code, the dashboard", async () => {
    const mf = (await newWorker("counsellor")).worker;
    const form = (data: Record<string, string>, cookie = "") => ({
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        origin: "http://localhost",
        cookie,
      },
      body: new URLSearchParams(data).toString(),
      redirect: "manual" as const,
    });
    const setup = await mf.dispatchFetch(
      "http://localhost/setup?token=worker-setup-token-0123",
      form({ name: "Anna", email: "anna@example.org", password: "correct horse battery" }),
    );
    expect(setup.status).toBe(303);
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const created = await mf.dispatchFetch(
      "http://localhost/appointments",
      form(
        { clientName: "Frau Müller", date: "2099-01-05", time: "10:00", durationMinutes: "50" },
        cookie,
      ),
    );
    expect(created.status).toBe(303);
    const page = await mf.dispatchFetch(`http://localhost${created.headers.get("location")}`, {
      headers: { cookie },
    });
    const html = await page.text();
    expect(html).toMatch(/data-dial-in-code="\d{12}"/);
    expect(html).toContain("Montag, 5. Januar 2099 um 10:00 Uhr");
    // The edge sends no mail: the page says so, and the bundle carries no SMTP client.
    expect(html).toContain("E-Mail ist auf diesem Server nicht eingerichtet.");
    expect(html).not.toContain("/email-invitation");
    expect(readFileSync(built.scriptPath, "utf8")).not.toContain("nodemailer");
    const dashboard = await mf.dispatchFetch("http://localhost/dashboard", { headers: { cookie } });
    expect(dashboard.status).toBe(200);
    const wrong = await mf.dispatchFetch(
      "http://localhost/login",
      form({ email: "anna@example.org", password: "wrong password" }),
    );
    expect(wrong.status).toBe(401);
    await mf.dispose();
  });

  it("refuses to serve without SERVER_SECRET, with one clear line", async () => {
    const bare = new Miniflare({
      modules: true,
      scriptPath: built.scriptPath,
      modulesRoot: built.modulesRoot,
      compatibilityDate,
      d1Databases: { DB: "bare" },
      durableObjects: { ROOMS: { className: "Room", useSQLite: true } },
    });
    try {
      const res = await bare.dispatchFetch("http://localhost/");
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(
        /^Configuration error: SERVER_SECRET must be set on the edge/,
      );
    } finally {
      await bare.dispose();
    }
  });

  it("on D1 refuses a retention that Time Travel's 30 days would carry past three months", async () => {
    const long = new Miniflare({
      modules: true,
      scriptPath: built.scriptPath,
      modulesRoot: built.modulesRoot,
      compatibilityDate: "2026-04-20",
      d1Databases: { DB: "long" },
      durableObjects: { ROOMS: { className: "Room", useSQLite: true } },
      bindings: {
        SERVER_SECRET: "worker-test-secret-worker-test-secret-0123",
        RETENTION_DAYS: "90",
      },
    });
    try {
      const res = await long.dispatchFetch("http://localhost/");
      expect(res.status).toBe(500);
      expect(await res.text()).toMatch(
        /^Configuration error: RETENTION_DAYS must be at most 60 days, since the database keeps deleted rows restorable for 30 more/,
      );
    } finally {
      await long.dispose();
    }
  });
});

describe("signalling through the room Durable Object", () => {
  const SECRET = "worker-test-secret-worker-test-secret-0123";
  let rooms = 0;

  async function upgrade(room: string, ticket: string, session: string) {
    return mf.dispatchFetch(`http://localhost/rooms/${room}/ws`, {
      headers: {
        Upgrade: "websocket",
        "Sec-WebSocket-Protocol": socketProtocols(ticket, session).join(", "),
      },
    });
  }

  const open: Open = async (room, member, session) => {
    const res = await upgrade(room, await mintTicket(SECRET, room, member, new Date()), session);
    const ws = res.webSocket;
    if (res.status !== 101 || !ws) throw new Error(`upgrade refused with ${res.status}`);
    // A browser drops the socket unless the answer names one of the offered subprotocols.
    expect(res.headers.get("sec-websocket-protocol")).toBe(SOCKET_PROTOCOL);
    const socket = new TestSocket(ws as unknown as SocketLike);
    ws.accept();
    return socket;
  };

  /** The requests `durableRooms` makes of the object, made here to the object directly. */
  const post = async (room: string, path: string, body?: unknown) => {
    const namespace = await mf.getDurableObjectNamespace("ROOMS");
    const res = await namespace.get(namespace.idFromName(room)).fetch(`http://room${path}`, {
      method: "POST",
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    expect(res.status, path).toBe(204);
  };
  const control: RoomControl = {
    end: (room) => post(room, "/end"),
    release: (room, member) => post(room, "/release", { member }),
    sendBack: (room, member) => post(room, "/send-back", { member }),
    knock: (room, knock) => post(room, "/knock", knock),
  };

  signallingCases(
    () => open,
    () => `worker-room-${++rooms}`,
    () => control,
  );

  it("refuses a release or send-back that names no member", async () => {
    const namespace = await mf.getDurableObjectNamespace("ROOMS");
    const stub = namespace.get(namespace.idFromName("worker-room-bad-control"));
    for (const path of ["/release", "/send-back"]) {
      for (const body of ["", "null", '{"member":"admin"}', '{"role":"client"}']) {
        const res = await stub.fetch(`http://room${path}`, { method: "POST", body });
        expect(res.status, `${path} ${body}`).toBe(400);
      }
    }
  });

  it("refuses forged and other rooms' tickets before the Durable Object", async () => {
    const forged = await mintTicket(`${SECRET}-not`, "w1", "client", new Date());
    expect((await upgrade("w1", forged, "client-page-1")).status).toBe(403);
    const other = await mintTicket(SECRET, "w2", "client", new Date());
    expect((await upgrade("w1", other, "client-page-1")).status).toBe(403);
  });

  it("refuses a valid ticket once its appointment's session has ended", async () => {
    const db = await mf.getD1Database("DB");
    await db
      .prepare(
        "insert or ignore into counsellors (id, email, name, password_hash) values (?, ?, ?, ?)",
      )
      .bind("c-ended", "ended@example.org", "Ended", "x")
      .run();
    await db
      .prepare(
        "insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash, admitted_at, ended_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
      )
      .bind("ended-room", "c-ended", "K", Date.now(), 50, "h-ended", Date.now(), Date.now())
      .run();
    const ticket = await mintTicket(SECRET, "ended-room", "counsellor", new Date());
    const res = await upgrade("ended-room", ticket, "counsellor-page-1");
    expect(res.status).toBe(403);
    const namespace = await mf.getDurableObjectNamespace("ROOMS");
    const room = await namespace.get(namespace.idFromName("ended-room")).fetch("http://room/");
    expect(await room.json()).toEqual({ sockets: 0 });
  });

  it("keeps the sockets in the Durable Object, not the Worker", async () => {
    const counsellor = await open("worker-room-count", "counsellor", "counsellor-page-1");
    await counsellor.next();
    const namespace = await mf.getDurableObjectNamespace("ROOMS");
    const res = await namespace
      .get(namespace.idFromName("worker-room-count"))
      .fetch("http://room/");
    expect(await res.json()).toEqual({ sockets: 1 });
    counsellor.close();
  });

  it("closes and clears the room of a never-ended session the cron purge deletes", async () => {
    const db = await mf.getD1Database("DB");
    await db
      .prepare(
        "insert or ignore into counsellors (id, email, name, password_hash) values (?, ?, ?, ?)",
      )
      .bind("c-room", "room@example.org", "Room", "x")
      .run();
    await db
      .prepare(
        "insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash, admitted_at) values (?, ?, ?, ?, ?, ?, ?)",
      )
      .bind(
        "purged-room",
        "c-room",
        "Old",
        Date.now() - 200 * 86_400_000,
        50,
        "h-room",
        Date.now() - 200 * 86_400_000,
      )
      .run();
    const counsellor = await open("purged-room", "counsellor", "counsellor-page-1");
    await counsellor.next();
    const worker = await mf.getWorker();
    await worker.scheduled({ cron: "17 * * * *", scheduledTime: new Date() });
    expect(await counsellor.next()).toEqual({ type: "ended" });
    expect(await counsellor.closed).toBe(CLOSE.ended);
    const namespace = await mf.getDurableObjectNamespace("ROOMS");
    const res = await namespace.get(namespace.idFromName("purged-room")).fetch("http://room/");
    expect(await res.json()).toEqual({ sockets: 0 });
    const row = await db
      .prepare("select id from appointments where id = ?")
      .bind("purged-room")
      .first();
    expect(row).toBeNull();
  });

  it("recovers from a reset of the room Durable Object: both sides reconnect and relay again", async () => {
    const { worker, options } = await newWorker("reset");
    const openOn = (room: string, role: "counsellor" | "client", session: string) =>
      openWorkerSocket(worker, SECRET, room, role, session);
    const connectBoth = async () => {
      const counsellor = await openOn("reset-room", "counsellor", "counsellor-page-1");
      await counsellor.next();
      const client = await openOn("reset-room", "client", "client-page-1");
      expect(await client.next()).toMatchObject({
        type: "join",
        peers: [{ id: "counsellor", session: "counsellor-page-1" }],
      });
      expect(await counsellor.next()).toEqual({
        type: "peer-joined",
        from: "client",
        session: "client-page-1",
      });
      return { counsellor, client };
    };
    const relays = async (pair: Awaited<ReturnType<typeof connectBoth>>) => {
      const candidate = { candidate: { candidate: "", sdpMid: "0" } };
      pair.counsellor.send({ type: "candidate", to: "client", ...candidate });
      expect(await pair.client.next()).toEqual({
        type: "candidate",
        from: "counsellor",
        ...candidate,
      });
      pair.client.send({ type: "candidate", to: "counsellor", ...candidate });
      expect(await pair.counsellor.next()).toEqual({
        type: "candidate",
        from: "client",
        ...candidate,
      });
    };
    try {
      const before = await connectBoth();
      await relays(before);
      // Restarting the runtime throws the object and its sockets away, as a reset on the edge does.
      await worker.setOptions(options);
      await Promise.all([before.counsellor.closed, before.client.closed]);
      // The pages reconnect with the same sessions (as src/client/call/signalling.ts does).
      const after = await connectBoth();
      await relays(after);
      after.counsellor.close();
      after.client.close();
    } finally {
      await worker.dispose();
    }
  });
});
