/**
 * The Node and Deno entries as real processes: each creates its data folder and
 * libSQL file, migrates, serves `/` and `/healthz`, and stops on a bad setting
 * with one clear line.
 */
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  RUNTIME_ENTRIES,
  type RunningServer,
  runToEnd,
  startServer,
} from "../../support/process.ts";

/** The permission bits of a file or folder, as `0o…`. */
const modeOf = (path: string) => `0o${(statSync(path).mode & 0o777).toString(8)}`;
const runtimes = RUNTIME_ENTRIES;

let server: RunningServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(runtimes))("the %s entry", (name, { command, args }) => {
  it("creates the data folder, migrates and serves / and /healthz", async () => {
    const parent = mkdtempSync(join(tmpdir(), `sprechzimmer-${name}-`));
    dirs.push(parent);
    const dataDir = join(parent, "data");
    server = await startServer(command, args, { PORT: "0", DATA_DIR: dataDir });

    const home = await fetch(`${server.url}/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('<html lang="de">');
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);

    expect(existsSync(join(dataDir, "sprechzimmer.db"))).toBe(true);
    expect(
      readFileSync(join(dataDir, "server-secret"), "utf8").trim().length,
    ).toBeGreaterThanOrEqual(32);

    const css = /href="(\/assets\/styles\.[0-9a-f]{10}\.css)"/.exec(
      await (await fetch(`${server.url}/`)).text(),
    )?.[1];
    const asset = await fetch(`${server.url}${css}`, { headers: { "Accept-Encoding": "br" } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(asset.headers.get("content-encoding")).toBe("br");

    // No counsellor yet: the start line names the setup link, and it works.
    const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(server.output())?.[1];
    expect(link).toBeDefined();
    const setup = await fetch(link ?? "");
    expect(setup.status).toBe(200);
    expect(await setup.text()).toContain("Erstes Konto einrichten");
    expect((await fetch(`${server.url}/setup?token=wrong`)).status).toBe(403);

    // The first admin through the printed link, then a sign-in: argon2id, sessions and the
    // client address for rate limits all work on this runtime.
    const origin = new URL(server.url).origin;
    const form = (data: Record<string, string>) => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin },
      body: new URLSearchParams(data).toString(),
      redirect: "manual" as const,
    });
    const created = await fetch(
      link ?? "",
      form({ name: "Anna", email: "anna@example.org", password: "correct horse battery" }),
    );
    expect(created.status).toBe(303);
    const wrong = await fetch(
      `${server.url}/login`,
      form({ email: "anna@example.org", password: "wrong password" }),
    );
    expect(wrong.status).toBe(401);
    const right = await fetch(
      `${server.url}/login`,
      form({ email: "anna@example.org", password: "correct horse battery" }),
    );
    expect(right.status).toBe(303);
    const cookie = (right.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    expect((await fetch(`${server.url}/dashboard`, { headers: { cookie } })).status).toBe(200);

    // Only this user can read the data: the folder 0700, the database and its WAL files 0600.
    expect(modeOf(dataDir)).toBe("0o700");
    for (const file of ["sprechzimmer.db", "sprechzimmer.db-wal", "sprechzimmer.db-shm"]) {
      expect(modeOf(join(dataDir, file)), file).toBe("0o600");
    }
  });

  it("narrows an existing data folder and database file to this user", async () => {
    const parent = mkdtempSync(join(tmpdir(), `sprechzimmer-${name}-`));
    dirs.push(parent);
    const dataDir = join(parent, "data");
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    writeFileSync(join(dataDir, "sprechzimmer.db"), "", { mode: 0o644 });
    chmodSync(join(dataDir, "sprechzimmer.db"), 0o644);
    server = await startServer(command, args, { PORT: "0", DATA_DIR: dataDir });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(modeOf(dataDir)).toBe("0o700");
    for (const file of ["sprechzimmer.db", "sprechzimmer.db-wal", "sprechzimmer.db-shm"]) {
      expect(modeOf(join(dataDir, file)), file).toBe("0o600");
    }
  });

  it("refuses to start with another server secret than the database was made with", async () => {
    const parent = mkdtempSync(join(tmpdir(), `sprechzimmer-${name}-`));
    dirs.push(parent);
    const dataDir = join(parent, "data");
    const first = "first-secret-first-secret-first-secret-01";
    server = await startServer(command, args, {
      PORT: "0",
      DATA_DIR: dataDir,
      SERVER_SECRET: first,
    });
    await server.stop();
    server = undefined;

    const refused =
      /^Configuration error: SERVER_SECRET is not the secret this database was created with/;
    const changed = await runToEnd(command, args, {
      PORT: "0",
      DATA_DIR: dataDir,
      SERVER_SECRET: "other-secret-other-secret-other-secret-02",
    });
    expect(changed.code).toBe(1);
    expect(changed.output.trim().split("\n").at(-1)).toMatch(refused);
    expect(changed.output).not.toMatch(/\bat .+:\d+:\d+/);
    // Without SERVER_SECRET the secret generated into the data folder differs too.
    const generated = await runToEnd(command, args, { PORT: "0", DATA_DIR: dataDir });
    expect(generated.code).toBe(1);
    expect(generated.output.trim().split("\n").at(-1)).toMatch(refused);

    // The right secret starts again.
    unlinkSync(join(dataDir, "server-secret"));
    server = await startServer(command, args, {
      PORT: "0",
      DATA_DIR: dataDir,
      SERVER_SECRET: first,
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("honours DATABASE_URL", async () => {
    const parent = mkdtempSync(join(tmpdir(), `sprechzimmer-${name}-`));
    dirs.push(parent);
    const file = join(parent, "elsewhere.db");
    server = await startServer(command, args, {
      PORT: "0",
      DATA_DIR: join(parent, "data"),
      DATABASE_URL: `file:${file}`,
    });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect(existsSync(file)).toBe(true);
  });

  it("refuses a bad setting with one line naming the variable", async () => {
    const parent = mkdtempSync(join(tmpdir(), `sprechzimmer-${name}-`));
    dirs.push(parent);
    const result = await runToEnd(command, args, {
      PORT: "0",
      DATA_DIR: join(parent, "data"),
      RETENTION_DAYS: "365",
    });
    expect(result.code).toBe(1);
    const lines = result.output.trim().split("\n");
    expect(lines.at(-1)).toMatch(/^Configuration error: RETENTION_DAYS must be at most 90 days/);
    expect(result.output).not.toMatch(/\bat .+:\d+:\d+/);
  });
});
