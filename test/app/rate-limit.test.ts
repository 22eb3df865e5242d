import { afterEach, describe, expect, it } from "vitest";
import { countAttempt } from "../../src/security/rate-limit.ts";
import { makeTestApp, type TestApp } from "../helpers/app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const limit = { purpose: "test", max: 3, windowMs: 60_000 };

describe("rate limits", () => {
  it("allow up to the limit, then say how long to wait, then reset", async () => {
    t = await makeTestApp();
    const start = new Date("2026-11-25T10:00:00Z");
    for (let i = 0; i < 3; i++)
      expect((await countAttempt(t.deps.db, limit, "x", start)).allowed).toBe(true);
    const blocked = await countAttempt(t.deps.db, limit, "x", new Date(start.getTime() + 15_000));
    expect(blocked).toEqual({ allowed: false, retryAfterSeconds: 45 });
    expect((await countAttempt(t.deps.db, limit, "other", start)).allowed).toBe(true);
    expect(
      (await countAttempt(t.deps.db, limit, "x", new Date(start.getTime() + 60_000))).allowed,
    ).toBe(true);
  });

  it("hold under concurrent attempts", async () => {
    const app = await makeTestApp();
    t = app;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 20 }, () => countAttempt(app.deps.db, limit, "burst", now)),
    );
    expect(results.filter((result) => result.allowed)).toHaveLength(3);
  });

  it("store no subject in clear", async () => {
    t = await makeTestApp();
    await countAttempt(t.deps.db, limit, "203.0.113.7", new Date());
    const rows = await t.database.client.execute("select key from rate_limits");
    expect(String(rows.rows[0]?.key)).not.toContain("203.0.113.7");
  });
});
