/**
 * Four people in one session through the real pages on Node: the counsellor
 * adds an interpreter and a companion to the appointment, the client and both
 * of them join with their own codes, and the counsellor lets them in one by one.
 * Every page decodes video from each of the three others, each pair's security
 * code matches on both its pages, the interpreter is sent back to the waiting
 * room while the other three keep their media, and is let in again.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, startServer } from "../../support/process.ts";
import { endSession, type Harness, launchHarness } from "../helpers/browser.ts";
import { noonZone } from "../helpers/zone.ts";
import {
  addParticipant,
  clientCode,
  everyoneSeesEveryone,
  framesFrom,
  joinWithCode,
  letIn,
  pairCodesMatch,
  sendBack,
} from "./group-steps.ts";
import { addCounsellorWithCli, newAppointment, signInOnPage } from "./office-steps.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
let server: RunningServer;
let harness: Harness;
let dir: string;
const zone = noonZone();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-e2e-group-"));
  await addCounsellorWithCli(dir);
  server = await startServer(tsx, [join(root, "src", "runtime", "node.ts")], {
    PORT: "0",
    DATA_DIR: dir,
    TIME_ZONE: zone,
  });
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe("four people in one session (Chromium, Node)", () => {
  it("admits client, interpreter and companion one by one, sends the interpreter back and lets them in again", async () => {
    const counsellor = await harness.newPage();
    await signInOnPage(counsellor, server.url);
    await newAppointment(counsellor, server.url, zone);
    const code = await clientCode(counsellor);
    const interpreter = await addParticipant(counsellor, "Herr Yılmaz", "interpreter");
    const companion = await addParticipant(counsellor, "Frau Weber", "companion");
    expect(new Set([code, interpreter.code, companion.code]).size).toBe(3);

    const client = await harness.isolatedPage();
    const interpreterPage = await harness.isolatedPage();
    const companionPage = await harness.isolatedPage();
    await joinWithCode(client, server.url, code, "Maria Müller");
    await joinWithCode(interpreterPage, server.url, interpreter.code, "Deniz Yılmaz");
    await joinWithCode(companionPage, server.url, companion.code, "Eva Weber");

    // The dashboard shows each further person's state with their role.
    await counsellor.goto(`${server.url}/dashboard`);
    const states = counsellor.locator(
      `[data-participant="${interpreter.id}"][data-status="waiting"]`,
    );
    await states.first().waitFor();
    expect(await states.first().textContent()).toContain("Dolmetscher/in");

    await counsellor.getByRole("button", { name: "Sitzung starten" }).click();
    await counsellor.waitForURL(/\/call$/);
    await client.waitForURL(/\/call$/);

    const people = {
      counsellor: { page: counsellor, member: "counsellor" },
      client: { page: client, member: "client" },
      interpreter: { page: interpreterPage, member: `p-${interpreter.id}` },
      companion: { page: companionPage, member: `p-${companion.id}` },
    };
    await everyoneSeesEveryone([people.counsellor, people.client]);

    await letIn(counsellor, interpreter.id, interpreterPage);
    await everyoneSeesEveryone([people.counsellor, people.client, people.interpreter]);
    await letIn(counsellor, companion.id, companionPage);
    const all = [people.counsellor, people.client, people.interpreter, people.companion];
    await everyoneSeesEveryone(all);
    await pairCodesMatch(all);

    // Each page names the others with their role: the counsellor by the name they gave,
    // the others by the name the person typed.
    const seenByCounsellor = counsellor.locator(`[data-peer="p-${interpreter.id}"]`);
    expect(await seenByCounsellor.textContent()).toContain("Herr Yılmaz");
    expect(await seenByCounsellor.textContent()).toContain("Dolmetscher/in");
    const seenByClient = client.locator(`[data-peer="p-${interpreter.id}"]`);
    expect(await seenByClient.textContent()).toContain("Deniz Yılmaz");
    expect(await seenByClient.textContent()).toContain("Dolmetscher/in");
    expect(await interpreterPage.locator('[data-peer="client"]').textContent()).toContain(
      "Maria Müller",
    );

    await sendBack(counsellor, interpreter.id, interpreterPage);
    expect(await interpreterPage.locator("main").textContent()).toContain("wieder im Wartezimmer");
    const stayed = [people.counsellor, people.client, people.companion];
    await everyoneSeesEveryone(stayed);
    for (const other of stayed) {
      await expect.poll(() => framesFrom(other.page, people.interpreter.member)).toBe(0);
    }

    await letIn(counsellor, interpreter.id, interpreterPage);
    await everyoneSeesEveryone(all);
    await pairCodesMatch(all);

    await endSession(counsellor);
    await client.waitForURL(/\/call\/left$/);
    expect(harness.offOrigin).toEqual([]);
  });
});
