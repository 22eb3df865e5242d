/**
 * Accessibility: axe-core inside Chromium on every page, in German and English,
 * must report no WCAG 2.1 A/AA violation; every page must fit 320 px without
 * horizontal scrolling.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { axeViolations } from "../helpers/axe.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";
import { type RunningServer, runToEnd, startServer } from "../helpers/process.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let server: RunningServer;
let harness: Harness;
let dir: string;
let appointmentPath = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-a11y-"));
  await runToEnd(
    tsx,
    [
      join(root, "scripts", "counsellor.ts"),
      "add",
      "--email",
      "anna@example.org",
      "--name",
      "Anna",
      "--admin",
    ],
    {
      DATA_DIR: dir,
      COUNSELLOR_PASSWORD: "correct horse battery",
    },
  );
  server = await startServer(tsx, [join(root, "src", "node.ts")], { PORT: "0", DATA_DIR: dir });
  harness = await launchHarness();
  const page = await harness.newPage();
  await page.goto(`${server.url}/login`);
  await page.getByLabel("E-Mail-Adresse").fill("anna@example.org");
  await page.getByLabel("Passwort").fill("correct horse battery");
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL(/\/dashboard$/);
  await page.goto(`${server.url}/appointments/new`);
  await page.getByLabel("Name der ratsuchenden Person").fill("Frau Müller");
  await page.getByLabel("Datum").fill("2099-05-04");
  await page.getByLabel("Uhrzeit").fill("10:00");
  await page.getByRole("button", { name: "Termin anlegen" }).click();
  await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\?created=1$/);
  appointmentPath = new URL(page.url()).pathname;
  await page.close();
});

afterAll(async () => {
  await harness?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const pages = () => [
  "/",
  "/login",
  "/nicht-da",
  "/dashboard",
  "/appointments/new",
  "/appointments?range=upcoming",
  appointmentPath,
  `${appointmentPath}/edit`,
  `${appointmentPath}/print`,
  "/admin/counsellors",
  "/account/password",
];

describe.each(["de", "en"])("accessibility in %s", (lang) => {
  it("has no axe violations and no horizontal scrolling at 320 px", async () => {
    const page = await harness.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of pages()) {
      await page.goto(`${server.url}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
      expect(await page.getAttribute("html", "lang"), path).toBe(lang);
      expect(await axeViolations(page), path).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await page.close();
    expect(harness.offOrigin).toEqual([]);
  });
});
