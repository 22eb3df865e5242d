import { afterEach, describe, expect, it } from "vitest";
import { assets } from "../../src/generated/assets.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("GET /", () => {
  it("is German by default, in the layout, with the real retention period", async () => {
    t = await makeTestApp({ env: { RETENTION_DAYS: "30" } });
    const res = await t.app.request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
    const html = await res.text();
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html).toContain('<html lang="de">');
    expect(html).toContain("Videosprechstunde");
    expect(html).toContain("nach 30 Tagen");
    expect(html).toContain(`href="${assets["styles.css"]}"`);
    expect(html).toContain('href="/join"');
    expect(html).toContain('href="/info"');
  });

  it("follows Accept-Language and remembers an explicit switch", async () => {
    t = await makeTestApp();
    const byHeader = await t.app.request("/", { headers: { "Accept-Language": "en-GB,en;q=0.9" } });
    expect(await byHeader.text()).toContain('<html lang="en">');
    expect(byHeader.headers.get("set-cookie")).toBeNull();

    const switched = await t.app.request("/?lang=de", { headers: { "Accept-Language": "en" } });
    expect(await switched.text()).toContain('<html lang="de">');
    const cookie = switched.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^lang=de;/);
    expect(cookie).toMatch(/HttpOnly/);

    const remembered = await t.app.request("/", {
      headers: { "Accept-Language": "en", Cookie: "lang=de" },
    });
    expect(await remembered.text()).toContain('<html lang="de">');
  });

  it("shows the operator line from configuration", async () => {
    t = await makeTestApp({ env: { OPERATOR: "Beratungsstelle Nord & Süd" } });
    const html = await (await t.app.request("/")).text();
    expect(html).toContain("Betrieben von Beratungsstelle Nord &amp; Süd");
  });

  it("sends the security headers", async () => {
    t = await makeTestApp();
    const res = await t.app.request("/");
    const csp = res.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("permissions-policy")).toContain("camera=(self)");
    expect(res.headers.get("strict-transport-security")).toBeNull();
    const https = await t.app.request("https://video.example.org/");
    expect(https.headers.get("strict-transport-security")).toMatch(/max-age=31536000/);
  });
});
