import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../support/process.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

const root = join(import.meta.dirname, "..", "..");
let server: RunningServer;
let harness: Harness;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-e2e-"));
  server = await startServer(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, "src", "runtime", "node.ts")],
    {
      PORT: "0",
      DATA_DIR: dir,
    },
  );
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the start page in Chromium", () => {
  it("renders styled, in German, loading only its own origin, without CSP errors", async () => {
    const page = await harness.newPage();
    const response = await page.goto(`${server.url}/`);
    expect(response?.status()).toBe(200);
    expect(await page.getAttribute("html", "lang")).toBe("de");
    await expect.poll(() => page.locator("h1").textContent()).toBe("Videosprechstunde");
    // The stylesheet applied: the join button has the accent background.
    const background = await page
      .locator("a.button.primary")
      .evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(background).toBe("rgb(11, 93, 75)");
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("switches to English and remembers it", async () => {
    const page = await harness.newPage();
    await page.goto(`${server.url}/`);
    await page.getByRole("link", { name: "English" }).click();
    await page.waitForURL(/lang=en/);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.goto(`${server.url}/`);
    expect(await page.locator("h1").textContent()).toBe("Video consultation");
    expect(harness.offOrigin).toEqual([]);
  });
});
