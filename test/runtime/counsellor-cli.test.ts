import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { migrateLibsql, openLibsql } from "../../src/db/libsql.ts";
import { runToEnd } from "../../support/process.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const script = join(root, "scripts", "counsellor.ts");
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("npm run counsellor -- add", () => {
  it("creates a counsellor in the embedded file, and refuses a duplicate and bad input", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-cli-"));
    dirs.push(dir);
    const env = { DATA_DIR: dir, COUNSELLOR_PASSWORD: "correct horse battery" };
    const ok = await runToEnd(
      tsx,
      [script, "add", "--email", "Anna@Example.org", "--name", "Anna B.", "--admin"],
      env,
    );
    expect(ok.output).toContain("Created admin Anna B. <anna@example.org>");
    expect(ok.code).toBe(0);
    const again = await runToEnd(
      tsx,
      [script, "add", "--email", "anna@example.org", "--name", "Anna"],
      env,
    );
    expect(again.code).toBe(1);
    expect(again.output).toContain("There is already an account for anna@example.org");
    const badEmail = await runToEnd(tsx, [script, "add", "--email", "nope", "--name", "X"], env);
    expect(badEmail.code).toBe(1);
    expect(badEmail.output).toContain("--email: Please enter a valid e-mail address.");
    const short = await runToEnd(tsx, [script, "add", "--email", "b@example.org", "--name", "B"], {
      ...env,
      COUNSELLOR_PASSWORD: "short",
    });
    expect(short.code).toBe(1);
    const usage = await runToEnd(tsx, [script, "remove"], env);
    expect(usage.output).toContain("Usage: npm run counsellor -- add");

    const { client, db } = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
    await migrateLibsql(db);
    const rows = await client.execute("select email, role, password_hash from counsellors");
    client.close();
    expect(rows.rows).toHaveLength(1);
    expect(rows.rows[0]?.role).toBe("admin");
    expect(String(rows.rows[0]?.password_hash)).toMatch(/^\$argon2id\$/);
  });

  it("refuses to run without a password when there is no terminal", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sprechzimmer-cli-"));
    dirs.push(dir);
    const res = await runToEnd(tsx, [script, "add", "--email", "a@example.org", "--name", "A"], {
      DATA_DIR: dir,
      COUNSELLOR_PASSWORD: "",
    });
    expect(res.code).toBe(1);
    expect(res.output).toContain("Set COUNSELLOR_PASSWORD");
  });
});
