/**
 * How long browsers may keep the service's own files: fingerprinted bundles a
 * year (their name changes with their content), anything else only after
 * asking again, and answers other than 200 get no caching from here at all.
 */
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { assetCaching } from "../../src/security/asset-caching.ts";

const app = new Hono()
  .use("/assets/*", assetCaching)
  .get("/assets/missing.0123456789.js", (c) => c.text("gone", 404))
  .get("/assets/*", (c) => c.text("body"));

const cacheControl = async (path: string) => (await app.request(path)).headers.get("cache-control");

describe("caching of the service's files", () => {
  it("keeps fingerprinted files for a year and asks again for anything else", async () => {
    expect(await cacheControl("/assets/call.0123abcdef.js")).toBe(
      "public, max-age=31536000, immutable",
    );
    expect(await cacheControl("/assets/styles.89abcdef01.css")).toBe(
      "public, max-age=31536000, immutable",
    );
    for (const path of ["/assets/call.js", "/assets/call.0123.js", "/assets/call.0123abcdeg.js"]) {
      expect(await cacheControl(path), path).toBe("no-cache");
    }
  });

  it("leaves answers other than 200 alone", async () => {
    const res = await app.request("/assets/missing.0123456789.js");
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBeNull();
  });
});
