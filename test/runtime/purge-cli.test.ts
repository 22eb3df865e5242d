import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { counsellors } from "../../db/schema.ts";
import { createAppointment } from "../../src/appointments/store.ts";
import { migrateLibsql, openLibsql } from "../../src/db/libsql.ts";
import { RUNTIME_ENTRIES, runToEnd, startServer } from "../../support/process.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const script = join(root, "scripts", "purge.ts");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("npm run purge", () => {
  it("previews with --dry-run and deletes as of --now, printing counts per table", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-purge-"));
    dirs.push(dir);
    const url = `file:${join(dir, "sprechzimmer.db")}`;
    const handle = await openLibsql(url);
    await migrateLibsql(handle.db);
    await handle.db
      .insert(counsellors)
      .values({ id: "c1", email: "a@example.org", name: "A", passwordHash: "x" });
    const secret = "cli-secret-cli-secret-cli-secret-0123456";
    const startsAt = new Date("2026-12-01T09:00:00Z");
    await createAppointment(
      handle.db,
      secret,
      "c1",
      { clientName: "K", startsAt, durationMinutes: 60, note: undefined },
      startsAt,
    );
    handle.client.close();
    const env = { DATA_DIR: dir, SERVER_SECRET: secret };

    const early = await runToEnd(tsx, [script, "--dry-run", "--now", "2027-02-27"], env);
    expect(early.code).toBe(0);
    expect(early.output).toMatch(
      /Would delete as of 2027-02-27T00:00:00.000Z \(retention 90 days\)/,
    );
    expect(early.output).toMatch(/appointments\s+0/);

    const preview = await runToEnd(tsx, [script, "--dry-run", "--now", "2027-03-02"], env);
    expect(preview.output).toMatch(/appointments\s+1/);
    const stillThere = await openLibsql(url);
    expect(
      (await stillThere.client.execute("select count(*) as n from appointments")).rows[0]?.n,
    ).toBe(1);
    stillThere.client.close();

    const real = await runToEnd(tsx, [script, "--now", "2027-03-02"], env);
    expect(real.code).toBe(0);
    expect(real.output).toMatch(/Deleted as of 2027-03-02/);
    expect(real.output).toMatch(/appointments\s+1/);
    const after = await openLibsql(url);
    expect((await after.client.execute("select count(*) as n from appointments")).rows[0]?.n).toBe(
      0,
    );
    after.client.close();

    const bad = await runToEnd(tsx, [script, "--now", "yesterday"], env);
    expect(bad.code).toBe(1);
    expect(bad.output).toContain("--now must be a date");
  });

  /** A migrated database the purge cannot complete on (its log table is gone). */
  async function brokenDatabase() {
    const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-purge-broken-"));
    dirs.push(dir);
    const handle = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
    await migrateLibsql(handle.db);
    await handle.client.execute("drop table purge_runs");
    handle.client.close();
    return { DATA_DIR: dir, SERVER_SECRET: "cli-secret-cli-secret-cli-secret-0123456" };
  }

  it("says so in one line and exits with 1 when the purge fails", async () => {
    const failed = await runToEnd(tsx, [script], await brokenDatabase());
    expect(failed.code).toBe(1);
    expect(failed.output).toMatch(/^Purge failed \(.*purge_runs.*\); nothing was lost/m);
  });

  it.each([
    ["Node", RUNTIME_ENTRIES.node.command, RUNTIME_ENTRIES.node.args],
    ["Deno", RUNTIME_ENTRIES.deno.command, RUNTIME_ENTRIES.deno.args],
  ])(
    "logs an error line when the %s timer's purge fails, and keeps serving",
    async (_name, command, args) => {
      const server = await startServer(command, args, { ...(await brokenDatabase()), PORT: "0" });
      try {
        await expect
          .poll(server.output, { timeout: 60_000, interval: 200 })
          .toMatch(/"level":"error","event":"purge failed"/);
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        await server.stop();
      }
    },
  );
});
