/**
 * Touch targets on the client's pages at 320 px: every visible button and link
 * is at least 44 × 44 CSS px, except links inside running text. The pages load
 * no web fonts and no images, and nothing from anywhere but loopback.
 */
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { generateCode } from "../../src/appointments/codes.ts";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { insertAppointment } from "../helpers/appointments.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

let server: CallServer;
let harness: Harness;

beforeAll(async () => {
  server = await startCallServer();
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.close();
});

/** Visible buttons and links smaller than 44 × 44, links in running text left out. */
const smallTargets = (page: Page) =>
  page.evaluate(() => {
    const small: string[] = [];
    for (const element of document.querySelectorAll<HTMLElement>(
      "a[href], button, input[type=submit], summary",
    )) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || box.right < 0 || box.bottom < 0) continue;
      const block = element.closest("p, li, td, dd");
      const inText =
        element.tagName === "A" &&
        block !== null &&
        (block.textContent ?? "").trim().length > (element.textContent ?? "").trim().length;
      if (inText) continue;
      if (box.width < 44 || box.height < 44) {
        const name = element.textContent?.trim() || element.id || element.tagName;
        small.push(`${name} (${Math.round(box.width)}×${Math.round(box.height)})`);
      }
    }
    return small;
  });

describe("the client's pages at 320 px", () => {
  it("have touch targets of at least 44 × 44 px and load no fonts or images", async () => {
    const code = generateCode();
    const id = await insertAppointment(server.deps.db, server.deps.serverSecret, {
      code,
      startsAt: new Date(Date.now() + 5 * 60_000),
    });
    const page = await harness.newPage();
    const heavy: string[] = [];
    page.on("request", (request) => {
      if (["font", "image"].includes(request.resourceType())) heavy.push(request.url());
    });
    await page.setViewportSize({ width: 320, height: 640 });
    const check = async (path: string) => {
      for (const lang of ["de", "en"]) {
        await page.goto(`${server.url}${path}?lang=${lang}`);
        expect(await smallTargets(page), `${path} in ${lang}`).toEqual([]);
      }
    };
    await check("/join");
    await check("/info");
    await check("/imprint");
    await check("/check");
    await page.goto(`${server.url}/join?code=${code}&lang=de`);
    await page.locator("#name").fill("Maria Muster");
    await page.locator("#consent").check();
    await page.locator(".join-form button[type=submit]").click();
    await page.waitForURL(`${server.url}/lobby`);
    await check("/lobby");
    await server.deps.db
      .update(appointments)
      .set({ admittedAt: new Date() })
      .where(eq(appointments.id, id));
    await check("/call");
    expect(new URL(page.url()).pathname).toBe("/call");
    await check("/call/left");
    // The skip link, once focused, is as large.
    await page.keyboard.press("Tab");
    expect(await smallTargets(page)).toEqual([]);
    expect(heavy).toEqual([]);
    expect(harness.offOrigin).toEqual([]);
  });
});
