/**
 * Calls in the network lab, on Node: the client at home behind a NAT, the
 * counsellor at the office behind another, the service and coturn on the lab's
 * "internet". Each case changes the home network and holds a call across it.
 * The scenarios share one lab and run in order; the network change comes last.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeLabs, HOME_WAN, MOBILE_WAN } from "./lab.ts";
import {
  CONNECTED,
  keepsGrowing,
  received,
  securityCode,
  selectedPair,
  shownPath,
} from "./probes.ts";
import { type Field, startField } from "./world.ts";

let field: Field;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("The network lab needs root (network namespaces).");
  field = await startField();
});

afterAll(async () => {
  await field?.close();
  // Also when the lab was still being built as the hook gave up.
  closeLabs();
});

const DIRECT_DE = "Direkte Verbindung, Ende-zu-Ende verschlüsselt";

/** Both pages of a new call in `room`, connected, with their browser languages. */
async function call(room: string, clientLocale = "de-DE", counsellorLocale = "de-DE") {
  const counsellor = await field.counsellor.open(counsellorLocale);
  const client = await field.client.open(clientLocale);
  await counsellor.goto(`${field.url}/test-call/${room}/counsellor`);
  await client.goto(`${field.url}/test-call/${room}/client`);
  await counsellor.waitForSelector(CONNECTED, { timeout: 90_000 });
  await client.waitForSelector(CONNECTED, { timeout: 90_000 });
  return { client, counsellor };
}

/** Waits until the page shows a path and returns it. */
async function pathOf(page: Page) {
  await page.waitForSelector("#call-path:not([hidden])", { timeout: 30_000 });
  return shownPath(page);
}

async function sameSecurityCode(client: Page, counsellor: Page) {
  await expect.poll(() => securityCode(client), { timeout: 30_000 }).toMatch(/\d/);
  expect(await securityCode(client)).toBe(await securityCode(counsellor));
}

/** Audio keeps arriving on both pages: more packets every second, five seconds long. */
async function audioFlows(...pages: Page[]) {
  const runs = await Promise.all(
    pages.map((page) => keepsGrowing(async () => (await received(page)).audioPackets, 5)),
  );
  for (const counts of runs) {
    for (let i = 1; i < counts.length; i++) {
      expect(counts[i]).toBeGreaterThan(counts[i - 1] as number);
    }
  }
}

describe("calls in the network lab (Node)", () => {
  it("both behind simple NATs: the call goes direct and the pages say so", async () => {
    field.lab.homeRandomPorts(false);
    field.lab.filter("home", []);
    const { client, counsellor } = await call("field-direct");
    const pair = await selectedPair(client);
    expect(pair?.local.type).toMatch(/^(host|srflx|prflx)$/);
    expect(pair?.remote.type).toMatch(/^(host|srflx|prflx)$/);
    expect(await pathOf(client)).toEqual({ path: "direct", text: DIRECT_DE });
    expect((await pathOf(counsellor)).path).toBe("direct");
    await sameSecurityCode(client, counsellor);
    await audioFlows(client, counsellor);
  });

  it("the client's network changes mid-call: media comes back by an ICE restart, no reload, same security code", async () => {
    field.lab.homeRandomPorts(false);
    field.lab.filter("home", []);
    const { client, counsellor } = await call("field-change");
    expect(["192.0.2.10", HOME_WAN]).toContain((await selectedPair(client))?.local.address);
    const code = await securityCode(client);
    // A reload would lose this mark.
    await client.evaluate(() => {
      (window as unknown as { labMark: number }).labMark = 1;
    });
    await expect.poll(async () => (await received(client)).videoFrames).toBeGreaterThan(0);

    field.lab.switchClientToMobile();
    const onMobile = async () =>
      ["192.0.2.130", MOBILE_WAN].includes((await selectedPair(client))?.local.address ?? "");
    await expect.poll(onMobile, { timeout: 90_000 }).toBe(true);
    await client.waitForSelector(CONNECTED, { timeout: 30_000 });
    await counsellor.waitForSelector(CONNECTED, { timeout: 30_000 });
    expect((await selectedPair(counsellor))?.remote.address).not.toBe(HOME_WAN);
    // Video decoded again on both sides after the change.
    for (const page of [client, counsellor]) {
      const frames = await keepsGrowing(async () => (await received(page)).videoFrames, 2);
      expect(frames[2]).toBeGreaterThan(frames[0] as number);
    }
    expect(await client.evaluate(() => (window as unknown as { labMark?: number }).labMark)).toBe(
      1,
    );
    expect(await securityCode(client)).toBe(code);
    expect(await securityCode(counsellor)).toBe(code);
    expect((await pathOf(client)).path).toBe("direct");
  });

  it("no page tried to load anything from outside the lab, and none failed", () => {
    expect(field.client.offLab).toEqual([]);
    expect(field.counsellor.offLab).toEqual([]);
    expect(field.client.problems).toEqual([]);
    expect(field.counsellor.problems).toEqual([]);
  });
});
