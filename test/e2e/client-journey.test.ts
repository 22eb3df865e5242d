import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { generateCode } from "../../src/appointments/codes.ts";
import { joinLink } from "../../src/appointments/invitation.ts";
import { type LibsqlHandle, openLibsql } from "../../src/db/libsql.ts";
import { type RunningServer, startServer } from "../../support/process.ts";
import { insertAppointment, readAppointment } from "../helpers/appointments.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

const root = join(import.meta.dirname, "..", "..");
const SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456";
let server: RunningServer;
let neutral: Server;
let neutralUrl: string;
let withJs: Harness;
let withoutJs: Harness;
let database: LibsqlHandle;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-journey-"));
  // The "neutral page" quick exit leads to, on loopback so the harness lets it through.
  neutral = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<!DOCTYPE html><title>Wetter</title><h1>Wetterbericht</h1>");
  });
  await new Promise<void>((resolve) => neutral.listen(0, "127.0.0.1", resolve));
  neutralUrl = `http://127.0.0.1:${(neutral.address() as AddressInfo).port}/`;
  server = await startServer(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, "src", "runtime", "node.ts")],
    {
      PORT: "0",
      DATA_DIR: dir,
      SERVER_SECRET: SECRET,
      QUICK_EXIT_URL: neutralUrl,
    },
  );
  database = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
  withJs = await launchHarness();
  withoutJs = await launchHarness({ javaScriptEnabled: false });
});

afterAll(async () => {
  await withJs?.close();
  await withoutJs?.close();
  await server?.stop();
  database?.client.close();
  await new Promise((resolve) => neutral?.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

/** An appointment starting in five minutes: its waiting room is open. */
async function appointmentSoon() {
  const code = generateCode();
  const id = await insertAppointment(database.db, SECRET, {
    code,
    startsAt: new Date(Date.now() + 5 * 60_000),
  });
  return { code, id };
}

async function joinAs(page: Page, code: string) {
  await page.goto(`${server.url}/join`);
  await page
    .getByLabel("Einwahlcode")
    .fill(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`);
  await page.getByLabel("Ihr Name").fill("Maria Muster");
  await page.getByLabel(/Hinweise zu Datenschutz/).check();
  await page.getByRole("button", { name: "Ins Wartezimmer" }).click();
  await page.waitForURL(`${server.url}/lobby`);
  await expect.poll(() => page.locator("h1").textContent()).toBe("Sie sind im Wartezimmer");
}

const admit = (id: string) =>
  database.db.update(appointments).set({ admittedAt: new Date() }).where(eq(appointments.id, id));

// Each test's pages close with it: quick exit clears the site's cookies
// (`Clear-Site-Data`) in the whole browser, so a waiting room left open by an
// earlier test would be refused from then on.
afterEach(async () => {
  for (const harness of [withJs, withoutJs]) {
    for (const page of harness.context.pages()) await page.close();
  }
});

function expectClean(harness: Harness) {
  expect(harness.offOrigin).toEqual([]);
  expect(harness.problems).toEqual([]);
}

/**
 * A reverse proxy in front of the server that keeps an access log, as nginx
 * would: every request line and `Referer` it passed on.
 */
async function loggingProxy(target: string) {
  const log: string[] = [];
  const upstream = new URL(target);
  const proxy = createServer((incoming, outgoing) => {
    log.push(`${incoming.method} ${incoming.url} ${incoming.headers.referer ?? "-"}`);
    const forwarded = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: incoming.method,
        path: incoming.url,
        headers: incoming.headers,
      },
      (answer) => {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    incoming.pipe(forwarded);
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`,
    log,
    // The waiting room keeps polling through the proxy: a connection in the middle of a poll
    // would hold `close()` open for as long as the page lives, so every connection ends here.
    close: () =>
      new Promise((resolve) => {
        proxy.close(resolve);
        proxy.closeAllConnections();
      }),
  };
}

describe("the client journey in Chromium", () => {
  it("takes the code from the invitation link's #, and no request carries it", async () => {
    const { code, id } = await appointmentSoon();
    const proxy = await loggingProxy(server.url);
    const page = await withJs.newPage();
    try {
      const link = joinLink(proxy.url, code);
      expect(link).toBe(`${proxy.url}/join#code=${code}`);
      await page.goto(link);
      // The page's own script filled the field and took the code out of the address.
      await expect.poll(() => page.getByLabel("Einwahlcode").inputValue()).toBe(code);
      expect(page.url()).toBe(`${proxy.url}/join`);
      await page.getByLabel("Ihr Name").fill("Maria Muster");
      await page.getByLabel(/Hinweise zu Datenschutz/).check();
      await page.getByRole("button", { name: "Ins Wartezimmer" }).click();
      await page.waitForURL(`${proxy.url}/lobby`);
      await expect.poll(() => page.locator("h1").textContent()).toBe("Sie sind im Wartezimmer");
      expect((await readAppointment(database.db, id)).givenName).toBe("Maria Muster");
      await page.waitForResponse((response) => response.url().includes("/lobby/status"));
      // The proxy saw the join page, the form post, the lobby and its poll; never the code.
      expect(proxy.log.some((line) => line.startsWith("GET /join "))).toBe(true);
      expect(proxy.log.some((line) => line.startsWith("POST /join "))).toBe(true);
      expect(proxy.log.some((line) => line.startsWith("GET /lobby/status"))).toBe(true);
      expect(proxy.log.filter((line) => line.includes(code))).toEqual([]);
      expectClean(withJs);
    } finally {
      // The waiting room polls through the proxy: the page goes first, so no poll meets a closed port.
      await page.close();
      await proxy.close();
    }
  });

  it("joins, waits across a reload and is taken to the call on admission", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withJs.newPage();
    await joinAs(page, code);
    expect((await readAppointment(database.db, id)).givenName).toBe("Maria Muster");
    await page.reload();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Sie sind im Wartezimmer");
    // htmx is polling the status fragment, and "nothing changed" comes back empty.
    await page.waitForResponse(
      (response) => response.url().includes("/lobby/status") && response.status() === 204,
    );
    expect(await page.locator("#lobby-status").count()).toBe(1);
    await admit(id);
    await page.waitForURL(`${server.url}/call`);
    await expect
      .poll(() => page.locator('#call[data-role="client"] h1').textContent())
      .toBe("Videosprechstunde");
    expectClean(withJs);
  });

  it("keeps the waiting room during the device check: the admission reaches the client there", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withJs.newPage();
    await joinAs(page, code);
    await page.locator('a[href="/check"]').click();
    await page.waitForURL(`${server.url}/check`);
    await page.locator(".waiting-here #lobby-status").waitFor();
    expect(await page.locator(".waiting-here").textContent()).toContain(
      "Sie bleiben im Wartezimmer, während Sie testen.",
    );
    expect(await page.locator('.waiting-here a[href="/lobby"]').textContent()).toBe(
      "Zurück ins Wartezimmer",
    );
    await page.waitForResponse(
      (response) => response.url().includes("/lobby/status") && response.status() === 204,
    );
    await admit(id);
    await page.waitForURL(`${server.url}/call`);
    await expect
      .poll(() => page.locator('#call[data-role="client"] h1').textContent())
      .toBe("Videosprechstunde");
    expectClean(withJs);
  });

  it("works the same without JavaScript", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withoutJs.newPage();
    await joinAs(page, code);
    await admit(id);
    await page.waitForURL(`${server.url}/call`);
    await expect
      .poll(() => page.locator('#call[data-role="client"] h1').textContent())
      .toBe("Videosprechstunde");
    expectClean(withoutJs);
  });

  it("quick exit leaves for the neutral page, signs off, and Back does not return", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withJs.newPage();
    await joinAs(page, code);
    await page.getByRole("button", { name: "Schnell verlassen" }).click();
    await page.waitForURL(neutralUrl);
    await expect
      .poll(async () => (await readAppointment(database.db, id)).clientTokenHash)
      .toBeNull();
    expect((await readAppointment(database.db, id)).checkedInAt).toBeNull();
    await page.goBack();
    expect(page.url()).not.toContain("/lobby");
    expect(await page.content()).not.toContain("Sie sind im Wartezimmer");
    expectClean(withJs);
  });

  it("the English invitation opens English pages; signing off clears the arrival and confirms calmly", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withJs.newPage();
    // The English invitation's link, opened in a German browser, leads to English pages.
    await page.goto(joinLink(server.url, code, "en"));
    expect(await page.getByLabel("Dial-in code").inputValue()).toBe(code);
    await page.getByLabel("Your name").fill("Maria Muster");
    await page.getByLabel(/information on data protection/).check();
    await page.getByRole("button", { name: "Enter the waiting room" }).click();
    await page.waitForURL(`${server.url}/lobby`);
    expect((await readAppointment(database.db, id)).checkedInAt).not.toBeNull();
    await page.getByRole("button", { name: "Sign off" }).click();
    await page.waitForURL(`${server.url}/signed-off`);
    expect(await page.locator("h1").textContent()).toBe("You have signed off");
    expect(await page.locator("main").textContent()).toContain(
      "Nothing was kept that could identify you.",
    );
    const row = await readAppointment(database.db, id);
    expect([row.checkedInAt, row.givenName, row.clientTokenHash]).toEqual([null, null, null]);
    // Back to German for the other cases.
    await page.goto(`${server.url}/?lang=de`);
    expectClean(withJs);
  });

  it("answers the counsellor's message from the waiting room, without a reload", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withJs.newPage();
    await joinAs(page, code);
    await database.db
      .update(appointments)
      .set({ counsellorMessage: "Ich komme fünf Minuten später." })
      .where(eq(appointments.id, id));
    await expect
      .poll(() => page.locator("#lobby-status").textContent())
      .toContain("Ich komme fünf Minuten später.");
    await page
      .getByLabel("Kurze Nachricht an Ihre Beraterin oder Ihren Berater")
      .fill("Meine Kamera geht nicht");
    const url = page.url();
    await page.getByRole("button", { name: "Nachricht senden" }).click();
    await expect
      .poll(() => page.locator("#lobby-status .client-message").textContent())
      .toContain("Meine Kamera geht nicht");
    expect(page.url()).toBe(url);
    expect(await page.locator("#field-reply").inputValue()).toBe("");
    expect((await readAppointment(database.db, id)).clientMessage).toBe("Meine Kamera geht nicht");
    expectClean(withJs);
  });

  it("quick exit also answers to Escape pressed twice", async () => {
    const { code } = await appointmentSoon();
    const page = await withJs.newPage();
    await joinAs(page, code);
    await page.keyboard.press("Escape");
    await page.keyboard.press("Escape");
    await page.waitForURL(neutralUrl);
    expectClean(withJs);
  });

  it("quick exit works without JavaScript", async () => {
    const { code, id } = await appointmentSoon();
    const page = await withoutJs.newPage();
    await joinAs(page, code);
    await page.getByRole("button", { name: "Schnell verlassen" }).click();
    await page.waitForURL(neutralUrl);
    expect((await readAppointment(database.db, id)).clientTokenHash).toBeNull();
    // Back reaches the lobby's address, but it no longer opens the waiting room.
    await page.goBack();
    await expect.poll(() => page.locator("h1").textContent()).toBe("Bitte wählen Sie sich ein");
    // Chromium logs that page's 403 as a console error; nothing else may appear.
    expect(withoutJs.problems).toEqual([expect.stringContaining("403")]);
    withoutJs.problems.splice(0);
    expectClean(withoutJs);
  });

  it("the device check from the invitation's link shows the camera and saves its result, and no request carries the code", async () => {
    const { code, id } = await appointmentSoon();
    const proxy = await loggingProxy(server.url);
    const page = await withJs.newPage();
    await page.goto(`${proxy.url}/check#code=${code}`);
    expect(page.url()).toBe(`${proxy.url}/check`);
    await page.getByRole("button", { name: "Test starten" }).click();
    await expect
      .poll(() => page.locator('[data-result="camera"]').textContent())
      .toBe("Die Kamera funktioniert.");
    await page.waitForFunction(() => {
      const video = document.getElementById("check-video") as HTMLVideoElement | null;
      return (video?.videoWidth ?? 0) > 0;
    });
    await page.locator("#check-summary[data-summary]").waitFor();
    await expect
      .poll(async () => (await readAppointment(database.db, id)).deviceCheckResult)
      .toMatch(/^(passed|relay|failed)$/);
    expect(proxy.log.some((line) => line.startsWith("POST /check/result"))).toBe(true);
    expect(proxy.log.filter((line) => line.includes(code))).toEqual([]);
    // The page goes before the proxy, so nothing it still loads meets a closed port.
    await page.close();
    await proxy.close();
    expectClean(withJs);
  });

  it("fits a 320 px wide screen without sideways scrolling", async () => {
    const { code } = await appointmentSoon();
    const page = await withJs.newPage();
    await page.setViewportSize({ width: 320, height: 640 });
    const fits = () => page.evaluate(() => document.documentElement.scrollWidth <= 320);
    for (const path of ["/join", "/info", "/check"]) {
      await page.goto(`${server.url}${path}`);
      expect(await fits(), path).toBe(true);
    }
    await joinAs(page, code);
    expect(await fits()).toBe(true);
    const button = await page.getByRole("button", { name: "Schnell verlassen" }).boundingBox();
    expect(button?.height ?? 0).toBeGreaterThanOrEqual(44);
    expectClean(withJs);
  });
});
