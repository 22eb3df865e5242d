/**
 * Accessibility: axe-core inside Chromium on every page, in German and English,
 * must report no WCAG 2.1 A/AA violation; every page must fit 320 px without
 * horizontal scrolling.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../support/process.ts";
import { axeViolations } from "../helpers/axe.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";
import { addCounsellorWithCli } from "./office-steps.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let server: RunningServer;
let harness: Harness;
let dir: string;
let appointmentPath = "";
let soonPath = "";
let participantPrint = "";
let clientCookie = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-a11y-"));
  await addCounsellorWithCli(dir, "Anna", { admin: true });
  server = await startServer(tsx, [join(root, "src", "runtime", "node.ts")], {
    PORT: "0",
    DATA_DIR: dir,
  });
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

  // An appointment that starts in ten minutes, and a client who joined it.
  await page.goto(`${server.url}/appointments/new`);
  const soon = await page.evaluate(() => {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone: "Europe/Berlin",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(new Date(Date.now() + 10 * 60_000));
    const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
    return {
      date: `${get("year")}-${get("month")}-${get("day")}`,
      time: `${get("hour")}:${get("minute")}`,
    };
  });
  await page.getByLabel("Name der ratsuchenden Person").fill("Herr Bald");
  await page.getByLabel("Datum").fill(soon.date);
  await page.getByLabel("Uhrzeit").fill(soon.time);
  await page.getByRole("button", { name: "Termin anlegen" }).click();
  await page.waitForURL(/\?created=1$/);
  const code = (await page.locator("[data-dial-in-code]").getAttribute("data-dial-in-code")) ?? "";
  // With an interpreter as a further participant, so their list, form and states are checked too.
  soonPath = new URL(page.url()).pathname;
  await page.locator("#field-participant-name").fill("Frau Dolmetsch");
  await page.locator("#field-participant-role").selectOption("interpreter");
  await page.getByRole("button", { name: "Person hinzufügen" }).click();
  const participant = page.locator("article[data-participant]");
  await participant.waitFor();
  participantPrint = `${soonPath}/participants/${await participant.getAttribute("data-participant")}/print`;
  await page.close();
  const joined = await fetch(`${server.url}/join`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: server.url },
    body: new URLSearchParams({ code, name: "Herr Bald", consent: "yes" }).toString(),
    redirect: "manual",
  });
  expect(joined.status).toBe(303);
  clientCookie = (joined.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
});

afterAll(async () => {
  await harness?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const clientPages = ["/info", "/imprint", "/join", "/check", "/lobby"];

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
  soonPath,
  participantPrint,
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

  it("has no axe violations on the client's pages, the waiting room included", async () => {
    const context = await harness.browser.newContext({ locale: "de-DE" });
    const [name, value] = clientCookie.split("=");
    await context.addCookies([{ name: name ?? "", value: value ?? "", url: server.url }]);
    const page = await context.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    for (const path of clientPages) {
      await page.goto(`${server.url}${path}?lang=${lang}`);
      expect(await page.getAttribute("html", "lang"), path).toBe(lang);
      expect(await axeViolations(page), path).toEqual([]);
      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow, `${path} scrolls sideways`).toBeLessThanOrEqual(0);
    }
    await context.close();
  });
});
