/**
 * The whole journey through the Worker as `npm run dev:worker` serves it (wrangler,
 * workerd, a local D1, the room Durable Object): the first counsellor through the
 * setup link, an appointment, a client who joins with the code, and a call with
 * media flowing both ways and the same security code on both pages.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, runToEnd, startServer } from "../../support/process.ts";
import { endSession, type Harness, launchHarness } from "../helpers/browser.ts";
import { fieldsIn, noonZone } from "../helpers/zone.ts";
import {
  addParticipant,
  clientCode,
  everyoneSeesEveryone,
  joinWithCode,
  letIn,
  pairCodesMatch,
  sendBack,
} from "./group-steps.ts";

const zone = noonZone();
let worker: RunningServer;
let counsellorBrowser: Harness;
let clientBrowser: Harness;
let dir: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "sprechzimmer-dev-worker-"));
  const port = await freePort();
  worker = await startServer(
    "npm",
    ["run", "dev:worker", "--silent"],
    {
      PORT: String(port),
      TIME_ZONE: zone,
      WRANGLER_PERSIST_TO: dir,
    },
    /Ready on (http:\/\/127\.0\.0\.1:\d+)/,
  );
  counsellorBrowser = await launchHarness();
  clientBrowser = await launchHarness();
}, 120_000);

afterAll(async () => {
  await counsellorBrowser?.close();
  await clientBrowser?.close();
  await worker?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function videoBytes(page: Page): Promise<number> {
  return page.evaluate(`(async () => {
    const pc = window.__sprechzimmerCall && window.__sprechzimmerCall.pc;
    if (!pc) return 0;
    let bytes = 0;
    (await pc.getStats()).forEach((stat) => {
      if (stat.type === "inbound-rtp" && stat.kind === "video") bytes += stat.bytesReceived || 0;
    });
    return bytes;
  })()`) as Promise<number>;
}

describe("a call through the Worker (npm run dev:worker)", () => {
  it("sets up, invites, admits and connects counsellor and client through the Durable Object", async () => {
    const page = await counsellorBrowser.newPage();
    // With no counsellor in the fresh local D1, dev:worker prints the set-up link, as `npm start` does.
    const link = /No counsellor account yet[^\n]*\n\s*(http:\/\/\S+\/setup\?token=\S+)/.exec(
      worker.output(),
    )?.[1];
    expect(link).toBeDefined();
    await page.goto(link ?? "");
    await page.getByLabel("Ihr Name").fill("Anna Beraterin");
    await page.getByLabel("E-Mail-Adresse").fill("anna@example.org");
    await page.getByLabel("Neues Passwort").fill("correct horse battery");
    await page.getByRole("button", { name: "Konto anlegen" }).click();
    await page.waitForURL(/\/dashboard$/);

    await page.goto(`${worker.url}/appointments/new`);
    const { date, time } = fieldsIn(zone, 10);
    await page.getByLabel("Name der ratsuchenden Person").fill("Frau Müller");
    await page.getByLabel("Datum").fill(date);
    await page.getByLabel("Uhrzeit").fill(time);
    await page.getByRole("button", { name: "Termin anlegen" }).click();
    await page.waitForURL(/\?created=1$/);
    const code = await page.locator("[data-dial-in-code]").getAttribute("data-dial-in-code");

    const client = await clientBrowser.newPage();
    await client.goto(`${worker.url}/join?code=${code}`);
    await client.getByLabel("Ihr Name").fill("Maria Müller");
    await client.getByRole("checkbox").check();
    await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await client.waitForURL(/\/lobby$/);

    await page.goto(`${worker.url}/dashboard`);
    await page.getByRole("button", { name: "Sitzung starten" }).click();
    await page.waitForURL(/\/call$/);
    await client.waitForURL(/\/call$/);

    const connected = '#call-state[data-state="connected"]';
    await page.locator(connected).waitFor();
    await client.locator(connected).waitFor();
    for (const p of [page, client]) {
      const before = await videoBytes(p);
      await expect.poll(() => videoBytes(p)).toBeGreaterThan(before);
    }
    const codeOf = (p: Page) =>
      p
        .locator('[data-security-code]:not([data-security-code=""])')
        .getAttribute("data-security-code");
    expect(await codeOf(page)).toBe(await codeOf(client));

    await endSession(page);
    await client.waitForURL(/\/call\/left$/);
    expect(await client.locator("h1").textContent()).toBe("Die Sprechstunde ist beendet");
    expect(counsellorBrowser.offOrigin).toEqual([]);
    expect(clientBrowser.offOrigin).toEqual([]);
  });
});

describe("three people through the Worker (npm run dev:worker)", () => {
  it("admits the client and an interpreter one by one, sends the interpreter back and lets them in again", async () => {
    // The counsellor set up above is still signed in in this browser.
    const page = await counsellorBrowser.newPage();
    await page.goto(`${worker.url}/appointments/new`);
    const { date, time } = fieldsIn(zone, 5);
    await page.getByLabel("Name der ratsuchenden Person").fill("Herr Schmidt");
    await page.getByLabel("Datum").fill(date);
    await page.getByLabel("Uhrzeit").fill(time);
    await page.getByRole("button", { name: "Termin anlegen" }).click();
    await page.waitForURL(/\?created=1$/);
    const code = await clientCode(page);
    const interpreter = await addParticipant(page, "Frau Haddad", "signInterpreter");

    const client = await clientBrowser.isolatedPage();
    const interpreterPage = await clientBrowser.isolatedPage();
    await joinWithCode(client, worker.url, code, "Paul Schmidt");
    await joinWithCode(interpreterPage, worker.url, interpreter.code, "Lina Haddad");
    await page.goto(`${worker.url}/dashboard`);
    await page
      .locator("li, tr, article")
      .filter({ hasText: "Herr Schmidt" })
      .getByRole("button", { name: "Sitzung starten" })
      .first()
      .click();
    await page.waitForURL(/\/call$/);
    await client.waitForURL(/\/call$/);

    const counsellor = { page, member: "counsellor" };
    const theClient = { page: client, member: "client" };
    const theInterpreter = { page: interpreterPage, member: `p-${interpreter.id}` };
    await everyoneSeesEveryone([counsellor, theClient]);
    await letIn(page, interpreter.id, interpreterPage);
    const all = [counsellor, theClient, theInterpreter];
    await everyoneSeesEveryone(all);
    await pairCodesMatch(all);

    await sendBack(page, interpreter.id, interpreterPage);
    await everyoneSeesEveryone([counsellor, theClient]);
    await letIn(page, interpreter.id, interpreterPage);
    await everyoneSeesEveryone(all);
    await pairCodesMatch(all);

    await endSession(page);
    await client.waitForURL(/\/call\/left$/);
    expect(counsellorBrowser.offOrigin).toEqual([]);
    expect(clientBrowser.offOrigin).toEqual([]);
  });
});

describe("the purge on the local Worker (npm run dev:worker)", () => {
  const d1 = (sql: string) =>
    runToEnd(
      join(import.meta.dirname, "..", "..", "node_modules", ".bin", "wrangler"),
      ["d1", "execute", "DB", "--local", "--persist-to", dir, "--json", "--command", sql],
      { WRANGLER_SEND_METRICS: "false", CI: "true" },
    );

  it("runs when /__scheduled is fetched, as docs/operating.md tells operators", async () => {
    const longAgo = Date.now() - 100 * 86_400_000;
    const added = await d1(
      "insert or ignore into counsellors (id, email, name, password_hash) values ('purge-c', 'purge@example.org', 'P', 'x'); " +
        `insert into appointments (id, counsellor_id, client_name, starts_at, duration_minutes, code_hash) values ('due-1', 'purge-c', 'Alte Sitzung', ${longAgo}, 50, 'hash-due-1')`,
    );
    expect(added.code, added.output).toBe(0);
    const res = await fetch(`${worker.url}/__scheduled?cron=17+*+*+*+*`);
    expect(await res.text()).toBe("Ran scheduled event");
    expect(res.status).toBe(200);
    expect(worker.output()).toMatch(/"event":"purge","appointments":1,/);
    const left = await d1("select count(*) as n from appointments where id = 'due-1'");
    expect(left.code, left.output).toBe(0);
    expect(JSON.parse(left.output)[0].results).toEqual([{ n: 0 }]);
  });
});
