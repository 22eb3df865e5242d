/**
 * Security headers on every kind of response the app gives: pages, htmx
 * fragments, JSON, redirects, 404, 413, 500 and 503. HSTS only over HTTPS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../../src/app.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { joinedClient } from "../helpers/client.ts";
import { addCounsellor, get, signIn } from "../helpers/counsellor.ts";
import { expectSecurityHeaders } from "../helpers/headers.ts";

let t: TestApp;
let cookie: string;
beforeAll(async () => {
  t = await makeTestApp({ now: () => new Date("2026-11-25T08:00:00Z") });
  t.app.get("/boom", () => {
    throw new TypeError("boom");
  });
  await addCounsellor(t, { email: "a@example.org", name: "Frau A" });
  cookie = await signIn(t, "a@example.org");
});
afterAll(() => t?.close());

const htmx = { "HX-Request": "true" };

describe("security headers", () => {
  it.each([
    ["a page", "/", {}],
    ["a counsellor page", "/dashboard", "session"],
    ["an htmx fragment", "/dashboard/today", "session"],
    ["JSON", "/check/ice-servers", {}],
    ["the health check", "/healthz", {}],
    ["a redirect", "/dashboard", {}],
    ["a 404", "/gibt-es-nicht", {}],
    ["a 403", "/lobby", {}],
    ["a 500", "/boom", {}],
  ] as const)("are on %s", async (what, path, how) => {
    const init = how === "session" ? get(cookie, htmx) : { headers: htmx };
    const res = await t.app.request(path, init);
    expectSecurityHeaders(res, what);
  });

  it("are on a 413", async () => {
    const res = await t.app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: `email=${"a".repeat(MAX_BODY_BYTES + 1)}`,
    });
    expect(res.status).toBe(413);
    expectSecurityHeaders(res, "413");
  });

  it("are on the client's lobby fragment, and HSTS joins them over HTTPS", async () => {
    const client = await joinedClient();
    try {
      const res = await client.get("/lobby/status", htmx);
      expect(res.status).toBe(200);
      expectSecurityHeaders(res, "lobby fragment");
      const https = await client.app.request("https://localhost/lobby/status", {
        headers: { cookie: client.cookie, ...htmx },
      });
      expectSecurityHeaders(https, "lobby fragment over HTTPS", { https: true });
    } finally {
      client.t.close();
    }
  });

  it("are on a 503 when the database is gone", async () => {
    const broken = await makeTestApp();
    broken.app.get("/needs-db", async (c) => {
      await c.get("deps").db.query.appointments.findFirst();
      return c.text("unreachable");
    });
    broken.database.client.close();
    try {
      for (const path of ["/needs-db", "/healthz"]) {
        const res = await broken.app.request(path);
        expect(res.status, path).toBe(503);
        expectSecurityHeaders(res, `503 ${path}`);
      }
    } finally {
      broken.close();
    }
  });
});
