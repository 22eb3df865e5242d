/**
 * Firefox ESR (through WebDriver BiDi with puppeteer-core) and Chromium hold a
 * call with each other on loopback: the client in Firefox, the counsellor in
 * Chromium. Different WebRTC stacks, same protocol, same security code.
 */
import puppeteer, { type Browser } from "puppeteer-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

const FIREFOX = process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr";
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

let server: CallServer;
let harness: Harness;
let firefox: Browser;

beforeAll(async () => {
  server = await startCallServer();
  harness = await launchHarness();
  firefox = await puppeteer.launch({
    browser: "firefox",
    executablePath: FIREFOX,
    headless: true,
    extraPrefsFirefox: {
      "media.navigator.streams.fake": true,
      "media.navigator.permission.disabled": true,
    },
  });
});

afterAll(async () => {
  await firefox?.close();
  await harness?.close();
  await server?.close();
});

describe("a call between Chromium and Firefox ESR", () => {
  it("connects, shows the same security code, carries video and chat", async () => {
    const counsellor = await harness.newPage();
    const client = await firefox.newPage();
    const offOrigin: string[] = [];
    const errors: string[] = [];
    client.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    client.on("request", (request) => {
      const url = new URL(request.url());
      if (url.protocol.startsWith("http") && !LOOPBACK.has(url.hostname)) offOrigin.push(url.href);
    });

    await counsellor.goto(server.pageUrl("appt-ff-1", "counsellor"));
    await client.goto(server.pageUrl("appt-ff-1", "client"));
    await counsellor.waitForSelector('#call-state[data-state="connected"]');
    await client.waitForSelector('#call-state[data-state="connected"]');

    // Each page shows the pair's code in the other person's tile.
    const firefoxCode = () =>
      client.$eval('[data-peer="counsellor"] [data-security-code]', (element) =>
        element.getAttribute("data-security-code"),
      );
    await expect.poll(firefoxCode).toMatch(/^\d{3}( \d{3}){4}$/);
    expect(
      await counsellor.getAttribute(
        '[data-peer="client"] [data-security-code]',
        "data-security-code",
      ),
    ).toBe(await firefoxCode());

    const firefoxVideoBytes = () =>
      client.evaluate(async () => {
        let bytes = 0;
        (await window.__sprechzimmerCall?.pc?.getStats())?.forEach((stat) => {
          if (stat.type === "inbound-rtp" && stat.kind === "video") bytes += stat.bytesReceived;
        });
        return bytes;
      });
    const before = await firefoxVideoBytes();
    await expect.poll(firefoxVideoBytes).toBeGreaterThan(before);

    await client.waitForSelector("#chat-input:enabled");
    await client.type("#chat-input", "Hallo aus Firefox");
    await client.click("#chat-form button");
    await expect
      .poll(() => counsellor.locator("#chat-log li").last().textContent())
      .toContain("Hallo aus Firefox");

    await client.click("#call-hang-up");
    // The client left: the counsellor's page waits for a rejoin.
    await counsellor.waitForSelector(
      '#call-state[data-state="peerLeft"], #call-state[data-state="waiting"]',
    );
    expect(offOrigin).toEqual([]);
    expect(errors).toEqual([]);
    expect(harness.problems).toEqual([]);
  });
});
