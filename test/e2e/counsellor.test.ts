/**
 * The counsellor's day in Chromium: sign in, create an appointment, read the
 * invitation and code, and see a waiting client appear on the dashboard
 * without reloading the page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, runToEnd, startServer } from "../../support/process.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";
import { fieldsIn, noonZone } from "../helpers/zone.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let server: RunningServer;
let harness: Harness;
let dir: string;
const zone = noonZone();
let seenCode = "";

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
  server = await startServer(tsx, [join(root, "src", "runtime", "node.ts")], {
    PORT: "0",
    DATA_DIR: dir,
    TIME_ZONE: zone,
  });
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
    const { date, time } = fieldsIn(zone, 10);
    await page.getByLabel("Name der ratsuchenden Person").fill("Frau Müller");
    await page.getByLabel("Datum").fill(date);
    await page.getByLabel("Uhrzeit").fill(time);
    await page.getByLabel("Dauer in Minuten").fill("50");
    await page.getByRole("button", { name: "Termin anlegen" }).click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\?created=1$/);

    const code = await page.locator("[data-dial-in-code]").getAttribute("data-dial-in-code");
    seenCode = code ?? "";
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

    // The client joins in their own browser with the code from the invitation.
    const clientBrowser = await launchHarness();
    const client = await clientBrowser.newPage();
    await client.goto(`${server.url}/join?code=${code}`);
    await client.getByLabel("Ihr Name").fill("Maria Müller");
    await client.getByRole("checkbox").check();
    await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await client.waitForURL(/\/lobby$/);

    await page.locator('.today-item[data-status="waiting"]').waitFor({ timeout: 20_000 });
    await expect.poll(() => page.title()).toBe("(1) wartet · Übersicht · Sprechzimmer");
    expect(await page.locator(".today-item").textContent()).toContain(
      "eingegebener Name: „Maria Müller“",
    );

    // The client signs off: the dashboard stops showing them as waiting at once, no start button.
    await client.getByRole("button", { name: "Abmelden" }).click();
    await client.waitForURL(/\/signed-off$/);
    expect(await client.locator("main").textContent()).toContain(
      "Es wurde nichts gespeichert, was Sie wiedererkennbar macht.",
    );
    await page.locator('.today-item[data-status="scheduled"]').waitFor({ timeout: 20_000 });
    expect(await page.getByRole("button", { name: "Sitzung starten" }).count()).toBe(0);
    await expect.poll(() => page.title()).toBe("Übersicht · Sprechzimmer");

    // They come back in with the same code.
    await client.goto(`${server.url}/join?code=${code}`);
    await client.getByLabel("Ihr Name").fill("Maria Müller");
    await client.getByRole("checkbox").check();
    await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await client.waitForURL(/\/lobby$/);
    await page.locator('.today-item[data-status="waiting"]').waitFor({ timeout: 20_000 });

    await page.getByRole("button", { name: "Sitzung starten" }).click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\/call$/);
    // The waiting client is taken to the call without doing anything, and the two are connected.
    await client.waitForURL(/\/call$/, { timeout: 20_000 });
    const connected = '#call-state[data-state="connected"]';
    await page.locator(connected).waitFor({ timeout: 30_000 });
    await client.locator(connected).waitFor({ timeout: 30_000 });
    const codeOf = (p: typeof page) =>
      p
        .locator('[data-security-code]:not([data-security-code=""])')
        .getAttribute("data-security-code");
    const securityCode = await codeOf(page);
    expect(securityCode).toBeTruthy();
    expect(await codeOf(client)).toBe(securityCode);

    // The counsellor ends the session: the client is told, and can sign off.
    await page.getByRole("button", { name: "Sitzung beenden" }).click();
    await page.waitForURL(/\/dashboard$/);
    await client.waitForURL(/\/call\/left$/, { timeout: 20_000 });
    expect(await client.locator("h1").textContent()).toBe("Die Sprechstunde ist beendet");
    await client.getByRole("button", { name: "Abmelden" }).click();
    await client.waitForURL(`${server.url}/signed-off`);
    expect(clientBrowser.offOrigin).toEqual([]);
    expect(clientBrowser.problems).toEqual([]);
    await clientBrowser.close();
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  }, 180_000);

  it("logged the whole journey without a name, code, e-mail, address or user agent", () => {
    // Everything after the start banner is what requests wrote.
    const log = server
      .output()
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .join("\n");
    expect(log).toContain('"event":"request"');
    expect(seenCode).toMatch(/^\d{12}$/);
    for (const secret of [
      "Maria",
      "Müller",
      "Frau",
      "anna@example.org",
      seenCode,
      "127.0.0.1",
      "Mozilla",
      "Chrome",
    ]) {
      expect(log, secret).not.toContain(secret);
    }
  });
});
