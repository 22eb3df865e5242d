/** Steps the lab's call tests share, on Node and through the Worker. */
import type { Page } from "playwright-core";
import { expect } from "vitest";
import { HOME_WAN, type Lab, MOBILE_WAN } from "../../support/field/lab.ts";
import {
  CONNECTED,
  resumedAfter,
  samples,
  securityCode,
  selectedPair,
  shownPath,
  startSampling,
} from "../../support/field/probes.ts";

/** Waits until the page shows its media path and returns it (`data-path` and the words). */
export async function pathOf(page: Page) {
  await page.waitForSelector("#call-path:not([hidden])");
  return shownPath(page);
}

export async function sameSecurityCode(client: Page, counsellor: Page) {
  await expect.poll(() => securityCode(client)).toMatch(/\d/);
  expect(await securityCode(client)).toBe(await securityCode(counsellor));
}

/**
 * Moves the client from home to the mobile network mid-call and checks that media comes
 * back on both pages without a reload (a mark set in the page survives), on the new
 * network, with the same security code.
 */
export async function survivesNetworkChange(lab: Lab, client: Page, counsellor: Page) {
  expect(["192.0.2.10", HOME_WAN]).toContain((await selectedPair(client))?.local.address);
  const code = await securityCode(client);
  // A reload would lose this mark.
  await client.evaluate(() => {
    (window as unknown as { labMark: number }).labMark = 1;
  });
  await startSampling(client);
  await startSampling(counsellor);
  await expect.poll(async () => (await samples(counsellor)).length).toBeGreaterThan(5);

  const changedAt = Date.now();
  lab.moveClient("mobile");
  const onMobile = async () =>
    ["192.0.2.130", MOBILE_WAN].includes((await selectedPair(client))?.local.address ?? "");
  await expect.poll(onMobile).toBe(true);
  await client.waitForSelector(CONNECTED);
  await counsellor.waitForSelector(CONNECTED);
  expect((await selectedPair(counsellor))?.remote.address).not.toBe(HOME_WAN);
  // Video decoded again on both sides after the change.
  for (const page of [client, counsellor]) {
    await expect.poll(async () => resumedAfter(await samples(page), 2, changedAt)).not.toBeNull();
  }
  expect(await client.evaluate(() => (window as unknown as { labMark?: number }).labMark)).toBe(1);
  expect(await securityCode(client)).toBe(code);
  expect(await securityCode(counsellor)).toBe(code);
}
