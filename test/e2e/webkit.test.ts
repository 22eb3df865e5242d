/**
 * The client journey in WebKit (Debian's WebKitGTK over WebDriver), the engine
 * of Safari on iPhone and iPad: start page, information, join with a wrong code
 * and then the right one, the waiting room's polling with the counsellor's
 * message, admission reaching the page, quick exit, in German and English, at
 * 390 px. Debian builds WebKitGTK without WebRTC, so the call page must say
 * clearly that this browser cannot hold a call and offer the device check,
 * which works (mock camera and microphone).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { By, until } from "selenium-webdriver";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { generateCode } from "../../src/appointments/codes.ts";
import { type Lang, translator } from "../../src/i18n/index.ts";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { insertAppointment, readAppointment } from "../helpers/appointments.ts";
import { launchWebKit, type WebKit } from "../helpers/webkit.ts";

let server: CallServer;
let webkit: WebKit;
let neutral: Server;
let neutralUrl: string;

beforeAll(async () => {
  neutral = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!DOCTYPE html><title>Wetter</title><h1>Wetterbericht</h1>");
  });
  await new Promise<void>((resolve) => neutral.listen(0, "127.0.0.1", resolve));
  neutralUrl = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/`;
  server = await startCallServer({ QUICK_EXIT_URL: neutralUrl });
  webkit = await launchWebKit({ width: 390, height: 844 });
}, 60_000);

afterAll(async () => {
  await webkit?.close();
  await server?.close();
  await new Promise((resolve) => neutral?.close(resolve));
});

const WAIT = 20_000;

async function text(selector: string): Promise<string> {
  const element = await webkit.driver.wait(until.elementLocated(By.css(selector)), WAIT);
  return (await element.getText()).trim();
}

/** Records uncaught errors from now on in the current page. */
async function watchErrors(): Promise<void> {
  await webkit.driver.executeScript(`
    window.__pageErrors = [];
    window.addEventListener("error", function (e) { window.__pageErrors.push(String(e.message)); });
    window.addEventListener("unhandledrejection", function (e) { window.__pageErrors.push(String(e.reason)); });`);
}

async function pageErrors(): Promise<string[]> {
  return (
    ((await webkit.driver.executeScript("return window.__pageErrors || [];")) as string[]) ?? []
  );
}

/** The page fits 390 px: nothing scrolls sideways. */
async function fits(): Promise<boolean> {
  return (await webkit.driver.executeScript(
    "return document.documentElement.scrollWidth <= window.innerWidth;",
  )) as boolean;
}

async function expectCleanPage(where: string): Promise<void> {
  expect(await webkit.offOrigin(), where).toEqual([]);
  expect(await fits(), where).toBe(true);
}

/** Waits until the element (found afresh each time: htmx swaps it) contains `expected`. */
async function waitForText(selector: string, expected: string): Promise<void> {
  await webkit.driver.wait(
    async () => {
      const found = await webkit.driver.findElements(By.css(selector));
      for (const element of found) {
        if ((await element.getText().catch(() => "")).includes(expected)) return true;
      }
      return false;
    },
    WAIT,
    `expected ${selector} to contain ${expected}`,
  );
}

async function waitForPath(path: string): Promise<void> {
  await webkit.driver.wait(
    async () => new URL(await webkit.driver.getCurrentUrl()).pathname === path,
    WAIT,
    `expected to reach ${path}`,
  );
}

async function fillJoin(code: string, name: string): Promise<void> {
  const { driver } = webkit;
  const codeField = await driver.findElement(By.id("code"));
  await codeField.clear();
  await codeField.sendKeys(code);
  const nameField = await driver.findElement(By.id("name"));
  await nameField.clear();
  await nameField.sendKeys(name);
  const consent = await driver.findElement(By.id("consent"));
  if (!(await consent.isSelected())) await consent.click();
  await driver.findElement(By.css(".join-form button[type=submit]")).click();
}

async function appointmentSoon() {
  const code = generateCode();
  const id = await insertAppointment(server.deps.db, server.deps.serverSecret, {
    code,
    startsAt: new Date(Date.now() + 5 * 60_000),
  });
  return { code, id };
}

describe.each(["de", "en"] as Lang[])("the client journey in WebKit (%s)", (lang) => {
  const t = translator(lang);

  it("reads the start and information pages, joins after a wrong code, waits, hears from the counsellor and reaches the call", async () => {
    const { driver } = webkit;
    const { code, id } = await appointmentSoon();

    await driver.get(`${server.url}/?lang=${lang}`);
    expect(await driver.executeScript("return document.documentElement.lang")).toBe(lang);
    expect(await text("h1")).toBe(t("home.title"));
    await expectCleanPage("/");

    await driver.get(`${server.url}/info`);
    expect(await text("h1")).toBe(t("info.title"));
    await expectCleanPage("/info");

    await driver.get(`${server.url}/join`);
    expect(await text("h1")).toBe(t("join.title"));
    await watchErrors();
    const wrong = code.startsWith("1") ? `2${code.slice(1)}` : `1${code.slice(1)}`;
    await fillJoin(wrong, "Maria Muster");
    expect(await text(".error-summary")).toContain(t("join.errorsTitle"));
    expect(new URL(await driver.getCurrentUrl()).pathname).toBe("/join");
    await expectCleanPage("/join (wrong code)");

    await fillJoin(code, "Maria Muster");
    await waitForPath("/lobby");
    expect(await text("h1")).toBe(t("lobby.heading"));
    await watchErrors();
    expect((await readAppointment(server.deps.db, id)).givenName).toBe("Maria Muster");

    // The waiting room polls: the counsellor's message appears without a reload.
    const message = lang === "de" ? "Ich bin gleich bei Ihnen." : "I will be with you shortly.";
    await server.deps.db
      .update(appointments)
      .set({ counsellorMessage: message })
      .where(eq(appointments.id, id));
    await waitForText("#lobby-status", message);
    expect(await pageErrors()).toEqual([]);
    await expectCleanPage("/lobby");

    // Admission reaches the page.
    await server.deps.db
      .update(appointments)
      .set({ admittedAt: new Date() })
      .where(eq(appointments.id, id));
    await waitForPath("/call");
    await driver.wait(until.elementLocated(By.css('#call[data-role="client"]')), WAIT);

    // This WebKit has no WebRTC: the page says so at once and offers the device check.
    const notice = await driver.wait(until.elementLocated(By.id("call-unsupported")), WAIT);
    await driver.wait(until.elementIsVisible(notice), WAIT);
    expect(await notice.getText()).toContain(t("call.unsupported").slice(0, 40));
    expect(await text("#call-state")).toBe(t("call.state.unsupported"));
    expect(await driver.executeScript("return window.__sprechzimmerStreams || []")).toEqual([]);
    await expectCleanPage("/call");

    // What still works: the device check, with WebKit's camera and microphone.
    await notice.findElement(By.css('a[href="/check"]')).click();
    await waitForPath("/check");
    await watchErrors();
    await driver.findElement(By.id("check-start")).click();
    const camera = await driver.wait(until.elementLocated(By.css('[data-result="camera"]')), WAIT);
    await driver.wait(until.elementTextIs(camera, t("check.cameraOk")), WAIT);
    await driver.wait(
      until.elementTextIs(
        await driver.findElement(By.css('[data-result="webrtc"]')),
        t("check.webrtcMissing"),
      ),
      WAIT,
    );
    expect(await pageErrors()).toEqual([]);
    await expectCleanPage("/check");
  });

  it("leaves the waiting room by quick exit for the neutral page and signs off", async () => {
    const { driver } = webkit;
    const { code, id } = await appointmentSoon();
    await driver.get(`${server.url}/join?lang=${lang}`);
    await fillJoin(code, "Maria Muster");
    await waitForPath("/lobby");
    const quickExit = await driver.findElement(By.css(".quick-exit-button"));
    expect(await quickExit.getText()).toBe(t("exit.button"));
    await quickExit.click();
    await driver
      .wait(
        async () =>
          (await driver.executeScript("return location.href").catch(() => "")) === neutralUrl,
        WAIT,
        "expected the neutral page",
      )
      .catch(async (error) => {
        throw new Error(`${error.message}: at ${await driver.getCurrentUrl()}`);
      });
    expect((await readAppointment(server.deps.db, id)).clientTokenHash).toBeNull();
    // The waiting room no longer opens with what the browser kept.
    await driver.get(`${server.url}/lobby`);
    expect(await text("h1")).not.toBe(t("lobby.heading"));
  });
});
