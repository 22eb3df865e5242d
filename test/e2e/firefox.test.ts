/**
 * The client journey in Firefox ESR (WebDriver BiDi through puppeteer-core):
 * join by the invitation link, wait in the lobby, be admitted, reach the call
 * with camera and microphone. No request leaves loopback, no page error, no font
 * or image is loaded.
 */
import { eq } from "drizzle-orm";
import puppeteer, { type Browser, type Page } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { generateCode } from "../../src/appointments/codes.ts";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { insertAppointment } from "../helpers/appointments.ts";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

let server: CallServer;
let firefox: Browser;

beforeAll(async () => {
  server = await startCallServer();
  firefox = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      "media.navigator.streams.fake": true,
      "media.navigator.permission.disabled": true,
      "intl.accept_languages": "de-DE, de",
    },
  });
});

afterAll(async () => {
  await firefox?.close();
  await server?.close();
});

/** An appointment five minutes from now, with its dial-in code. */
async function appointmentSoon() {
  const code = generateCode();
  const id = await insertAppointment(server.deps.db, server.deps.serverSecret, {
    code,
    startsAt: new Date(Date.now() + 5 * 60_000),
  });
  return { code, id };
}

/** Joins by the invitation link with a name and consent, and waits for the waiting room to load. */
async function joinAs(page: Page, code: string) {
  await page.goto(`${server.url}/join?code=${code}`);
  await page.type("#name", "Maria Muster");
  await page.click("#consent");
  await Promise.all([page.waitForNavigation(), page.click(".join-form button[type=submit]")]);
}

describe("the client journey in Firefox ESR", () => {
  it("joins, waits, is admitted and reaches the call", async () => {
    const { code, id } = await appointmentSoon();
    const page = await firefox.newPage();
    const offOrigin: string[] = [];
    const loaded: string[] = [];
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    page.on("pageerror", (error) => errors.push(String(error)));
    page.on("request", (request) => {
      const url = new URL(request.url());
      loaded.push(url.href);
      if (url.protocol.startsWith("http") && !LOOPBACK.has(url.hostname)) offOrigin.push(url.href);
    });

    await joinAs(page, code);
    expect(new URL(page.url()).pathname).toBe("/lobby");
    expect(await page.$eval("h1", (h1) => h1.textContent)).toBe("Sie sind im Wartezimmer");
    // htmx polls the status; admission sends the page on to the call.
    await page.waitForSelector("#lobby-status[hx-get]");
    // The client answers from the waiting room; htmx swaps the answer in without a reload.
    await page.type("#field-reply", "Meine Kamera geht nicht");
    await page.click("#reply-form button[type=submit]");
    await page.waitForFunction(() =>
      document.getElementById("lobby-status")?.textContent?.includes("Meine Kamera geht nicht"),
    );
    expect(await page.$eval("#field-reply", (input) => (input as HTMLInputElement).value)).toBe("");
    expect(
      (await server.deps.db.select().from(appointments).where(eq(appointments.id, id)))[0]
        ?.clientMessage,
    ).toBe("Meine Kamera geht nicht");
    await server.deps.db
      .update(appointments)
      .set({ admittedAt: new Date() })
      .where(eq(appointments.id, id));
    await page.waitForFunction(() => location.pathname === "/call", { timeout: 120_000 });
    await page.waitForSelector('#call[data-role="client"]');
    // The fake camera reaches the page's own preview.
    await page.waitForFunction(
      () =>
        ((document.getElementById("self-video") as HTMLVideoElement | null)?.videoWidth ?? 0) > 0,
    );
    expect(await page.$eval("#call-state", (state) => state.getAttribute("aria-live"))).toBe(
      "polite",
    );

    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    expect(loaded.length).toBeGreaterThan(3);
    expect(
      loaded.filter((url) => /\.(woff2?|ttf|otf|png|jpe?g|gif|webp|svg|ico)$/.test(url)),
    ).toEqual([]);
    await page.close();
  });

  it("checks the devices from the waiting room, is admitted there, hangs up and signs off", async () => {
    const { code, id } = await appointmentSoon();
    const page = await firefox.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const heading = () => page.$eval("h1", (h1) => h1.textContent);

    await joinAs(page, code);
    // The device check keeps the waiting room's status, and offers the devices once allowed.
    await Promise.all([page.waitForNavigation(), page.click('a[href="/check"]')]);
    await page.waitForSelector(".waiting-here #lobby-status");
    await page.click("#check-start");
    await page.waitForSelector("#check-devices:not([hidden])");
    await page.waitForFunction(
      () => document.querySelectorAll("#check-mic-choice option").length > 0,
    );
    // Admitted while testing: the call opens where the client is.
    await server.deps.db
      .update(appointments)
      .set({ admittedAt: new Date() })
      .where(eq(appointments.id, id));
    await page.waitForFunction(() => location.pathname === "/call", { timeout: 120_000 });
    await page.waitForSelector("#call-hang-up");
    // Hanging up offers the way back and signing off; signing off ends calmly.
    await Promise.all([page.waitForNavigation(), page.click("#call-hang-up")]);
    expect(new URL(page.url()).pathname).toBe("/call/left");
    expect(await heading()).toBe("Sie haben das Gespräch verlassen");
    expect(await page.$eval('a[href="/call"]', (a) => a.textContent)).toBe("Zurück ins Gespräch");
    const signOff = await page.waitForSelector("xpath///button[text()='Abmelden']");
    await Promise.all([page.waitForNavigation(), signOff?.click()]);
    expect(new URL(page.url()).pathname).toBe("/signed-off");
    expect(await heading()).toBe("Sie haben sich abgemeldet");
    expect(
      (await server.deps.db.select().from(appointments).where(eq(appointments.id, id)))[0]
        ?.clientTokenHash,
    ).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
