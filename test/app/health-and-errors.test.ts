import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("/healthz and error pages", () => {
  it("answers 200 while the database answers", async () => {
    t = await makeTestApp();
    const res = await t.app.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", database: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 on /healthz and a friendly page elsewhere when the database is gone", async () => {
    const events: string[] = [];
    t = await makeTestApp({
      log: {
        info() {},
        error: (event, fields) => events.push(`${event} ${JSON.stringify(fields)}`),
      },
    });
    // A route that needs the database (added before the first request builds the router).
    t.app.get("/needs-db", async (c) => {
      await c.get("deps").db.query.appointments.findFirst();
      return c.text("unreachable");
    });
    t.database.client.close();

    const health = await t.app.request("/healthz");
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: "unavailable", database: false });

    const page = await t.app.request("/needs-db");
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("30");
    const html = await page.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Gerade nicht erreichbar");
    expect(html).not.toMatch(/at .*\.ts:\d+|Error:|LibsqlError|stack/i);
    expect(events.join("\n")).toContain('"kind":"database"');
  });

  it("renders a friendly 500 without a stack trace for other failures", async () => {
    t = await makeTestApp();
    t.app.get("/boom", () => {
      throw new TypeError("secret detail /srv/app.ts:12");
    });
    const res = await t.app.request("/boom", { headers: { "Accept-Language": "en" } });
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain("Something went wrong");
    expect(html).not.toContain("secret detail");
  });

  it("renders unknown routes as a 404 page in the layout and language", async () => {
    t = await makeTestApp();
    const de = await t.app.request("/gibt-es-nicht");
    expect(de.status).toBe(404);
    const html = await de.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Seite nicht gefunden");
    const en = await t.app.request("/nope?lang=en");
    expect(await en.text()).toContain("Page not found");
  });
});

describe("request bodies", () => {
  it("refuses a body over the limit with a friendly 413, before reading it", async () => {
    const { MAX_BODY_BYTES } = await import("../../src/app.ts");
    t = await makeTestApp();
    const res = await t.app.request("/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "http://localhost" },
      body: `email=${"a".repeat(MAX_BODY_BYTES + 1)}`,
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain("zu viele Daten");
  });
});
