/**
 * The device check's network paths in Chromium against Debian's coturn on
 * loopback (UDP and TCP on one port, and its STUN): a waiting client, the
 * invitation's `#code=` link and an anonymous visitor each see one line per
 * path, with `data-path` and `data-works`, and what the page shows is what the
 * dashboard's row gets.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { generateCode } from "../../src/appointments/codes.ts";
import { type LibsqlHandle, openLibsql } from "../../src/db/libsql.ts";
import { type RunningServer, startServer } from "../../support/process.ts";
import { insertAppointment, readAppointment } from "../helpers/appointments.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";
import { type RunningTurn, startTurn } from "../helpers/turn.ts";

const root = join(import.meta.dirname, "..", "..");
const SECRET = "e2e-secret-e2e-secret-e2e-secret-0123456";
let turn: RunningTurn;
let server: RunningServer;
let harness: Harness;
let database: LibsqlHandle;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-check-paths-"));
  turn = await startTurn();
  server = await startServer(
    join(root, "node_modules", ".bin", "tsx"),
    [join(root, "src", "runtime", "node.ts")],
    {
      PORT: "0",
      DATA_DIR: dir,
      SERVER_SECRET: SECRET,
      STUN_URLS: `stun:127.0.0.1:${turn.port}`,
      TURN_URLS: `${turn.url},turn:127.0.0.1:${turn.port}?transport=tcp`,
      TURN_SECRET: turn.secret,
    },
  );
  database = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.stop();
  await turn?.stop();
  database?.client.close();
  rmSync(dir, { recursive: true, force: true });
});

async function appointmentSoon() {
  const code = generateCode();
  const id = await insertAppointment(database.db, SECRET, {
    code,
    startsAt: new Date(Date.now() + 5 * 60_000),
  });
  return { code, id };
}

/** Runs the automatic test and reads each path's line once the probe is done. */
async function runCheck(page: Page) {
  await page.getByRole("button", { name: "Test starten" }).click();
  await page.locator("#check-paths:not([hidden])").waitFor();
  await page.locator("#check-summary[data-summary]").waitFor();
  return page.evaluate(() =>
    Array.from(document.querySelectorAll<HTMLElement>("#check-paths [data-path]")).map((item) => ({
      path: item.dataset.path,
      works: item.dataset.works,
      text: item.textContent,
    })),
  );
}

const line = (lines: Awaited<ReturnType<typeof runCheck>>, path: string) =>
  lines.find((entry) => entry.path === path);

describe("the device check's network paths through coturn", () => {
  // Each visitor comes fresh: a client cookie left from another test would open its appointment.
  beforeEach(() => harness.context.clearCookies());

  it("a waiting client sees the relay over UDP and over TCP working, and the result keeps them", async () => {
    const { code, id } = await appointmentSoon();
    const page = await harness.newPage();
    await page.goto(`${server.url}/join`);
    await page.getByLabel("Einwahlcode").fill(code);
    await page.getByLabel("Ihr Name").fill("Maria Muster");
    await page.getByLabel(/Hinweise zu Datenschutz/).check();
    await page.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await page.waitForURL(`${server.url}/lobby`);
    await page.goto(`${server.url}/check`);

    const lines = await runCheck(page);
    expect(lines.map((entry) => entry.path)).toEqual(["direct", "udp-relay", "tcp-relay"]);
    expect(line(lines, "udp-relay")).toEqual({
      path: "udp-relay",
      works: "yes",
      text: "Über Vermittlungsserver (UDP): funktioniert",
    });
    expect(line(lines, "tcp-relay")).toEqual({
      path: "tcp-relay",
      works: "yes",
      text: "Über Vermittlungsserver (TCP, für strenge Firewalls): funktioniert",
    });
    // No NAT on loopback: coturn's STUN answer is the host's own address, and Chromium
    // drops a server-reflexive candidate equal to a host candidate, so none comes back.
    expect(line(lines, "direct")).toEqual({
      path: "direct",
      works: "no",
      text: "Direkte Verbindung: nicht möglich",
    });
    const summary = await page.locator("#check-summary").getAttribute("data-summary");
    expect(summary).toBe("relay");
    expect(await page.locator('[data-result="connection"]').getAttribute("data-outcome")).toBe(
      "warn",
    );

    // What the page showed is what the appointment keeps for the dashboard.
    await expect
      .poll(async () => (await readAppointment(database.db, id)).deviceCheckPaths)
      .toBe("direct=no,udp-relay=yes,tcp-relay=yes");
    expect((await readAppointment(database.db, id)).deviceCheckResult).toBe("relay");
    await page.close();
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("the invitation's #code= link gets the relays tested too, and the code stays out of every address", async () => {
    const { code, id } = await appointmentSoon();
    const page = await harness.newPage();
    const requests: string[] = [];
    page.on("request", (request) => requests.push(`${request.method()} ${request.url()}`));
    await page.goto(`${server.url}/check#code=${code}`);
    const lines = await runCheck(page);
    expect(line(lines, "udp-relay")?.works).toBe("yes");
    expect(line(lines, "tcp-relay")?.works).toBe("yes");
    await expect
      .poll(async () => (await readAppointment(database.db, id)).deviceCheckPaths)
      .toBe("direct=no,udp-relay=yes,tcp-relay=yes");
    expect(
      requests.some((request) => request.startsWith("POST ") && request.endsWith("/check/token")),
    ).toBe(true);
    expect(requests.filter((request) => request.includes(code))).toEqual([]);
    await page.close();
    expect(harness.problems).toEqual([]);
  });

  it("an anonymous visitor gets no relay, and the page says those were not tested", async () => {
    const page = await harness.newPage();
    await page.goto(`${server.url}/check?lang=en`);
    await page.getByRole("button", { name: "Start the test" }).click();
    await page.locator("#check-paths:not([hidden])").waitFor();
    const lines = await page.evaluate(() =>
      Array.from(document.querySelectorAll<HTMLElement>("#check-paths [data-path]")).map((item) => [
        item.dataset.path,
        item.dataset.works,
        item.textContent,
      ]),
    );
    expect(lines).toEqual([
      // STUN is for everyone; on loopback it finds no mapping (see above).
      ["direct", "no", "Direct connection: not possible"],
      ["udp-relay", "unknown", "Through a relay server (UDP): not tested"],
      ["tcp-relay", "unknown", "Through a relay server (TCP, for strict firewalls): not tested"],
    ]);
    await page.close();
    expect(harness.problems).toEqual([]);
  });
});
