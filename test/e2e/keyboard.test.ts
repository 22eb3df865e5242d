/**
 * Keyboard only, in Chromium: from the invitation link to the call and through
 * its controls with Tab, Shift+Tab, Space, Enter and typing; no clicks, no
 * `fill`. Every focused control shows a visible outline, the order follows the
 * page, and the waiting status, the call state and the chat are live regions.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { generateCode } from "../../src/appointments/codes.ts";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { insertAppointment } from "../helpers/appointments.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

let neutral: Server;
let neutralUrl: string;
let server: CallServer;
let harness: Harness;

beforeAll(async () => {
  neutral = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!DOCTYPE html><title>Wetter</title><h1>Wetterbericht</h1>");
  });
  await new Promise<void>((resolve) => neutral.listen(0, "127.0.0.1", resolve));
  neutralUrl = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/`;
  server = await startCallServer({ QUICK_EXIT_URL: neutralUrl });
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.close();
  await new Promise((resolve) => neutral?.close(resolve));
});

/** The focused element's id (or name, or text) and whether its outline shows. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement as HTMLElement | null;
    if (!element || element === document.body) return { key: "", outline: "none" };
    const style = getComputedStyle(element);
    return {
      key: element.id || element.getAttribute("name") || element.textContent?.trim() || "",
      outline: style.outlineStyle === "none" || style.outlineWidth === "0px" ? "none" : "shown",
    };
  });

/** Presses `key` until the element `key` names has focus, checking the outline on the way. */
async function tabTo(page: Page, target: string, key = "Tab", limit = 25) {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    seen.push(now.key);
    expect(now.outline, `no visible focus on "${now.key}"`).toBe("shown");
    if (now.key === target) return seen;
  }
  throw new Error(`"${target}" not reached with ${key}; went through ${seen.join(" → ")}`);
}

async function appointmentSoon() {
  const code = generateCode();
  const id = await insertAppointment(server.deps.db, server.deps.serverSecret, {
    code,
    startsAt: new Date(Date.now() + 5 * 60_000),
  });
  return { code, id };
}

const admit = (id: string) =>
  server.deps.db
    .update(appointments)
    .set({ admittedAt: new Date() })
    .where(eq(appointments.id, id));

describe("keyboard only", () => {
  it("joins, waits, is admitted and operates the call", async () => {
    const { code, id } = await appointmentSoon();
    const page = await harness.newPage();
    await page.goto(`${server.url}/join?code=${code}`);
    // The invitation link filled in the code; the name field has focus.
    expect((await focused(page)).key).toBe("name");
    await page.keyboard.type("Maria Muster");
    expect(await tabTo(page, "consent")).toEqual(["consent"]);
    await page.keyboard.press("Space");
    expect(await page.isChecked("#consent")).toBe(true);
    await tabTo(page, "Ins Wartezimmer");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/lobby`);

    // The waiting status is a polite live region.
    expect(await page.locator('[aria-live="polite"] #lobby-status').count()).toBe(1);
    // From the top, the skip link comes first and quick exit is the first control in the page.
    const order = await tabTo(page, "Schnell verlassen");
    expect(order[0]).toBe("Zum Inhalt springen");
    expect(order).toEqual(["Zum Inhalt springen", "Sprechzimmer", "English", "Schnell verlassen"]);
    // Shift+Tab goes back the same way.
    await tabTo(page, "English", "Shift+Tab", 1);

    await admit(id);
    await page.waitForURL(`${server.url}/call`);
    expect(await page.getAttribute("#call-state", "aria-live")).toBe("polite");
    expect(await page.getAttribute("#call-state", "role")).toBe("status");
    expect(await page.getAttribute("#chat-log", "aria-live")).toBe("polite");

    const counsellor = await harness.newPage();
    await counsellor.goto(server.pageUrl(id, "counsellor"));
    await page.waitForSelector('#call-state[data-state="connected"]');
    await page.waitForSelector("#chat-input:enabled");

    await tabTo(page, "call-mute");
    await page.keyboard.press("Space");
    await page.waitForSelector('#call-mute[aria-pressed="true"]');
    await tabTo(page, "call-camera");
    await page.keyboard.press("Enter");
    await page.waitForSelector('#call-camera[aria-pressed="true"]');

    await tabTo(page, "chat-input");
    await page.keyboard.type("Hallo per Tastatur");
    await page.keyboard.press("Enter");
    await counsellor.waitForSelector('#chat-log li:has-text("Hallo per Tastatur")');
    expect(await page.locator("#chat-log li").last().textContent()).toContain("Hallo per Tastatur");

    await tabTo(page, "call-hang-up", "Shift+Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/call/left`);
    await counsellor.close();
    expect(harness.offOrigin).toEqual([]);
  });

  it("leaves the call at once with Escape pressed twice", async () => {
    const { code, id } = await appointmentSoon();
    const page = await harness.newPage();
    await page.goto(`${server.url}/join?code=${code}`);
    await page.keyboard.type("Maria Muster");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await page.waitForURL(`${server.url}/lobby`);
    await admit(id);
    await page.waitForURL(`${server.url}/call`);
    await tabTo(page, "Schnell verlassen");
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.waitForURL(neutralUrl);
    expect(harness.offOrigin).toEqual([]);
  });
});
