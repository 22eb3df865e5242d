/**
 * The counsellor's day in Chromium: sign in, create an appointment, read the
 * invitation and code, and see a waiting client appear on the dashboard
 * without reloading the page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, launchHarness } from "../helpers/browser.ts";
import { type RunningServer, runToEnd, startServer } from "../helpers/process.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let server: RunningServer;
let harness: Harness;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-e2e-counsellor-"));
  const created = await runToEnd(
    tsx,
    [
      join(root, "scripts", "counsellor.ts"),
      "add",
      "--email",
      "anna@example.org",
      "--name",
      "Anna Beraterin",
    ],
    {
      DATA_DIR: dir,
      COUNSELLOR_PASSWORD: "correct horse battery",
    },
  );
  expect(created.code).toBe(0);
  server = await startServer(tsx, [join(root, "src", "node.ts")], { PORT: "0", DATA_DIR: dir });
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("the counsellor in Chromium", () => {
  it("signs in, creates an appointment, hands over the invitation and sees the client arrive live", async () => {
    const page = await harness.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel("E-Mail-Adresse").fill("anna@example.org");
    await page.getByLabel("Passwort").fill("correct horse battery");
    await page.getByRole("button", { name: "Anmelden" }).click();
    await page.waitForURL(/\/dashboard$/);

    await page.getByRole("link", { name: "Neuer Termin" }).first().click();
    await page.waitForURL(/\/appointments\/new$/);
    const { date, time } = await page.evaluate(() => {
      const soon = new Date(Date.now() + 60 * 60_000);
      const parts = new Intl.DateTimeFormat("en-CA", {
        timeZone: "Europe/Berlin",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
        hourCycle: "h23",
      }).formatToParts(soon);
      const get = (type: string) => parts.find((part) => part.type === type)?.value ?? "";
      return {
        date: `${get("year")}-${get("month")}-${get("day")}`,
        time: `${get("hour")}:${get("minute")}`,
      };
    });
    await page.getByLabel("Name der ratsuchenden Person").fill("Frau Müller");
    await page.getByLabel("Datum").fill(date);
    await page.getByLabel("Uhrzeit").fill(time);
    await page.getByLabel("Dauer in Minuten").fill("50");
    await page.getByRole("button", { name: "Termin anlegen" }).click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\?created=1$/);

    const code = await page.locator("[data-dial-in-code]").getAttribute("data-dial-in-code");
    expect(code).toMatch(/^\d{12}$/);
    const invitation = await page.locator("#invitation-text").inputValue();
    expect(invitation).toContain(`${server.url}/join?code=${code}`);
    expect(invitation).toContain(`${server.url}/check`);
    // The copy button appears with JavaScript and copies the text.
    await harness.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.url,
    });
    await page.getByRole("button", { name: "Einladung kopieren" }).click();
    await expect.poll(() => page.locator(".copy-status").textContent()).toBe("Kopiert.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(invitation);
    const mailto = await page.getByRole("link", { name: "Per E-Mail senden" }).getAttribute("href");
    expect(decodeURIComponent(mailto ?? "")).toContain(`join?code=${code}`);

    await page.getByRole("link", { name: "Übersicht" }).first().click();
    await page.waitForURL(/\/dashboard$/);
    await expect.poll(() => page.locator('.today-item[data-status="scheduled"]').count()).toBe(1);
    expect(await page.title()).toBe("Übersicht · Sprechzimmer");

    // The client checks in (the waiting room writes these columns).
    const db = createClient({ url: `file:${join(dir, "sprechzimmer.db")}` });
    await db.execute({
      sql: "update appointments set checked_in_at = ?, given_name = ?, last_seen_at = ?",
      args: [Date.now(), "Maria Müller", Date.now()],
    });
    db.close();

    await page.locator('.today-item[data-status="waiting"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.title()).toBe("(1) wartet · Übersicht · Sprechzimmer");
    expect(await page.locator(".today-item").textContent()).toContain(
      "eingegebener Name: „Maria Müller“",
    );

    await page.getByRole("button", { name: "Sitzung starten" }).click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\/call$/);
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });
});
