/**
 * The counsellor's steps through the real pages, shared by the browser tests and
 * the benchmarks: an account made with the CLI, signing in, a new appointment.
 */
import { join } from "node:path";
import type { Page } from "playwright-core";
import { runToEnd } from "../../support/process.ts";
import { fieldsIn } from "../helpers/zone.ts";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");

export const COUNSELLOR = { email: "anna@example.org", password: "correct horse battery" };

/** `npm run counsellor -- add` into the data folder `dir`; throws with the CLI's output if it fails. */
export async function addCounsellorWithCli(
  dir: string,
  name = "Anna Beraterin",
  options: { admin?: boolean } = {},
): Promise<void> {
  const created = await runToEnd(
    tsx,
    [
      join(root, "scripts", "counsellor.ts"),
      "add",
      "--email",
      COUNSELLOR.email,
      "--name",
      name,
      ...(options.admin ? ["--admin"] : []),
    ],
    { DATA_DIR: dir, COUNSELLOR_PASSWORD: COUNSELLOR.password },
  );
  if (created.code !== 0) throw new Error(`no counsellor:\n${created.output}`);
}

/** Signs in on the login page and waits for the dashboard. */
export async function signInOnPage(page: Page, base: string): Promise<void> {
  await page.goto(`${base}/login`);
  await page.getByLabel("E-Mail-Adresse").fill(COUNSELLOR.email);
  await page.getByLabel("Passwort").fill(COUNSELLOR.password);
  await page.getByRole("button", { name: "Anmelden" }).click();
  await page.waitForURL(/\/dashboard$/);
}

/**
 * Fills in the open "new appointment" form for today 10 minutes from now in
 * `zone`, sends it, and returns the dial-in code the appointment page shows.
 */
export async function fillNewAppointment(
  page: Page,
  zone: string,
  clientName = "Frau Müller",
): Promise<string> {
  const { date, time } = fieldsIn(zone, 10);
  await page.getByLabel("Name der ratsuchenden Person").fill(clientName);
  await page.getByLabel("Datum").fill(date);
  await page.getByLabel("Uhrzeit").fill(time);
  await page.getByLabel("Dauer in Minuten").fill("50");
  await page.getByRole("button", { name: "Termin anlegen" }).click();
  await page.waitForURL(/\/appointments\/[0-9a-f-]{36}\?created=1$/);
  const code = await page.locator("[data-dial-in-code]").getAttribute("data-dial-in-code");
  if (!code) throw new Error("the appointment page shows no dial-in code");
  return code;
}

/** Opens the "new appointment" form and creates one (see `fillNewAppointment`). */
export async function newAppointment(
  page: Page,
  base: string,
  zone: string,
  clientName?: string,
): Promise<string> {
  await page.goto(`${base}/appointments/new`);
  return fillNewAppointment(page, zone, clientName);
}
