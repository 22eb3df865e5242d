import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeLabs } from "../../support/field/lab.ts";
import { plainNetwork, relayOnlyNetwork } from "../../support/field/networks.ts";
import { CONNECTED, selectedPair } from "../../support/field/probes.ts";
import { type Field, startField, WORKER_SETUP_TOKEN } from "../../support/field/world.ts";
import { endSession } from "../helpers/browser.ts";
import { fieldsIn, noonZone } from "../helpers/zone.ts";
import { pathOf, sameSecurityCode, survivesNetworkChange } from "./steps.ts";

const zone = noonZone();
const EMAIL = "anna@example.org";
const PASSWORD = "correct horse battery";
let field: Field;

beforeAll(async () => {
  if (process.getuid?.() !== 0) throw new Error("The network lab needs root (network namespaces).");
  field = await startField({ service: "worker", timeZone: zone });
  // The first counsellor, through the set-up link the Worker was started with.
  const page = await field.counsellor.open("de-DE");
  await page.goto(`${field.url}/setup?token=${WORKER_SETUP_TOKEN}`);
  await page.getByLabel("Ihr Name").fill("Anna Beraterin");
  await page.getByLabel("E-Mail-Adresse").fill(EMAIL);
  await page.getByLabel("Neues Passwort").fill(PASSWORD);
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  await page.waitForURL(/\/dashboard$/);
});

afterAll(async () => {
  await field?.close();
  closeLabs();
});

beforeEach(() => plainNetwork(field.lab));

/** An appointment, the client in the waiting room, the session started: both on the call page. */
async function sessionCall(clientName: string) {
  const counsellor = await field.counsellor.open("de-DE");
  await counsellor.goto(`${field.url}/login`);
  await counsellor.getByLabel("E-Mail-Adresse").fill(EMAIL);
  await counsellor.getByLabel("Passwort").fill(PASSWORD);
  await counsellor.getByRole("button", { name: "Anmelden" }).click();
  await counsellor.waitForURL(/\/dashboard$/);
  await counsellor.goto(`${field.url}/appointments/new`);
  const { date, time } = fieldsIn(zone, 10);
  await counsellor.getByLabel("Name der ratsuchenden Person").fill(clientName);
  await counsellor.getByLabel("Datum").fill(date);
  await counsellor.getByLabel("Uhrzeit").fill(time);
  await counsellor.getByRole("button", { name: "Termin anlegen" }).click();
  await counsellor.waitForURL(/\?created=1$/);
  const code = await counsellor.locator("[data-dial-in-code]").getAttribute("data-dial-in-code");

  const client = await field.client.open("de-DE");
  await client.goto(`${field.url}/join?code=${code}`);
  await client.getByLabel("Ihr Name").fill(clientName);
  await client.getByRole("checkbox").check();
  await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
  await client.waitForURL(/\/lobby$/);

  await counsellor.goto(`${field.url}/dashboard`);
  await counsellor.getByRole("button", { name: "Sitzung starten" }).click();
  await counsellor.waitForURL(/\/call$/);
  await client.waitForURL(/\/call$/);
  await counsellor.waitForSelector(CONNECTED);
  await client.waitForSelector(CONNECTED);
  return { client, counsellor };
}

describe("calls in the network lab through the Worker", () => {
  it("1 direct: both behind simple NATs, the call goes direct", async () => {
    const { client, counsellor } = await sessionCall("Frau Direkt");
    expect((await selectedPair(client))?.local.type).toMatch(/^(host|srflx|prflx)$/);
    expect((await pathOf(client)).path).toBe("direct");
    expect((await pathOf(counsellor)).path).toBe("direct");
    await sameSecurityCode(client, counsellor);
    await endSession(counsellor);
  });

  it("2 relay only: the call goes through coturn, and both pages say so", async () => {
    relayOnlyNetwork(field.lab);
    const { client, counsellor } = await sessionCall("Herr Umweg");
    const pair = await selectedPair(client);
    expect([pair?.local.type, pair?.remote.type]).toContain("relay");
    expect((await pathOf(client)).path).toBe("relay");
    expect((await pathOf(counsellor)).path).toBe("relay");
    await sameSecurityCode(client, counsellor);
    await endSession(counsellor);
  });

  it("6 network change: media comes back by an ICE restart through the Durable Object, no reload", async () => {
    const { client, counsellor } = await sessionCall("Frau Unterwegs");
    await survivesNetworkChange(field.lab, client, counsellor);
    await endSession(counsellor);
  });

  it("no page tried to load anything from outside the lab, and none failed", () => {
    expect(field.client.offLab).toEqual([]);
    expect(field.counsellor.offLab).toEqual([]);
    expect(field.client.problems).toEqual([]);
    expect(field.counsellor.problems).toEqual([]);
  });
});
