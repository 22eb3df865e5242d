/**
 * The key check against a real database file: the first start stores it, the
 * same secret fits again, another secret does not, and two processes starting
 * at once agree on one row.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { settings } from "../../db/schema.ts";
import { hmacSha256Hex } from "../../src/security/crypto.ts";
import { KEY_MISMATCH_LINE, serverKeyFits } from "../../src/security/key-check.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const SECRET = "the-first-secret-of-this-database-0123";
const OTHER = "another-secret-from-a-lost-config-4567";

describe("the server key check", () => {
  it("stores the check once, fits the same secret and refuses any other", async () => {
    t = await makeTestApp();
    const db = t.database.db;
    expect(await serverKeyFits(db, SECRET)).toBe(true);
    const stored = await db.select().from(settings).where(eq(settings.name, "key_check"));
    expect(stored).toEqual([
      { name: "key_check", value: hmacSha256Hex(SECRET, "sprechzimmer key check v1") },
    ]);
    expect(await serverKeyFits(db, SECRET)).toBe(true);
    expect(await serverKeyFits(db, OTHER)).toBe(false);
    // The refused secret changed nothing.
    expect(await db.select().from(settings).where(eq(settings.name, "key_check"))).toEqual(stored);
    expect(KEY_MISMATCH_LINE).toContain("SERVER_SECRET");
  });

  it("lets two starts at once agree on whichever check came first", async () => {
    t = await makeTestApp();
    const db = t.database.db;
    const [first, second] = await Promise.all([
      serverKeyFits(db, SECRET),
      serverKeyFits(db, OTHER),
    ]);
    expect([first, second].filter(Boolean)).toHaveLength(1);
    expect(await db.select().from(settings).where(eq(settings.name, "key_check"))).toHaveLength(1);
  });
});
