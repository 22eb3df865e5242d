/**
 * Safari's rules on iPhone and iPad, checked where Chromium can show them (the
 * WebKit test covers the journey in WebKit itself; Debian's WebKitGTK has no
 * WebRTC):
 *
 * - every video element plays inline and starts by itself; one's own picture is
 *   muted (iOS plays muted inline video without a tap);
 * - the screen stays on during a call (Wake Lock), and is let go when it ends;
 * - sound and picture resume when the page comes back from the background;
 * - when playback is refused without a tap, a button asks for the tap;
 * - the camera is switched (front/back) by `facingMode`;
 * - the offer leaves the codec choice open: VP8 and H.264 both, as the browser
 *   has them (Safari prefers H.264; older Android phones decode only VP8 in hardware);
 * - the built scripts call neither `setSinkId` without checking for it nor
 *   `RTCRtpSender.setStreams`, and never narrow the codecs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type CallServer, startCallServer } from "../../support/call-server.ts";
import { type Harness, launchHarness } from "../helpers/browser.ts";

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

const connected = '#call-state[data-state="connected"]';

/** Every video element of the page: inline, autoplay, and muted if it shows oneself. */
function videos(page: Page) {
  return page.evaluate(() =>
    Array.from(document.querySelectorAll("video")).map((video) => ({
      id: video.id,
      inline: video.playsInline && video.hasAttribute("playsinline"),
      autoplay: video.autoplay,
      muted: video.muted,
    })),
  );
}

/** The codecs named in the page's local offer or answer. */
function offeredCodecs(page: Page) {
  return page.evaluate(() => {
    const sdp = window.__sprechzimmerCall?.pc?.localDescription?.sdp ?? "";
    return Array.from(sdp.matchAll(/^a=rtpmap:\d+ ([\w-]+)\//gm), (match) => match[1]);
  });
}

describe("the call page follows Safari's rules (checked in Chromium)", () => {
  it("inline autoplay video, screen kept on, media resumed after the background, both codecs offered", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    await counsellor.goto(server.pageUrl("appt-ios-1", "counsellor"));
    await counsellor.waitForSelector('#call-state[data-state="waiting"]');
    await client.goto(server.pageUrl("appt-ios-1", "client"));
    await counsellor.waitForSelector(connected);
    await client.waitForSelector(connected);

    for (const page of [counsellor, client]) {
      const found = await videos(page);
      expect(found.length).toBeGreaterThanOrEqual(2);
      for (const video of found) {
        expect(video, video.id).toMatchObject({ inline: true, autoplay: true });
      }
      expect(found.find((video) => video.id === "self-video")?.muted).toBe(true);

      // The screen is held on while the call runs.
      await page.waitForSelector('#call[data-wake-lock="on"]');

      // The browser paused the picture while the page was in the background;
      // coming back resumes it.
      await page.evaluate(() => {
        const video = document.getElementById("remote-video") as HTMLVideoElement;
        video.pause();
        document.dispatchEvent(new Event("visibilitychange"));
      });
      await page.waitForFunction(
        () => !(document.getElementById("remote-video") as HTMLVideoElement).paused,
      );
    }

    const capabilities = await client.evaluate(() =>
      (RTCRtpSender.getCapabilities("video")?.codecs ?? []).map((codec) =>
        codec.mimeType.replace("video/", ""),
      ),
    );
    const offered = await offeredCodecs(counsellor);
    expect(offered).toContain("VP8");
    if (capabilities.includes("H264")) expect(offered).toContain("H264");

    // The end of the session lets the screen turn off again.
    await server.hub.end("appt-ios-1");
    await counsellor.waitForSelector('#call-state[data-state="ended"]');
    await counsellor.waitForSelector('#call[data-wake-lock="off"]');
    expect(harness.offOrigin).toEqual([]);
    expect(harness.problems).toEqual([]);
  });

  it("asks for a tap when the browser refuses to start playback", async () => {
    const counsellor = await harness.newPage();
    const client = await harness.newPage();
    // As Safari does without a user gesture: play() is refused.
    await client.addInitScript(() => {
      const play = HTMLMediaElement.prototype.play;
      HTMLMediaElement.prototype.play = function refused() {
        return Promise.reject(new DOMException("needs a tap", "NotAllowedError"));
      };
      (window as { allowPlay?: () => void }).allowPlay = () => {
        HTMLMediaElement.prototype.play = play;
      };
    });
    await counsellor.goto(server.pageUrl("appt-ios-2", "counsellor"));
    await counsellor.waitForSelector('#call-state[data-state="waiting"]');
    await client.goto(server.pageUrl("appt-ios-2", "client"));
    await client.waitForSelector(connected);
    const button = client.locator("#call-play");
    await button.waitFor({ state: "visible" });
    expect(await button.textContent()).toBe("Ton und Bild einschalten");
    // The tap is allowed to start playback.
    await client.evaluate(() => (window as { allowPlay?: () => void }).allowPlay?.());
    await button.click();
    await button.waitFor({ state: "hidden" });
    await client.waitForFunction(
      () => !(document.getElementById("remote-video") as HTMLVideoElement).paused,
    );
  });
});

describe("switching between a phone's front and back camera", () => {
  it("asks for the other camera by facingMode and keeps sending video", async () => {
    const phone = await launchHarness({ cameras: 2 });
    try {
      const counsellor = await harness.newPage();
      const client = await phone.newPage();
      await client.addInitScript(() => {
        const asked: unknown[] = [];
        (window as { askedFor?: unknown[] }).askedFor = asked;
        const original = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
        navigator.mediaDevices.getUserMedia = (constraints) => {
          asked.push(JSON.parse(JSON.stringify(constraints ?? {})));
          return original(constraints);
        };
      });
      await counsellor.goto(server.pageUrl("appt-ios-3", "counsellor"));
      await counsellor.waitForSelector('#call-state[data-state="waiting"]');
      await client.goto(server.pageUrl("appt-ios-3", "client"));
      await client.waitForSelector(connected);
      const camera = () =>
        client.evaluate(
          () =>
            (document.getElementById("self-video") as HTMLVideoElement).srcObject instanceof
              MediaStream &&
            ((document.getElementById("self-video") as HTMLVideoElement).srcObject as MediaStream)
              .getVideoTracks()[0]
              ?.getSettings().deviceId,
        );
      const before = await camera();
      const button = client.locator("#call-switch-camera");
      await button.waitFor({ state: "visible" });
      expect(await button.textContent()).toBe("Kamera wechseln");
      await button.click();
      await expect.poll(camera).not.toBe(before);
      const asked = (await client.evaluate(
        () => (window as { askedFor?: unknown[] }).askedFor,
      )) as { video?: { facingMode?: unknown } }[];
      expect(
        asked.some((c) => JSON.stringify(c.video?.facingMode) === '{"exact":"environment"}'),
      ).toBe(true);
      // The counsellor still receives the client's picture, now from the other camera.
      const sentBy = await client.evaluate(
        () =>
          window.__sprechzimmerCall?.pc
            ?.getSenders()
            .find((sender) => sender.track?.kind === "video")
            ?.track?.getSettings().deviceId,
      );
      expect(sentBy).toBe(await camera());
      expect(phone.offOrigin).toEqual([]);
      expect(phone.problems).toEqual([]);
    } finally {
      await phone.close();
    }
  });

  it("offers no switch where there is one camera", async () => {
    const counsellor = await harness.newPage();
    await counsellor.goto(server.pageUrl("appt-ios-4", "counsellor"));
    await counsellor.waitForSelector('#call-state[data-state="waiting"]');
    await counsellor.waitForFunction(() => !!window.__sprechzimmerStreams?.length);
    expect(await counsellor.locator("#call-switch-camera").isHidden()).toBe(true);
  });
});

describe("the built scripts lean on nothing Safari lacks", () => {
  const dir = join(import.meta.dirname, "..", "..", "public", "assets");
  const scripts = readdirSync(dir)
    .filter((name) => name.endsWith(".js"))
    .map((name) => ({ name, source: readFileSync(join(dir, name), "utf8") }));

  it("finds the built scripts", () => {
    expect(scripts.some((script) => script.name.startsWith("call"))).toBe(true);
  });

  it.each(scripts.map((script) => [script.name, script.source]))(
    "%s: setSinkId only after checking for it; no setStreams; no codec narrowing",
    (_name, source) => {
      if (source.includes("setSinkId(")) expect(source).toMatch(/["']setSinkId["']\s*in\s/);
      expect(source).not.toContain("setStreams(");
      expect(source).not.toContain("setCodecPreferences(");
    },
  );
});
