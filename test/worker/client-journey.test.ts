/**
 * The client journey in the Worker bundle inside workerd, against a local D1:
 * join with a form post, wait in the lobby, get sent on once admitted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashCode } from "../../src/appointments/codes.ts";
import { compatibilityDate } from "../../support/worker-build.ts";

const root = join(import.meta.dirname, "..", "..");
const wrangler = join(root, "node_modules", ".bin", "wrangler");
const D1_ID = /database_id\s*=\s*"([^"]+)"/.exec(
  readFileSync(join(root, "wrangler.toml"), "utf8"),
)?.[1];
const SECRET = "worker-journey-secret-worker-journey-01";
const CODE = "246813579024";

let dir: string;
let mf: Miniflare;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-worker-journey-"));
  const env = { ...process.env, WRANGLER_SEND_METRICS: "false", CI: "true" };
  const run = (args: string[]) => execFileSync(wrangler, args, { cwd: root, env, stdio: "pipe" });
  run(["deploy", "--dry-run", "--outdir", join(dir, "out")]);
  run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", join(dir, "state")]);
  mf = new Miniflare({
    modules: true,
    scriptPath: join(dir, "out", "worker.js"),
    modulesRoot: join(dir, "out"),
    compatibilityDate,
    d1Databases: { DB: D1_ID ?? "" },
    d1Persist: join(dir, "state", "v3", "d1"),
    durableObjects: { ROOMS: { className: "Room", useSQLite: true } },
    bindings: { SERVER_SECRET: SECRET, ROOMS_JURISDICTION: "none" },
  });
  await mf.ready;
  const db = await mf.getD1Database("DB");
  await db
    .prepare(
      "insert into counsellors (id, email, name, password_hash) values ('c1', 'c1@example.org', 'Herr Kaya', 'x')",
    )
    .run();
  await db
    .prepare(
      "insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash) values ('a1', 'c1', 'X', ?, 50, ?)",
    )
    .bind(Date.now() + 60_000, await hashCode(SECRET, CODE))
    .run();
});

afterAll(async () => {
  await mf?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("the client journey on Workers", () => {
  it("joins, waits and is sent on to /call once admitted", async () => {
    const joined = await mf.dispatchFetch("http://localhost/join", {
      method: "POST",
      redirect: "manual",
      headers: { Origin: "http://localhost", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: CODE, name: "Maria", consent: "yes" }).toString(),
    });
    expect(joined.status).toBe(303);
    const cookie = (joined.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const lobby = await mf.dispatchFetch("http://localhost/lobby", { headers: { Cookie: cookie } });
    const html = await lobby.text();
    expect(html).toContain("Sie sind im Wartezimmer");
    expect(html).toContain("Herr Kaya");

    const db = await mf.getD1Database("DB");
    await db
      .prepare("update appointments set admitted_at = ? where id = 'a1'")
      .bind(Date.now())
      .run();
    const status = await mf.dispatchFetch("http://localhost/lobby/status", {
      headers: { Cookie: cookie, "HX-Request": "true" },
    });
    expect(status.headers.get("hx-redirect")).toBe("/call");
    await status.arrayBuffer();
  });
});
