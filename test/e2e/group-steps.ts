/**
 * Steps of a call with further participants through the real pages, shared by
 * the Node test and the Worker test: the counsellor adds people on the
 * appointment page, everyone joins with their own code, the counsellor lets
 * them in one by one and can send one back to the waiting room. Media and
 * security codes are read per pair from the pages' own peer connections.
 */
import type { Page } from "playwright-core";
import { expect } from "vitest";

/** A person in the call: their page and the member id the room knows them by. */
export interface Person {
  page: Page;
  member: string;
}

/** Adds a further participant on the appointment page; returns their id and code. */
export async function addParticipant(
  page: Page,
  name: string,
  role: string,
): Promise<{ id: string; code: string }> {
  const before = await page.locator("article[data-participant]").count();
  await page.locator("#field-participant-name").fill(name);
  await page.locator("#field-participant-role").selectOption(role);
  await page.getByRole("button", { name: "Person hinzufügen" }).click();
  await expect.poll(() => page.locator("article[data-participant]").count()).toBe(before + 1);
  const article = page.locator("article[data-participant]").filter({ hasText: name });
  const id = (await article.getAttribute("data-participant")) ?? "";
  const code =
    (await article.locator("[data-dial-in-code]").getAttribute("data-dial-in-code")) ?? "";
  expect(code).toMatch(/^\d{12}$/);
  return { id, code };
}

/** The client's own code on the appointment page (not a participant's). */
export async function clientCode(page: Page): Promise<string> {
  const code = await page
    .locator("[data-dial-in-code]:not([data-participant] [data-dial-in-code])")
    .getAttribute("data-dial-in-code");
  expect(code).toMatch(/^\d{12}$/);
  return code ?? "";
}

/** Joins with a code and a typed name and waits in the waiting room. */
export async function joinWithCode(page: Page, base: string, code: string, name: string) {
  await page.goto(`${base}/join?code=${code}`);
  await page.getByLabel("Ihr Name").fill(name);
  await page.getByRole("checkbox").check();
  await page.getByRole("button", { name: "Ins Wartezimmer" }).click();
  await page.waitForURL(/\/lobby$/);
}

/**
 * Lets a waiting participant in from the counsellor's call page (its list of
 * people renews itself, so the button appears once they wait) and waits until
 * their page is on the call.
 */
export async function letIn(counsellor: Page, participantId: string, guest: Page) {
  const button = counsellor.locator(
    `#participant-states [data-participant="${participantId}"] [data-participant-action="admit"] button`,
  );
  await button.waitFor();
  await button.click();
  await guest.waitForURL(/\/call$/);
}

/** Sends a participant back from the counsellor's call page; their page returns to the waiting room. */
export async function sendBack(counsellor: Page, participantId: string, guest: Page) {
  const url = counsellor.url();
  const button = counsellor.locator(
    `#participant-states [data-participant="${participantId}"] [data-participant-action="back"] button`,
  );
  await button.waitFor();
  await button.click();
  await guest.waitForURL(/\/lobby$/);
  // The counsellor's page stayed where it was: the call goes on.
  expect(counsellor.url()).toBe(url);
}

/** Video frames this page decoded from `from`, through that member's own connection. */
export function framesFrom(page: Page, from: string): Promise<number> {
  return page.evaluate(`(async () => {
    const call = window.__sprechzimmerCall;
    const pc = call && call.peers ? call.peers()[${JSON.stringify(from)}] : undefined;
    if (!pc) return 0;
    let frames = 0;
    (await pc.getStats()).forEach((stat) => {
      if (stat.type === "inbound-rtp" && stat.kind === "video") frames += stat.framesDecoded || 0;
    });
    return frames;
  })()`) as Promise<number>;
}

/** Every person's page decodes fresh video from every other person in `people`. */
export async function everyoneSeesEveryone(people: Person[]) {
  for (const viewer of people) {
    for (const other of people) {
      if (other === viewer) continue;
      const before = await framesFrom(viewer.page, other.member);
      await expect.poll(() => framesFrom(viewer.page, other.member)).toBeGreaterThan(before);
    }
  }
}

/** The security code one page shows for the pair with `other`. */
export function pairCode(page: Page, other: string): Promise<string | null> {
  return page
    .locator(`[data-peer="${other}"] [data-security-code]:not([data-security-code=""])`)
    .getAttribute("data-security-code");
}

/** Both pages of every pair show the same code, and no two pairs share one. */
export async function pairCodesMatch(people: Person[]) {
  const codes = new Set<string>();
  for (const [i, a] of people.entries()) {
    for (const b of people.slice(i + 1)) {
      const fromA = await pairCode(a.page, b.member);
      const fromB = await pairCode(b.page, a.member);
      expect(fromA).toMatch(/\d/);
      expect(fromA).toBe(fromB);
      codes.add(fromA ?? "");
    }
  }
  expect(codes.size).toBe((people.length * (people.length - 1)) / 2);
}
