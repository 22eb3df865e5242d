/**
 * Debian's Chromium for benchmarks and tests: the launch, and waiting inside a
 * call page until it decodes video.
 *
 * The wait runs as a loop in the page (`page.evaluate`), not as
 * `page.waitForFunction`: given an async predicate, `waitForFunction` takes the
 * promise it returns for a truthy answer and resolves at once, video or not.
 *
 * Page-side code is passed as source text: the TypeScript loader of the
 * benchmarks would otherwise wrap named functions in a helper that does not
 * exist inside the page.
 */
import { chromium, type Page } from "playwright-core";

/** No GPU, fake camera and microphone, allowed without asking. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--use-fake-device-for-media-stream",
  "--use-fake-ui-for-media-stream",
];

/** Debian's Chromium (or `CHROMIUM_PATH`) with `CHROMIUM_ARGS`. */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
}

/** Page-side source of `async (pc) => number`: video frames decoded so far over `pc`. */
export const FRAMES_OF = `async (pc) => {
  let n = 0;
  (await pc.getStats()).forEach((stat) => {
    if (stat.type === "inbound-rtp" && stat.kind === "video") n += stat.framesDecoded || 0;
  });
  return n;
}`;

/**
 * Page-side source of `async (from) => number`: video frames the call page has
 * decoded over its connection with member `from` (`null`: the page's first
 * connection, `pc`). 0 while that connection is missing or ICE has not
 * connected: no frame is decoded before then, so until then a property read
 * stands in for `getStats` and the probing costs a busy page little.
 */
const FRAMES_FROM = `async (from) => {
  const call = window.__sprechzimmerCall;
  const pc = !call ? undefined : from === null ? call.pc : call.peers ? call.peers()[from] : undefined;
  if (!pc || !["connected", "completed"].includes(pc.iceConnectionState)) return 0;
  return (${FRAMES_OF})(pc);
}`;

/** Where a page's video comes from: a member's connection, or `null` for its first one. */
export type Source = string | null;

export interface DecodedOptions {
  /** Frames already decoded per member (`framesFrom`): only more than these count. Default 0 each. */
  after?: Record<string, number>;
  /** How often the page probes. Default 20 ms. */
  intervalMs?: number;
  /** When the page gives up with an error naming what it waited for. Default 60 s. */
  timeoutMs?: number;
}

/** Video frames the page has decoded from each of `from` so far, by member (`null` as `"pc"`). */
export function framesFrom(page: Page, from: readonly Source[]): Promise<Record<string, number>> {
  return page.evaluate(`(async () => {
    const frames = ${FRAMES_FROM};
    const counts = {};
    for (const from of ${JSON.stringify(from)}) counts[from === null ? "pc" : from] = await frames(from);
    return counts;
  })()`) as Promise<Record<string, number>>;
}

/**
 * Resolves with the page's own `Date.now()` at the first probe that finds video
 * decoded from every one of `from`, each over its own connection (more frames
 * than `after` holds for it); rejects when `timeoutMs` passes first.
 */
export function videoDecoded(
  page: Page,
  from: readonly Source[],
  { after = {}, intervalMs = 20, timeoutMs = 60_000 }: DecodedOptions = {},
): Promise<number> {
  const names = from.map((source) => source ?? "pc").join(", ");
  return page.evaluate(`(async () => {
    const frames = ${FRAMES_FROM};
    const from = ${JSON.stringify(from)};
    const after = ${JSON.stringify(after)};
    const until = Date.now() + ${timeoutMs};
    for (;;) {
      let all = true;
      for (const source of from) {
        if ((await frames(source)) <= (after[source === null ? "pc" : source] || 0)) {
          all = false;
          break;
        }
      }
      if (all) return Date.now();
      if (Date.now() >= until) {
        throw new Error(${JSON.stringify(`no video decoded from ${names} within ${timeoutMs / 1000} s`)});
      }
      await new Promise((resolve) => setTimeout(resolve, ${intervalMs}));
    }
  })()`) as Promise<number>;
}
