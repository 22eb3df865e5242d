/**
 * The counsellor's day in Chromium: sign in, create an appointment, read the
 * invitation and code, and see a waiting client appear on the dashboard
 * without reloading the page.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../support/process.ts";
import { endSession, type Harness, launchHarness } from "../helpers/browser.ts";
import { noonZone } from "../helpers/zone.ts";
import { addParticipant } from "./group-steps.ts";
import {
  addCounsellorWithCli,
  fillNewAppointment,
  newAppointment,
  signInOnPage,
} from "./office-steps.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let server: RunningServer;
let harness: Harness;
let dir: string;
const zone = noonZone();
let seenCode = "";

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-e2e-counsellor-"));
  await addCounsellorWithCli(dir);
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
    await signInOnPage(page, server.url);

    await page.getByRole("link", { name: "Neuer Termin" }).first().click();
    await page.waitForURL(/\/appointments\/new$/);
    const code = await fillNewAppointment(page, zone);
    seenCode = code;
    expect(code).toMatch(/^\d{12}$/);
    const invitation = await page.locator("#invitation-text").inputValue();
    expect(invitation).toContain(`${server.url}/join#code=${code}`);
    expect(invitation).toContain(`${server.url}/check`);
    // The copy button appears with JavaScript and copies the text.
    await harness.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: server.url,
    });
    await page.getByRole("button", { name: "Einladung kopieren" }).click();
    await expect.poll(() => page.locator(".copy-status").textContent()).toBe("Kopiert.");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(invitation);
    const mailto = await page.getByRole("link", { name: "Per E-Mail senden" }).getAttribute("href");
    expect(decodeURIComponent(mailto ?? "")).toContain(`join#code=${code}`);

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

    await page.locator('.today-item[data-status="waiting"]').waitFor();
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
    await page.locator('.today-item[data-status="scheduled"]').waitFor();
    expect(await page.getByRole("button", { name: "Sitzung starten" }).count()).toBe(0);
    await expect.poll(() => page.title()).toBe("Übersicht · Sprechzimmer");

    // They come back in with the same code.
    await client.goto(`${server.url}/join?code=${code}`);
    await client.getByLabel("Ihr Name").fill("Maria Müller");
    await client.getByRole("checkbox").check();
    await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await client.waitForURL(/\/lobby$/);
    await page.locator('.today-item[data-status="waiting"]').waitFor();

    await page.getByRole("button", { name: "Sitzung starten" }).click();
    await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\/call$/);
    // The waiting client is taken to the call without doing anything, and the two are connected.
    await client.waitForURL(/\/call$/);
    const connected = '#call-state[data-state="connected"]';
    await page.locator(connected).waitFor();
    await client.locator(connected).waitFor();
    const codeOf = (p: typeof page) =>
      p
        .locator('[data-security-code]:not([data-security-code=""])')
        .getAttribute("data-security-code");
    const securityCode = await codeOf(page);
    expect(securityCode).toBeTruthy();
    expect(await codeOf(client)).toBe(securityCode);

    // A call of two: the list of further participants does not poll; it asks once when the
    // window comes back into focus, as after adding someone on the appointment page in another tab.
    const states = page.locator("#participant-states");
    expect(await states.getAttribute("hx-trigger")).toBe("focus from:window");
    const office = await harness.newPage();
    await office.goto(page.url().replace(/\/call$/, ""));
    const added = await addParticipant(office, "Herr Dolmetsch", "interpreter");
    await office.close();
    await page.evaluate('window.dispatchEvent(new Event("focus"))');
    await page.locator(`#participant-states [data-participant="${added.id}"]`).waitFor();
    // Now there is someone to show, so the list renews itself.
    expect(await states.getAttribute("hx-trigger")).toBe("every 5s");

    // The start checklist beside the call is saved in place: the call goes on undisturbed.
    const checklist = page.locator("#checklist");
    expect(await checklist.locator("summary").textContent()).toBe("Zu Beginn (0/3)");
    await checklist.getByLabel("Identität der Person bestätigt").check();
    await checklist
      .getByLabel("Telefonnummer für den Fall, dass die Verbindung abbricht")
      .fill("0151 2345678");
    await checklist.getByRole("button", { name: "Speichern" }).click();
    await page.locator('#checklist [role="status"]').waitFor();
    expect(await page.locator("#checklist summary").textContent()).toBe("Zu Beginn (2/3)");
    expect(await page.getByLabel("Identität der Person bestätigt").isChecked()).toBe(true);
    expect(page.url()).toMatch(/\/call$/);
    expect(await page.locator("#call-state").getAttribute("data-state")).toBe("connected");
    expect(await client.locator("#call-state").getAttribute("data-state")).toBe("connected");
    await page.reload();
    expect(await page.locator("#checklist summary").textContent()).toBe("Zu Beginn (2/3)");
    await page.locator(connected).waitFor();

    // The counsellor ends the session: the client is told, and can sign off.
    await endSession(page);
    await page.waitForURL(/\/dashboard$/);
    await client.waitForURL(/\/call\/left$/);
    expect(await client.locator("h1").textContent()).toBe("Die Sprechstunde ist beendet");
    await client.getByRole("button", { name: "Abmelden" }).click();
    await client.waitForURL(`${server.url}/signed-off`);
    expect(clientBrowser.offOrigin).toEqual([]);
    expect(clientBrowser.problems).toEqual([]);
    await clientBrowser.close();
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("a second device with the code waits; the counsellor sees its name and lets it in instead", async () => {
    // Three browsers: the office, the client's device, and another device with the same code.
    const [office, firstDevice, secondDevice] = await Promise.all([
      launchHarness(),
      launchHarness(),
      launchHarness(),
    ]);
    try {
      const page = await office.newPage();
      await signInOnPage(page, server.url);
      const code = await newAppointment(page, server.url, zone);

      const join = async (device: Harness, name: string) => {
        const tab = await device.newPage();
        await tab.goto(`${server.url}/join?code=${code}`);
        await tab.getByLabel("Ihr Name").fill(name);
        await tab.getByRole("checkbox").check();
        await tab.getByRole("button", { name: "Ins Wartezimmer" }).click();
        await tab.waitForURL(/\/lobby$/);
        return tab;
      };
      const connected = '#call-state[data-state="connected"]';
      const first = await join(firstDevice, "Maria Müller");
      await page.goto(page.url().replace(/\?created=1$/, ""));
      await page.getByRole("button", { name: "Sitzung starten" }).click();
      await page.waitForURL(/\/call$/);
      await first.waitForURL(/\/call$/);
      await page.locator(connected).waitFor();
      await first.locator(connected).waitFor();
      const knock = page.locator("#knock");
      expect(await knock.isHidden()).toBe(true);

      // Someone else with the same code: they wait, and the call is not touched.
      const second = await join(secondDevice, "M. vom Handy");
      await second.locator('[data-state="knocking"]').waitFor();
      expect(await second.locator("main").textContent()).toContain(
        "läuft bereits auf einem anderen Gerät",
      );
      // The counsellor hears of it in the call, with the typed name, without leaving the call.
      await knock.waitFor({ state: "visible" });
      expect(await knock.textContent()).toContain("Eingegebener Name: „M. vom Handy“");
      expect(await first.locator("#call-state").getAttribute("data-state")).toBe("connected");
      expect(page.url()).toMatch(/\/call$/);

      await knock.getByRole("button", { name: "Stattdessen einlassen" }).click();
      await knock.waitFor({ state: "hidden" });
      // The first device's seat ends; the new one is taken to the call and connected.
      await first.locator('#call-state[data-state="replaced"]').waitFor();
      await second.waitForURL(/\/call$/);
      await second.locator(connected).waitFor();
      await page.locator(connected).waitFor();
      expect(page.url()).toMatch(/\/call$/);
      // The first device's cookie opens nothing any more.
      expect(
        (await first.context().request.get(`${server.url}/call`, { maxRedirects: 0 })).status(),
      ).toBe(303);
      expect((await first.context().request.get(`${server.url}/lobby`)).status()).toBe(403);

      await endSession(page);
      await page.waitForURL(/\/dashboard$/);
      await second.waitForURL(/\/call\/left$/);
      for (const browser of [office, firstDevice, secondDevice]) {
        expect(browser.offOrigin).toEqual([]);
        expect(browser.problems).toEqual([]);
      }
    } finally {
      await office.close();
      await firstDevice.close();
      await secondDevice.close();
    }
  });

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
