/**
 * Faults: the Node server restarted while a client waits (real processes on one
 * data folder), and a database that is briefly unavailable (in process).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCounsellor } from "../../src/auth/counsellors.ts";
import { inRequestHasher } from "../../src/auth/passwords.ts";
import { openLibsql } from "../../src/db/libsql.ts";
import { type RunningServer, startServer } from "../../support/process.ts";
import { CODE, insertAppointment, readAppointment } from "../helpers/appointments.ts";
import { flaky } from "../helpers/flaky-db.ts";
import { makeWorld, type World } from "../helpers/world.ts";

const root = join(import.meta.dirname, "..", "..");
const SECRET = "faults-secret-faults-secret-faults-secret";
const PASSWORD = "correct horse battery";

let server: RunningServer | undefined;
let dir: string | undefined;
let world: World | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
  world?.t.close();
  world = undefined;
});

function startNode(dataDir: string) {
  return startServer(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, "src", "runtime", "node.ts")],
    {
      PORT: "0",
      DATA_DIR: dataDir,
      SERVER_SECRET: SECRET,
    },
  );
}

/** A same-origin form post to a running server; redirects are returned, not followed. */
function postTo(url: string, path: string, fields: Record<string, string>, cookie = "") {
  return fetch(`${url}${path}`, {
    method: "POST",
    redirect: "manual",
    headers: {
      Origin: url,
      "Content-Type": "application/x-www-form-urlencoded",
      ...(cookie ? { Cookie: cookie } : {}),
    },
    body: new URLSearchParams(fields),
  });
}

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

describe("a restart of the Node server", () => {
  it("keeps a waiting client in the waiting room and lets them in once admitted", async () => {
    dir = mkdtempSync(join(tmpdir(), "sprechzimmer-faults-"));
    // The first start creates and migrates the database; then the office's data goes in.
    server = await startNode(dir);
    const database = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
    const counsellorId = await createCounsellor(
      database.db,
      {
        email: "a@example.org",
        name: "Frau A",
        role: "counsellor",
        password: PASSWORD,
      },
      inRequestHasher,
    );
    const id = await insertAppointment(database.db, SECRET, {
      startsAt: new Date(Date.now() + 5 * 60_000),
      extra: { counsellorId },
    });
    database.client.close();

    const joined = await postTo(server.url, "/join", { code: CODE, name: "Maria", consent: "yes" });
    expect(joined.status).toBe(303);
    const client = cookieOf(joined);
    expect((await fetch(`${server.url}/lobby`, { headers: { Cookie: client } })).status).toBe(200);

    await server.stop();
    server = await startNode(dir);
    const url = server.url;

    const lobby = await fetch(`${url}/lobby`, { headers: { Cookie: client } });
    expect(lobby.status).toBe(200);
    expect(await lobby.text()).toContain("Sie sind im Wartezimmer");

    const signedIn = await postTo(url, "/login", { email: "a@example.org", password: PASSWORD });
    expect(signedIn.status).toBe(303);
    const started = await postTo(url, `/appointments/${id}/start`, {}, cookieOf(signedIn));
    expect(started.headers.get("location")).toBe(`/appointments/${id}/call`);

    const status = await fetch(`${url}/lobby/status`, {
      redirect: "manual",
      headers: { Cookie: client },
    });
    expect(status.status).toBe(303);
    expect(status.headers.get("location")).toBe("/call");
  }, 60_000);
});

describe("a database that is briefly unavailable", () => {
  it("answers with friendly 503s, then recovers with nothing lost", async () => {
    world = await makeWorld();
    const { t, x, cookies } = world;
    const outage = flaky(t.database.client);
    t.deps.db = outage.db;
    const before = await readAppointment(t.deps.db, x);
    const asCounsellor = { headers: { cookie: cookies.counsellorA } };
    const asClient = { headers: { cookie: cookies.clientX } };

    outage.down();
    const health = await t.app.request("/healthz");
    expect(health.status).toBe(503);
    for (const [path, init] of [
      [`/appointments/${x}`, asCounsellor],
      ["/dashboard/today", asCounsellor],
      ["/lobby", asClient],
      ["/lobby/status", asClient],
    ] as const) {
      const res = await t.app.request(path, init);
      expect(res.status, path).toBe(503);
      expect(res.headers.get("retry-after"), path).toBe("30");
      expect(await res.text(), path).toContain("Gerade nicht erreichbar");
    }

    outage.up();
    expect((await t.app.request("/healthz")).status).toBe(200);
    expect((await t.app.request(`/appointments/${x}`, asCounsellor)).status).toBe(200);
    expect((await t.app.request("/lobby", asClient)).status).toBe(200);
    const after = await readAppointment(t.deps.db, x);
    expect({ ...after, lastSeenAt: null, updatedAt: null }).toEqual({
      ...before,
      lastSeenAt: null,
      updatedAt: null,
    });
  });
});
