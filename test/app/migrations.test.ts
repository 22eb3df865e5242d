import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getTableName } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import journal from "../../db/migrations/meta/_journal.json" with { type: "json" };
import { tables } from "../../db/schema.ts";
import { migrateLibsql, openLibsql } from "../../src/db/libsql.ts";
import { runToEnd } from "../../support/process.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-migrate-"));
  dirs.push(dir);
  return join(dir, "m.db");
}

async function tableNames(url: string): Promise<string[]> {
  const { client } = await openLibsql(url);
  const rows = await client.execute(
    "select name from sqlite_master where type = 'table' order by name",
  );
  client.close();
  return rows.rows.map((row) => String(row.name));
}

describe("migrations", () => {
  it("create every schema table and are safe to run twice", async () => {
    const url = `file:${tempFile()}`;
    const { client, db } = await openLibsql(url);
    await migrateLibsql(db);
    await migrateLibsql(db);
    const applied = await client.execute("select count(*) as n from __drizzle_migrations");
    client.close();
    expect(Number(applied.rows[0]?.n)).toBeGreaterThan(0);
    const names = await tableNames(url);
    for (const table of Object.values(tables)) expect(names).toContain(getTableName(table));
  });

  it("are applied by npm run db:migrate to the database in DATABASE_URL", async () => {
    const file = tempFile();
    const result = await runToEnd("node_modules/.bin/tsx", ["scripts/migrate.ts"], {
      DATABASE_URL: `file:${file}`,
    });
    expect(result.output).toContain("Migrations applied");
    expect(result.code).toBe(0);
    expect(await tableNames(`file:${file}`)).toEqual(
      expect.arrayContaining(Object.values(tables).map(getTableName)),
    );
  });

  it("are safe with two connections migrating at once", async () => {
    const url = `file:${tempFile()}`;
    const first = await openLibsql(url);
    const second = await openLibsql(url);
    // Both read the journal before either writes: the loser's batch must not fail the start.
    await Promise.all([migrateLibsql(first.db), migrateLibsql(second.db)]);
    const applied = await first.client.execute("select count(*) as n from __drizzle_migrations");
    first.client.close();
    second.client.close();
    expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);
  });

  it("are safe with several processes starting at once", async () => {
    const url = `file:${tempFile()}`;
    const runOne = () =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn("node_modules/.bin/tsx", ["test/fixtures/migrate-once.ts"], {
          env: { ...process.env, URL: url },
        });
        let out = "";
        child.stdout.on("data", (chunk) => {
          out += chunk;
        });
        child.stderr.on("data", (chunk) => {
          out += chunk;
        });
        child.on("close", (code) => resolve({ code, out }));
      });
    const results = await Promise.all([runOne(), runOne(), runOne()]);
    for (const result of results) {
      expect(result.out).toContain("migrated");
      expect(result.code).toBe(0);
    }
    const { client } = await openLibsql(url);
    const applied = await client.execute("select count(*) as n from __drizzle_migrations");
    client.close();
    expect(Number(applied.rows[0]?.n)).toBe(journal.entries.length);
  });
});
