/**
 * A restart of the signalling server in the middle of a call, in Chromium: the
 * new server (same port, same secret, an empty hub) takes both pages back, the
 * media connection and its security code stay, and hanging up still ends the
 * call on both sides.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { endSession, type Harness, launchHarness } from "../helpers/browser.ts";

let harness: Harness;
let server: CallServer | undefined;

beforeAll(async () => {
  harness = await launchHarness();
});
afterAll(async () => {
  await harness?.close();
  await server?.close();
});

const connected = '#call-state[data-state="connected"]';
const ROOM = "appt-restart-1";
const codeOf = (page: Page) =>
  page
    .locator('[data-security-code]:not([data-security-code=""])')
    .getAttribute("data-security-code");

it("survives a restart of the signalling server mid-call", async () => {
  server = await startCallServer();
  const port = Number(new URL(server.url).port);
  const counsellor = await harness.newPage();
  const client = await harness.newPage();
  try {
    await counsellor.goto(server.pageUrl(ROOM, "counsellor"));
    await client.goto(server.pageUrl(ROOM, "client"));
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    const code = await codeOf(client);
    expect(code).toMatch(/^\d{3}( \d{3}){4}$/);

    await server.close();
    server = await startCallServer({}, () => new Date(), port);
    const restarted = server;
    await expect.poll(() => restarted.hub.sockets(ROOM)).toBe(2);
    expect(await client.locator("#call-state").getAttribute("data-state")).toBe("connected");
    expect(await codeOf(counsellor)).toBe(code);

    await endSession(counsellor);
    await client.waitForURL((url) => url.pathname === "/");
    expect(harness.offOrigin).toEqual([]);
  } finally {
    await counsellor.close();
    await client.close();
  }
});
