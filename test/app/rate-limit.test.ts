import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/security/crypto.ts";
import { countAttempt } from "../../src/security/rate-limit.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const limit = { purpose: "test", max: 3, windowMs: 60_000 };

describe("rate limits", () => {
  it("allow up to the limit, then say how long to wait, then reset", async () => {
    t = await makeTestApp();
    const start = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < 3; i++)
      expect((await countAttempt(t.deps, limit, "x", start)).allowed).toBe(true);
    const blocked = await countAttempt(t.deps, limit, "x", new Date(start.getTime() + 15_000));
    expect(blocked).toEqual({ allowed: false, count: 4, retryAfterSeconds: 45 });
    expect((await countAttempt(t.deps, limit, "other", start)).allowed).toBe(true);
    expect(
      (await countAttempt(t.deps, limit, "x", new Date(start.getTime() + 60_000))).allowed,
    ).toBe(true);
  });

  it("hold under concurrent attempts", async () => {
    const app = await makeTestApp();
    t = app;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => countAttempt(app.deps, limit, "burst", now)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
  });

  it("store no subject in clear", async () => {
    t = await makeTestApp();
    await countAttempt(t.deps, limit, "203.0.113.7", new Date());
    const rows = await t.database.client.execute("select key from rate_limits");
    expect(String(rows.rows[0]?.key)).not.toContain("203.0.113.7");
  });

  it("key subjects so that a copy of the database cannot be tested against codes or addresses", async () => {
    // The same attempt under two server secrets: a key anyone can recompute (a plain
    // hash of purpose and subject) would be the same in both databases.
    const keys: string[] = [];
    for (const serverSecret of [
      "first-secret-first-secret-first-secret",
      "other-secret-other-secret-other-secret",
    ]) {
      const app = await makeTestApp();
      try {
        await countAttempt({ ...app.deps, serverSecret }, limit, "123456789012", new Date());
        const rows = await app.database.client.execute("select key from rate_limits");
        keys.push(String(rows.rows[0]?.key));
      } finally {
        app.close();
      }
    }
    expect(keys[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[1]).toMatch(/^[0-9a-f]{64}$/);
    expect(keys[0]).not.toBe(keys[1]);
    expect(keys).not.toContain(sha256Hex("test:123456789012"));
  });
});
