/**
 * The built scripts in public/assets hold no syntax newer than the browser floor:
 * compiling each one down to the floor must leave it exactly as it is, and none
 * holds the usual suspects (optional chaining, `??`, class fields, logical
 * assignment). The stylesheet and pages load no web fonts and no images.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { transform } from "esbuild";
import { describe, expect, it } from "vitest";
import { BROWSER_TARGETS } from "../../scripts/browser-floor.ts";

const out = join(import.meta.dirname, "..", "..", "public", "assets");
const files = readdirSync(out).filter((file) => /\.(js|css)$/.test(file));
const scripts = files.filter((file) => file.endsWith(".js"));

describe("the browser floor", () => {
  it("has built scripts to check", () => {
    expect(scripts.length).toBeGreaterThanOrEqual(5);
  });

  it.each(scripts)("%s needs nothing newer than the floor", async (file) => {
    const code = readFileSync(join(out, file), "utf8");
    const [asIs, lowered] = await Promise.all([
      transform(code, { target: "esnext", charset: "utf8" }),
      transform(code, { target: BROWSER_TARGETS, charset: "utf8" }),
    ]);
    expect(lowered.code === asIs.code, `${file} changes when lowered to the floor`).toBe(true);
    // Also with every newer feature switched off, so a wrong target list cannot hide one.
    const strict = await transform(code, {
      target: "es2017",
      charset: "utf8",
      supported: {
        "optional-chain": false,
        "nullish-coalescing": false,
        "class-field": false,
        "class-static-field": false,
        "class-private-field": false,
        "logical-assignment": false,
        "object-rest-spread": false,
        "async-generator": false,
        "regexp-named-capture-groups": false,
      },
    });
    expect(strict.code === asIs.code, `${file} uses a feature newer than es2017`).toBe(true);
  });

  it("loads no web fonts and no images from the stylesheet", () => {
    for (const file of files.filter((name) => name.endsWith(".css"))) {
      const css = readFileSync(join(out, file), "utf8");
      expect(css).not.toMatch(/@font-face|url\(/);
    }
  });
});
