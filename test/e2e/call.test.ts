/**
 * A real call in Chromium: two pages (counsellor, client) on loopback with fake
 * camera and microphone, signalling through the Node hub. Everything waits for
 * states, never for time.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { endSession, type Harness, launchHarness } from "../helpers/browser.ts";
import { type RunningTurn, startTurn } from "../helpers/turn.ts";

let server: CallServer;
let harness: Harness;

beforeAll(async () => {
  server = await startCallServer();
  harness = await launchHarness();
});

afterAll(async () => {
  await harness?.close();
  await server?.close();
});

/** Bytes of video received so far, from the page's own peer connection. */
function videoBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const pc = window.__sprechzimmerCall?.pc;
    if (!pc) return 0;
    let bytes = 0;
    (await pc.getStats()).forEach((stat) => {
      if (stat.type === "inbound-rtp" && stat.kind === "video") bytes += stat.bytesReceived ?? 0;
    });
    return bytes;
  });
}

/** The local candidate types of the page's selected candidate pair. */
function selectedCandidateTypes(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const stats = await window.__sprechzimmerCall?.pc?.getStats();
    const types: string[] = [];
    stats?.forEach((stat) => {
      if (stat.type === "candidate-pair" && stat.nominated && stat.state === "succeeded") {
        types.push(stats.get(stat.localCandidateId)?.candidateType);
      }
    });
    return types;
  });
}

/** Whether the page's connection sends a video track. */
function sendsVideo(page: Page): Promise<boolean> {
  return page.evaluate(
    () =>
      window.__sprechzimmerCall?.pc
        ?.getSenders()
        .some((sender) => sender.track?.kind === "video") ?? false,
  );
}

/** Waits until a device list offers a choice, and returns an option other than the selected one. */
async function anotherOption(page: Page, select: string) {
  const options = page.locator(`${select} option`);
  await expect.poll(() => options.count()).toBeGreaterThan(1);
  const selected = await page.locator(select).inputValue();
  const other = await options.evaluateAll(
    (all, current) =>
      all
        .map((o) => ({ value: (o as HTMLOptionElement).value, label: o.textContent ?? "" }))
        .find((o) => o.value !== current),
    selected,
  );
  if (!other) throw new Error(`${select} offers no other device`);
  return other;
}

interface WeakLineRecord {
  /** Quality samples in a row rated "good" so far. */
  good: number;
  /** Samples shown since recording began (-1 before). */
  recorded: number;
  seen: string[];
}

/**
 * Records every time the page shows the adapted picture's line or the sound-only offer,
 * with the sample's number and what `getStats()` said just then, so that a failure tells
 * why. With `afterGood`, recording begins only once that many samples in a row were rated
 * "good": a busy machine can make loopback a slow line for a while, and then the page is
 * right to say so. (A page that wrongly says "adapted" never gets there: it rates the line
 * "fair".)
 */
function recordWeakLineNotices(page: Page, afterGood = 0) {
  return page.evaluate((afterGood) => {
    const record: WeakLineRecord = { good: 0, recorded: -1, seen: [] };
    (window as unknown as { __weakLine: WeakLineRecord }).__weakLine = record;
    const adapted = document.getElementById("call-adapted") as HTMLElement;
    const suggest = document.getElementById("call-suggest") as HTMLElement;
    const quality = document.getElementById("call-quality") as HTMLElement;
    const note = async (what: string) => {
      const at = `${what} at sample ${quality.dataset.samples} (${quality.dataset.quality})`;
      const parts: string[] = [];
      (await window.__sprechzimmerCall?.pc?.getStats())?.forEach((stat) => {
        if (stat.type === "candidate-pair" && stat.availableOutgoingBitrate !== undefined)
          parts.push(`pair rtt ${stat.currentRoundTripTime} out ${stat.availableOutgoingBitrate}`);
        if (stat.kind === "video" && stat.type === "outbound-rtp")
          parts.push(
            `sent ${stat.frameHeight}p ${stat.framesPerSecond} ${stat.qualityLimitationReason}`,
          );
        if (stat.kind === "video" && stat.type === "inbound-rtp")
          parts.push(`received ${stat.frameHeight}p ${stat.framesPerSecond}`);
      });
      record.seen.push(`${at}: ${parts.join(", ")}`);
    };
    const look = () => {
      if (record.recorded < 0) return;
      if (!adapted.hidden) void note(`adapted ${adapted.dataset.adapted}`);
      if (!suggest.hidden) void note(`offer ${suggest.dataset.reason}`);
    };
    const sampled = () => {
      record.good = quality.dataset.quality === "good" ? record.good + 1 : 0;
      if (record.recorded >= 0) record.recorded += 1;
      else if (record.good >= afterGood) {
        record.recorded = 0;
        look();
      }
    };
    if (afterGood === 0) {
      record.recorded = 0;
      look();
    }
    const observer = new MutationObserver(look);
    for (const element of [adapted, suggest]) observer.observe(element, { attributes: true });
    new MutationObserver(sampled).observe(quality, { attributeFilter: ["data-samples"] });
  }, afterGood);
}

const weakLine = (page: Page) =>
  page.evaluate(() => (window as unknown as { __weakLine: WeakLineRecord }).__weakLine);

/** How many quality samples the page has shown. */
const qualitySamples = async (page: Page) =>
  Number((await page.locator("#call-quality").getAttribute("data-samples")) ?? 0);

/** Caps the page's sent video at `bps`, as a thin uplink would. */
function capVideo(page: Page, bps: number) {
  return page.evaluate(async (maxBitrate) => {
    const sender = window.__sprechzimmerCall?.pc
      ?.getSenders()
      .find((s) => s.track?.kind === "video");
    if (!sender) throw new Error("no video sender");
    const parameters = sender.getParameters();
    for (const encoding of parameters.encodings) encoding.maxBitrate = maxBitrate;
    await sender.setParameters(parameters);
  }, bps);
}

const connected = '#call-state[data-state="connected"]';
/** The media path the page shows: `data-path` and its words, or null while hidden. */
async function pathShown(page: Page) {
  const element = page.locator("#call-path:not([hidden])");
  if ((await element.count()) === 0) return null;
  return { path: await element.getAttribute("data-path"), text: await element.textContent() };
}
const codeOf = (page: Page) =>
  page
    .locator('[data-security-code]:not([data-security-code=""])')
    .getAttribute("data-security-code");

describe("a call between counsellor and client in Chromium", () => {
  it("connects peer to peer: same security code, chat, quality, mute, sound only, screen, hang-up", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    await counsellor.goto(server.pageUrl("appt-e2e-1", "counsellor"));
    await counsellor.waitForSelector('#call-state[data-state="waiting"]');
    await client.goto(server.pageUrl("appt-e2e-1", "client"));

    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    expect(await client.locator("#call-state").textContent()).toBe("Verbunden");
    for (const page of [counsellor, client]) await recordWeakLineNotices(page, 3);
    // Two pages on one machine connect straight (host candidates), and both say so.
    for (const page of [counsellor, client]) {
      await expect
        .poll(() => pathShown(page))
        .toEqual({ path: "direct", text: "Direkte Verbindung, Ende-zu-Ende verschlüsselt" });
    }

    for (const page of [counsellor, client]) {
      const before = await videoBytes(page);
      await expect.poll(() => videoBytes(page)).toBeGreaterThan(before);
      expect(await page.evaluate(() => window.__sprechzimmerStreams?.length)).toBeGreaterThan(0);
    }

    const code = await codeOf(counsellor);
    expect(code).toMatch(/^\d{3}( \d{3}){4}$/);
    expect(await codeOf(client)).toBe(code);

    await counsellor.locator("#chat-input:enabled").fill("Guten Tag, können Sie mich hören?");
    await counsellor.locator("#chat-form button").click();
    await expect
      .poll(() => client.locator("#chat-log li").last().textContent())
      .toContain("Guten Tag, können Sie mich hören?");
    // What the client types reaches the counsellor as text: markup builds no element.
    const markup = '<img src=x onerror="window.__injected=1"><b>fett</b>';
    await client.locator("#chat-input").fill(markup);
    await client.locator("#chat-form button").click();
    await expect
      .poll(() => counsellor.locator("#chat-log li").last().textContent())
      .toContain(markup);
    expect(await counsellor.locator("#chat-log img, #chat-log b").count()).toBe(0);

    await client.waitForSelector('#call-quality:not([data-quality="unknown"])');
    // Loopback is a good line: once it has measured good for three samples, neither side
    // says the picture was adapted or offers sound only over the next three.
    for (const page of [counsellor, client]) {
      await expect.poll(async () => (await weakLine(page)).recorded).toBeGreaterThanOrEqual(3);
      expect((await weakLine(page)).seen).toEqual([]);
      expect(await page.locator("#call-adapted").getAttribute("data-adapted")).toBe("none");
    }

    await client.locator("#call-mute").click();
    expect(await client.locator("#call-mute").getAttribute("aria-pressed")).toBe("true");
    expect(await client.locator("#call-mute").textContent()).toBe("Mikrofon ist aus – einschalten");
    expect(
      await client.evaluate(() => window.__sprechzimmerStreams?.[0]?.getAudioTracks()[0]?.enabled),
    ).toBe(false);

    // Sound only on one side stops video in both directions.
    await client.locator("#call-audio-only").click();
    await counsellor.waitForSelector("#call.audio-only");
    for (const page of [counsellor, client]) {
      await expect.poll(() => sendsVideo(page)).toBe(false);
    }
    await client.locator("#call-audio-only").click();
    await counsellor.waitForSelector("#call:not(.audio-only)");
    for (const page of [counsellor, client]) {
      await expect.poll(() => sendsVideo(page)).toBe(true);
    }

    // Screen sharing is the counsellor's; the fake capture stands in for a screen.
    expect(await client.locator("#call-share").count()).toBe(0);
    await counsellor.locator("#call-share").click();
    await counsellor.waitForSelector('#call-share[aria-pressed="true"]');
    const sentLabel = () =>
      counsellor.evaluate(
        () =>
          window.__sprechzimmerCall?.pc?.getSenders().find((s) => s.track?.kind === "video")?.track
            ?.label,
      );
    await expect.poll(sentLabel).toMatch(/^screen/);
    await counsellor.locator("#call-share").click();
    await counsellor.waitForSelector('#call-share[aria-pressed="false"]');
    await expect.poll(sentLabel).not.toMatch(/^screen/);

    // The client hangs up: the counsellor is told and waits for a rejoin, which connects again.
    await client.locator("#call-hang-up").click();
    await client.waitForURL((url) => url.pathname === "/");
    await counsellor.waitForSelector(
      '#call-state[data-state="peerLeft"], #call-state[data-state="waiting"]',
    );
    expect(await counsellor.evaluate(() => window.__sprechzimmerCall?.pc)).toBeNull();
    await client.goto(server.pageUrl("appt-e2e-1", "client"));
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    await endSession(counsellor);
    await client.waitForURL((url) => url.pathname === "/");

    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("reconnects signalling after a drop and still hangs up on both sides", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    await counsellor.goto(server.pageUrl("appt-e2e-2", "counsellor"));
    await client.goto(server.pageUrl("appt-e2e-2", "client"));
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    const code = await codeOf(client);

    server.dropSockets();
    await expect.poll(() => server.hub.sockets("appt-e2e-2")).toBe(0);
    await expect.poll(() => server.hub.sockets("appt-e2e-2")).toBe(2);
    // Same pages, same sessions: the media connection and its security code were kept.
    expect(await client.locator("#call-state").getAttribute("data-state")).toBe("connected");
    expect(await codeOf(counsellor)).toBe(code);

    // The other side hangs up: the client is led on to where the call ends for them.
    await endSession(counsellor);
    await client.waitForURL((url) => url.pathname === "/");
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("joins the room while the camera is still opening, and connects once it is open", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    // The client's camera answers only when the test says so, as after a permission prompt.
    await client.addInitScript(() => {
      const devices = navigator.mediaDevices;
      const open = devices.getUserMedia.bind(devices);
      const page = window as unknown as { __cameraAsked: number; __openCamera: () => void };
      let answer: () => void = () => undefined;
      const held = new Promise<void>((resolve) => {
        answer = resolve;
      });
      page.__cameraAsked = 0;
      page.__openCamera = () => answer();
      devices.getUserMedia = async (constraints) => {
        page.__cameraAsked += 1;
        await held;
        return open(constraints);
      };
    });
    await counsellor.goto(server.pageUrl("appt-e2e-early", "counsellor"));
    await counsellor.waitForSelector('#call-state[data-state="waiting"]');
    await client.goto(server.pageUrl("appt-e2e-early", "client"));
    await expect
      .poll(() =>
        client.evaluate(() => (window as unknown as { __cameraAsked: number }).__cameraAsked),
      )
      .toBe(1);

    // The camera is not open yet, and the client's page is already in the room: the
    // counsellor's page hears of them and starts connecting.
    await expect.poll(() => server.hub.sockets("appt-e2e-early")).toBe(2);
    await counsellor.waitForSelector('#call-state[data-state="connecting"]');
    expect(await client.evaluate(() => window.__sprechzimmerStreams?.length ?? 0)).toBe(0);

    await client.evaluate(() => (window as unknown as { __openCamera: () => void }).__openCamera());
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    // The connection carries the camera that opened late, both ways.
    expect(await sendsVideo(client)).toBe(true);
    for (const page of [counsellor, client]) {
      const before = await videoBytes(page);
      await expect.poll(() => videoBytes(page)).toBeGreaterThan(before);
    }
    expect(
      await client.evaluate(() => (window as unknown as { __cameraAsked: number }).__cameraAsked),
    ).toBe(1);
    await counsellor.close();
    await client.close();
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("fetches a fresh ticket to reconnect after the first one expired", async () => {
    let offset = 0;
    const clocked = await startCallServer({}, () => new Date(Date.now() + offset));
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    try {
      await client.clock.install();
      await counsellor.goto(clocked.pageUrl("appt-e2e-3", "counsellor"));
      await client.goto(clocked.pageUrl("appt-e2e-3", "client"));
      await client.waitForSelector(connected);
      const pageLoads: string[] = [];
      client.on("request", (request) => {
        if (request.url().includes("/test-call/")) pageLoads.push(request.url());
      });

      // Three minutes later on both clocks: the ticket in the page has expired.
      offset = 3 * 60_000;
      await client.clock.fastForward(3 * 60_000);
      clocked.dropSockets();
      await expect.poll(() => clocked.hub.sockets("appt-e2e-3")).toBeLessThan(2);
      await expect
        .poll(async () => {
          await client.clock.runFor(1000);
          return clocked.hub.sockets("appt-e2e-3");
        })
        .toBe(2);
      expect(pageLoads.length).toBeGreaterThan(0);
      await endSession(counsellor);
      await client.waitForURL((url) => url.pathname === "/");
      expect(harness.problems).toEqual([]);
    } finally {
      // Pages first: a page left open would log its failed reconnects into the next test.
      await counsellor.close();
      await client.close();
      await clocked.close();
    }
  });

  it("rejoins after the client reloads the page, and ends when the room is ended", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    try {
      await counsellor.goto(server.pageUrl("appt-e2e-5", "counsellor"));
      await client.goto(server.pageUrl("appt-e2e-5", "client"));
      await client.waitForSelector(connected);
      const before = await codeOf(counsellor);
      await client.reload();
      await client.waitForSelector(connected);
      await counsellor.waitForSelector(connected);
      // A new page has a new certificate, so the code changes and both show the new one.
      await expect.poll(() => codeOf(counsellor)).not.toBe(before);
      expect(await codeOf(client)).toBe(await codeOf(counsellor));
      const bytes = await videoBytes(client);
      await expect.poll(() => videoBytes(client)).toBeGreaterThan(bytes);

      // Every state the counsellor's page shows from here on, in order.
      await counsellor.evaluate(() => {
        const state = document.getElementById("call-state") as HTMLElement;
        const seen: string[] = [];
        (window as unknown as { __states: string[] }).__states = seen;
        new MutationObserver((records) => {
          for (const _ of records) seen.push(state.dataset.state ?? "");
        }).observe(state, {
          attributeFilter: ["data-state"],
        });
      });
      // The counsellor ends the session elsewhere (the appointment page): both calls end.
      await server.hub.end("appt-e2e-5");
      await counsellor.waitForSelector('#call-state[data-state="ended"]');
      // Straight to "ended": never "the other person is not connected" on the way.
      expect(
        await counsellor.evaluate(() => (window as unknown as { __states: string[] }).__states),
      ).toEqual(["ended"]);
      await client.waitForURL((url) => url.pathname === "/");
      expect(await counsellor.evaluate(() => window.__sprechzimmerCall?.pc)).toBeNull();
    } finally {
      await counsellor.close();
      await client.close();
    }
  });

  it("tells a second window of the same participant that the call is open elsewhere", async () => {
    const first = await harness.newPage();
    const second = await harness.newPage();
    try {
      await first.goto(server.pageUrl("appt-e2e-4", "counsellor"));
      await first.waitForSelector('#call-state[data-state="waiting"]');
      await second.goto(server.pageUrl("appt-e2e-4", "counsellor"));
      await second.waitForSelector('#call-state[data-state="occupied"]');
      expect(await second.locator("#call-state").textContent()).toContain(
        "schon in einem anderen Fenster geöffnet",
      );
      expect(await first.locator("#call-state").getAttribute("data-state")).toBe("waiting");
      expect(server.hub.sockets("appt-e2e-4")).toBe(1);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("sends a further participant back to the waiting room, and the counsellor's page waits on", async () => {
    const room = "appt-e2e-sent-back";
    const member = "p-5e1f0c3a-7b2d-4c6e-9a8f-0d1e2f3a4b5c";
    const counsellor = await harness.newPage();
    const participant = await harness.newPage();
    try {
      await counsellor.goto(server.pageUrl(room, "counsellor"));
      await counsellor.waitForSelector('#call-state[data-state="waiting"]');
      await participant.goto(server.pageUrl(room, member));
      await counsellor.waitForSelector(connected);
      await participant.waitForSelector(connected);
      expect(await codeOf(participant)).toBe(await codeOf(counsellor));

      await server.hub.sendBack(room, member);
      await participant.waitForURL(server.lobbyUrl(room, member));
      await counsellor.waitForSelector('#call-state[data-state="peerLeft"]');
      expect(await counsellor.evaluate(() => window.__sprechzimmerCall?.pc)).toBeNull();
      expect(server.hub.sockets(room)).toBe(1);
    } finally {
      await counsellor.close();
      await participant.close();
    }
  });

  it("holds a relay-only call through coturn with minted credentials", async () => {
    let turn: RunningTurn | undefined;
    let relayServer: CallServer | undefined;
    const counsellor = await harness.newPage();
    // The client in English through its browser's own language, in a context of its own: a
    // `?lang=` choice would be kept in a cookie that the other tests' pages share.
    const english = await harness.browser.newContext({ locale: "en-GB" });
    const client = await english.newPage();
    try {
      turn = await startTurn();
      relayServer = await startCallServer({ TURN_URLS: turn.url, TURN_SECRET: turn.secret });
      // The counsellor in German, the client in English: each says "relay" in their language.
      await counsellor.goto(relayServer.pageUrl("appt-relay-1", "counsellor", { relay: true }));
      await client.goto(relayServer.pageUrl("appt-relay-1", "client", { relay: true }));
      expect(await client.locator("#call").getAttribute("data-ice-servers")).not.toContain(
        turn.secret,
      );
      await counsellor.waitForSelector(connected);
      await client.waitForSelector(connected);
      for (const page of [counsellor, client]) {
        await expect.poll(() => selectedCandidateTypes(page)).toContain("relay");
        const before = await videoBytes(page);
        await expect.poll(() => videoBytes(page)).toBeGreaterThan(before);
      }
      await expect
        .poll(() => pathShown(counsellor))
        .toEqual({
          path: "relay",
          text: "Über einen Vermittlungsserver, weiterhin Ende-zu-Ende verschlüsselt",
        });
      await expect
        .poll(() => pathShown(client))
        .toEqual({
          path: "relay",
          text: "Through a relay server, still end-to-end encrypted",
        });
      expect(await codeOf(client)).toBe(await codeOf(counsellor));
      await endSession(counsellor);
      await client.waitForURL((url) => url.pathname === "/");
      expect(harness.offOrigin).toEqual([]);
      expect(harness.problems).toEqual([]);
    } finally {
      await counsellor.close();
      await english.close();
      await relayServer?.close();
      await turn?.stop();
    }
  });
});

describe("a call on a thin line", () => {
  it("says the picture adapts when one side's video is capped, and offers that side sound only", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    try {
      await counsellor.goto(server.pageUrl("appt-e2e-thin", "counsellor"));
      await client.goto(server.pageUrl("appt-e2e-thin", "client"));
      await counsellor.waitForSelector(connected);
      await client.waitForSelector(connected);
      // The counsellor's page has seen the full picture over a few samples first (that a good
      // line shows nothing is the first test's).
      await expect.poll(() => qualitySamples(counsellor)).toBeGreaterThanOrEqual(3);

      // The client's video held under libwebrtc's 30 kbit/s floor, as a very thin uplink holds it.
      await capVideo(client, 20_000);
      await counsellor.waitForSelector('#call-adapted[data-adapted="receiving"]');
      expect(await counsellor.locator("#call-adapted").textContent()).toBe(
        "Bild an die Verbindung angepasst: Das Bild Ihres Gegenübers kommt kleiner oder mit weniger Bildern pro Sekunde an.",
      );
      expect(await counsellor.locator("#call-adapted").isVisible()).toBe(true);
      // No longer "good" (on a busy machine loopback's round trips can make it "poor").
      expect(await counsellor.locator("#call-quality").getAttribute("data-quality")).toMatch(
        /^(fair|poor)$/,
      );
      await client.waitForSelector('#call-adapted[data-adapted~="sending"]');
      // On a busy machine the counsellor's encoder may also shrink its picture, and then the
      // client's page says both directions; attribute and text are read from one moment.
      const shown = await client.evaluate(() => {
        const element = document.getElementById("call-adapted");
        return { adapted: element?.dataset.adapted, text: element?.textContent };
      });
      expect(shown.text).toBe(
        shown.adapted === "sending"
          ? "Bild an die Verbindung angepasst: Ihr Bild wird kleiner oder mit weniger Bildern pro Sekunde gesendet."
          : "Bild an die Verbindung angepasst: in beide Richtungen kleiner oder mit weniger Bildern pro Sekunde.",
      );
      expect(shown.adapted).toMatch(/^sending( receiving)?$/);

      // Held at the floor for three samples: too weak for video. Offered, not switched.
      await client.waitForSelector('#call-suggest[data-reason="weak"]:not([hidden])');
      expect(await client.locator("#call-suggest-text").textContent()).toBe(
        "Die Verbindung ist zu schwach für Video. Mit „Nur Ton“ bleibt das Gespräch verständlich.",
      );
      expect(await client.locator("#call-audio-only").getAttribute("aria-pressed")).toBe("false");
      expect(await sendsVideo(client)).toBe(true);

      await client.locator("#call-suggest-audio-only").click();
      expect(await client.locator("#call-audio-only").getAttribute("aria-pressed")).toBe("true");
      await counsellor.waitForSelector("#call.audio-only");
      for (const page of [counsellor, client])
        await expect.poll(() => sendsVideo(page)).toBe(false);
      // Sound only chosen: the offer is gone at once and stays away; with the next sample no
      // picture is said to be adapted any more.
      expect(await client.locator("#call-suggest").isHidden()).toBe(true);
      await client.waitForSelector('#call-adapted[data-adapted="none"]', { state: "attached" });
      await recordWeakLineNotices(client);
      await expect.poll(async () => (await weakLine(client)).recorded).toBeGreaterThanOrEqual(3);
      expect((await weakLine(client)).seen).toEqual([]);
    } finally {
      await counsellor.close();
      await client.close();
    }
  });
});

describe("the call page a counsellor can work with", () => {
  it("shows each side when the other has muted or turned the camera off, by name", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    await counsellor.goto(server.pageUrl("appt-e2e-peer-state", "counsellor"));
    await client.goto(server.pageUrl("appt-e2e-peer-state", "client"));
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    await counsellor.waitForSelector("#chat-input:enabled");
    expect(await counsellor.locator("#peer-media").isHidden()).toBe(true);
    expect(await counsellor.locator("#peer-off").isHidden()).toBe(true);

    await client.locator("#call-mute").click();
    await counsellor.waitForSelector('#peer-media[data-audio="false"]');
    expect(await counsellor.locator("#peer-media").textContent()).toBe(
      "Klara Beispiel hat das Mikrofon ausgeschaltet.",
    );
    expect(await counsellor.locator("#peer-off").isHidden()).toBe(true);

    // A turned-off camera shows the person's initials and name, not a black box.
    await client.locator("#call-camera").click();
    expect(await client.locator("#call-camera").textContent()).toBe("Kamera ist aus – einschalten");
    await counsellor.waitForSelector('#peer-media[data-video="false"]');
    expect(await counsellor.locator("#peer-media").textContent()).toBe(
      "Klara Beispiel hat Mikrofon und Kamera ausgeschaltet.",
    );
    await counsellor.locator("#peer-off").waitFor();
    expect(await counsellor.locator("#peer-off .initials").textContent()).toBe("KB");
    expect(await counsellor.locator("#peer-off .peer-name").textContent()).toBe("Klara Beispiel");

    // The same the other way round, with the counsellor's name on the client's page.
    await counsellor.locator("#call-mute").click();
    await client.waitForSelector('#peer-media[data-audio="false"]');
    expect(await client.locator("#peer-media").textContent()).toBe(
      "Anna Beraterin hat das Mikrofon ausgeschaltet.",
    );

    await client.locator("#call-mute").click();
    await client.locator("#call-camera").click();
    await counsellor.waitForSelector('#peer-media[data-audio="true"][data-video="true"]', {
      state: "attached",
    });
    expect(await counsellor.locator("#peer-media").isHidden()).toBe(true);
    expect(await counsellor.locator("#peer-off").isHidden()).toBe(true);
    await counsellor.close();
    await client.close();
  });

  it("takes the microphone chosen in the device check into the call on that device", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    await client.goto(`${server.url}/check`);
    await client.locator("#check-start").click();
    await client.locator("#check-devices").waitFor();
    const other = await anotherOption(client, "#check-mic-choice");
    await client.locator("#check-mic-choice").selectOption(other.value);
    await expect
      .poll(() =>
        client.evaluate(() => {
          const video = document.getElementById("check-video") as HTMLVideoElement | null;
          return (video?.srcObject as MediaStream | null)?.getAudioTracks()[0]?.label ?? "";
        }),
      )
      .toBe(other.label);

    await counsellor.goto(server.pageUrl("appt-e2e-chosen", "counsellor"));
    await client.goto(server.pageUrl("appt-e2e-chosen", "client"));
    await client.waitForSelector(connected);
    const sent = await client.evaluate(
      () =>
        window.__sprechzimmerCall?.pc?.getSenders().find((s) => s.track?.kind === "audio")?.track
          ?.label,
    );
    expect(sent).toBe(other.label);
    // The choice stays in this browser only; the next tests start without it.
    await client.evaluate(() => localStorage.clear());
    await counsellor.close();
    await client.close();
  });

  it("lets a side choose another microphone during the call, sent without renegotiating", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    await counsellor.goto(server.pageUrl("appt-e2e-devices", "counsellor"));
    await client.goto(server.pageUrl("appt-e2e-devices", "client"));
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);
    const sentLabel = (kind: string) =>
      client.evaluate(
        (k) =>
          window.__sprechzimmerCall?.pc?.getSenders().find((s) => s.track?.kind === k)?.track
            ?.label ?? "",
        kind,
      );
    await client.locator("#call-devices summary").click();
    const other = await anotherOption(client, "#device-microphone");
    const before = await sentLabel("audio");
    await client.locator("#device-microphone").selectOption(other.value);
    await expect.poll(() => sentLabel("audio")).toBe(other.label);
    expect(before).not.toBe(other.label);
    expect(await client.locator("#call-state").getAttribute("data-state")).toBe("connected");
    await counsellor.close();
    await client.close();
  });

  it.each([
    [
      "counsellor",
      1280,
      800,
      ["#call-mute", "#call-camera", ".end-session summary", "#security-code", "#chat-input"],
    ],
    [
      "client",
      1280,
      800,
      ["#call-mute", "#call-camera", "#call-hang-up", "#security-code", "#chat-input"],
    ],
    [
      "counsellor",
      390,
      844,
      ["#call-mute", "#call-camera", ".end-session summary", "#security-code"],
    ],
    ["client", 390, 844, ["#call-mute", "#call-camera", "#call-hang-up", "#security-code"]],
  ] as const)(
    "shows the %s every control at %i×%i without scrolling",
    async (role, width, height, controls) => {
      const page = await harness.newPage();
      await page.setViewportSize({ width, height });
      await page.goto(server.pageUrl(`appt-e2e-layout-${role}-${width}`, role));
      await page.waitForSelector('#call-state[data-state="waiting"]');
      expect(await page.evaluate(() => window.scrollY)).toBe(0);
      for (const selector of controls) {
        const box = await page.locator(selector).boundingBox();
        expect(box, selector).not.toBeNull();
        if (!box) continue;
        expect(box.y, selector).toBeGreaterThanOrEqual(0);
        expect(box.y + box.height, selector).toBeLessThanOrEqual(height);
        expect(box.x + box.width, selector).toBeLessThanOrEqual(width);
      }
      await page.close();
    },
  );
});
