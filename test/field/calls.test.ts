/**
 * Calls in the network lab, on Node: the client at home behind a NAT, the
 * counsellor at the office behind another, the service and coturn on the lab's
 * "internet" (`support/field/`). Each case changes the client's network and holds
 * a call across it. The cases share one lab and run in order.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { closeLabs } from "../../support/field/lab.ts";
import { LAB_COUNSELLOR } from "../../support/field/lab-counsellor.ts";
import { plainNetwork, relayOnlyNetwork, udpBlockedNetwork } from "../../support/field/networks.ts";
import {
  CONNECTED,
  longestGap,
  longestSilence,
  samples,
  selectedPair,
  sentVideo,
  startSampling,
  stayedConnected,
} from "../../support/field/probes.ts";
import { type Field, startField } from "../../support/field/world.ts";
import { pathOf, sameSecurityCode, survivesNetworkChange } from "./steps.ts";

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

// Every case starts from a plain home network: port-keeping NAT, no filter, no limit.
beforeEach(() => plainNetwork(field.lab));

const PATH_TEXT = {
  de: {
    direct: "Direkte Verbindung, Ende-zu-Ende verschlüsselt",
    relay: "Über einen Vermittlungsserver, weiterhin Ende-zu-Ende verschlüsselt",
  },
  en: {
    direct: "Direct connection, end-to-end encrypted",
    relay: "Through a relay server, still end-to-end encrypted",
  },
};

/** Both pages of a new call in `room`, connected, with their browser languages. */
async function call(room: string, clientLocale = "de-DE", counsellorLocale = "de-DE") {
  const counsellor = await field.counsellor.open(counsellorLocale);
  const client = await field.client.open(clientLocale);
  await counsellor.goto(`${field.url}/test-call/${room}/counsellor`);
  await client.goto(`${field.url}/test-call/${room}/client`);
  await counsellor.waitForSelector(CONNECTED);
  await client.waitForSelector(CONNECTED);
  return { client, counsellor };
}

/**
 * Samples both pages for `seconds` and returns, per page, the longest time without a
 * new inbound audio packet, and whether the connection stayed up all along.
 */
async function listen(seconds: number, ...pages: Page[]) {
  for (const page of pages) await startSampling(page);
  // The samplers run in the pages; this only decides how long the window is.
  const from = Date.now() + 1000;
  await expect
    .poll(async () => Math.min(...(await Promise.all(pages.map(lastSampleTime)))), {
      interval: 1000,
    })
    .toBeGreaterThan(from + seconds * 1000);
  const to = from + seconds * 1000;
  return Promise.all(
    pages.map(async (page) => {
      const all = await samples(page);
      const seen = all.filter(([time]) => time >= from && time <= to);
      // On failure: what the page saw at the start and end of the window, and any sample without sound.
      const detail = JSON.stringify({
        from,
        to,
        first: seen[0],
        last: seen.at(-1),
        silent: seen.filter((s) => s[4] === null).slice(0, 3),
      });
      return {
        audioGapMs: longestSilence(all, from, to),
        connected: stayedConnected(all, from, to),
        detail,
      };
    }),
  );
}

async function lastSampleTime(page: Page): Promise<number> {
  const all = await samples(page);
  return all.at(-1)?.[0] ?? 0;
}

describe("calls in the network lab (Node)", () => {
  it("1 direct: both behind simple NATs, the call goes direct and both pages say so", async () => {
    const { client, counsellor } = await call("field-direct", "de-DE", "en-GB");
    const pair = await selectedPair(client);
    expect(pair?.local.type).toMatch(/^(host|srflx|prflx)$/);
    expect(pair?.remote.type).toMatch(/^(host|srflx|prflx)$/);
    expect(await pathOf(client)).toEqual({ path: "direct", text: PATH_TEXT.de.direct });
    expect(await pathOf(counsellor)).toEqual({ path: "direct", text: PATH_TEXT.en.direct });
    await sameSecurityCode(client, counsellor);
    for (const heard of await listen(3, client, counsellor)) {
      expect(heard.audioGapMs, heard.detail).toBeLessThan(1000);
    }
  });

  it("2 relay only: behind a port-randomising NAT with UDP to the office blocked, the call goes through coturn and both pages say so", async () => {
    relayOnlyNetwork(field.lab);
    const { client, counsellor } = await call("field-relay", "en-GB", "de-DE");
    // Either end may be the relay: the client's own allocation, or the counsellor's reached straight.
    const pair = await selectedPair(client);
    expect([pair?.local.type, pair?.remote.type]).toContain("relay");
    expect(await pathOf(client)).toEqual({ path: "relay", text: PATH_TEXT.en.relay });
    expect(await pathOf(counsellor)).toEqual({ path: "relay", text: PATH_TEXT.de.relay });
    await sameSecurityCode(client, counsellor);
    for (const heard of await listen(3, client, counsellor)) {
      expect(heard.audioGapMs, heard.detail).toBeLessThan(1000);
    }
  });

  it("3 UDP blocked entirely on the client's side: the call connects through TURN over TCP", async () => {
    udpBlockedNetwork(field.lab);
    const { client, counsellor } = await call("field-tcp");
    const pair = await selectedPair(client);
    expect(pair?.local).toMatchObject({ type: "relay", relayProtocol: "tcp" });
    expect((await pathOf(client)).path).toBe("relay");
    expect((await pathOf(counsellor)).path).toBe("relay");
    await sameSecurityCode(client, counsellor);
    for (const heard of await listen(3, client, counsellor)) {
      expect(heard.audioGapMs, heard.detail).toBeLessThan(1000);
    }
  });

  it("4 weak line: at 300 kbit/s up the call connects, sound keeps coming, the picture adapts instead of freezing", async () => {
    field.lab.limitClientUplink(300);
    const { client, counsellor } = await call("field-weak");
    // The client's encoder is held back by the bandwidth, and the counsellor still decodes video.
    await expect
      .poll(async () => (await sentVideo(client))?.limitation, { timeout: 60_000 })
      .toBe("bandwidth");
    // Both pages say so in words: the client's picture goes out smaller, the counsellor's comes in smaller.
    await client.waitForSelector('#call-adapted:not([hidden])[data-adapted~="sending"]');
    await counsellor.waitForSelector('#call-adapted:not([hidden])[data-adapted~="receiving"]');
    expect(await client.locator("#call-adapted").textContent()).toContain(
      "Bild an die Verbindung angepasst",
    );
    const [heardByCounsellor] = await listen(10, counsellor);
    expect(heardByCounsellor?.audioGapMs).toBeLessThan(1000);
    expect(heardByCounsellor?.connected).toBe(true);
    const all = await samples(counsellor);
    const from = all[0]?.[0] ?? 0;
    expect(longestGap(all, 2, from + 1000, from + 10_000)).toBeLessThan(2000);
  });

  it("4 very weak line: at 64 kbit/s up the client's page offers sound only", async () => {
    field.lab.limitClientUplink(64);
    const { client } = await call("field-very-weak");
    await client.waitForSelector('#call-suggest:not([hidden])[data-reason="weak"]', {
      timeout: 90_000,
    });
    expect(await client.locator("#call-suggest-text").textContent()).toContain(
      "zu schwach für Video",
    );
    // Taking the offer turns video off: the call goes on with sound only.
    await client.locator("#call-suggest-audio-only").click();
    await expect
      .poll(() => client.locator("#call-audio-only").getAttribute("aria-pressed"))
      .toBe("true");
    await client.waitForSelector(CONNECTED);
  });

  it("5 loss: 5 % of packets lost both ways for 30 s, sound keeps arriving every second and the call stays up", async () => {
    const { client, counsellor } = await call("field-loss");
    field.lab.filter("home", ["numgen random mod 100 < 5 drop"]);
    for (const heard of await listen(30, client, counsellor)) {
      expect(heard.audioGapMs, heard.detail).toBeLessThan(1000);
      expect(heard.connected).toBe(true);
    }
    expect(await client.locator("#call-state").getAttribute("data-state")).toBe("connected");
  });

  it("6 network change: mid-call the client moves to another network; media comes back by an ICE restart, no reload, same security code", async () => {
    const { client, counsellor } = await call("field-change");
    await survivesNetworkChange(field.lab, client, counsellor);
    expect((await pathOf(client)).path).toBe("direct");
  });

  it.each([
    {
      network: "relay only",
      setUp: () => relayOnlyNetwork(field.lab),
      paths: { direct: "no", "udp-relay": "yes", "tcp-relay": "yes" },
      stored: "direct=no,udp-relay=yes,tcp-relay=yes",
      dashboard: "Verbindung: nur über Vermittlungsserver",
    },
    {
      network: "UDP blocked",
      setUp: () => udpBlockedNetwork(field.lab),
      paths: { direct: "no", "udp-relay": "no", "tcp-relay": "yes" },
      stored: "direct=no,udp-relay=no,tcp-relay=yes",
      dashboard: "Verbindung: nur über Vermittlungsserver per TCP",
    },
  ])("7 the device check tests the real path ($network) and the dashboard shows it", async (c) => {
    c.setUp();
    const code = await field.appointment();
    const client = await field.client.open("de-DE");
    await client.goto(`${field.url}/join?code=${code}`);
    await client.getByLabel("Ihr Name").fill("Frau Netz");
    await client.getByRole("checkbox").check();
    await client.getByRole("button", { name: "Ins Wartezimmer" }).click();
    await client.waitForURL(/\/lobby$/);
    await client.goto(`${field.url}/check`);
    await client.locator("#check-start").click();
    await client.waitForSelector("#check-paths:not([hidden])", { timeout: 60_000 });
    for (const [path, works] of Object.entries(c.paths)) {
      expect(
        await client.locator(`#check-paths [data-path="${path}"]`).getAttribute("data-works"),
        path,
      ).toBe(works);
    }
    const counsellor = await field.counsellor.open("de-DE");
    await counsellor.goto(`${field.url}/login`);
    await counsellor.getByLabel("E-Mail-Adresse").fill(LAB_COUNSELLOR.email);
    await counsellor.getByLabel("Passwort").fill(LAB_COUNSELLOR.password);
    await counsellor.getByRole("button", { name: "Anmelden" }).click();
    await counsellor.waitForURL(/\/dashboard$/);
    const shown = counsellor.locator(`[data-check-paths="${c.stored}"]`);
    await expect.poll(() => shown.count()).toBeGreaterThan(0);
    expect(await shown.first().textContent()).toContain(c.dashboard);
  });

  it("no page tried to load anything from outside the lab, and none failed", () => {
    expect(field.client.offLab).toEqual([]);
    expect(field.counsellor.offLab).toEqual([]);
    expect(field.client.problems).toEqual([]);
    expect(field.counsellor.problems).toEqual([]);
  });
});
