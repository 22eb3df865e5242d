/**
 * Browser harness: Debian's Chromium driven by playwright-core, with fake camera
 * and microphone. Every request that leaves loopback is blocked and recorded, and
 * every CSP violation or page error is recorded, so a test can fail on either.
 */
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export interface Harness {
  browser: Browser;
  context: BrowserContext;
  /** URLs the pages tried to load from anywhere but loopback. */
  offOrigin: string[];
  /** Console errors (CSP violations among them) and uncaught page errors. */
  problems: string[];
  newPage(): Promise<Page>;
  /**
   * A page in a browser context of its own (its own cookies), with the same
   * guards: for several people in one call from one browser.
   */
  isolatedPage(locale?: string): Promise<Page>;
  close(): Promise<void>;
}

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

export interface HarnessOptions {
  /** `false` runs the pages as a browser without JavaScript would. Default `true`. */
  javaScriptEnabled?: boolean;
  /** Fake cameras the browser offers (a phone's front and back: 2). Default 1. */
  cameras?: number;
}

export async function launchHarness(options: HarnessOptions = {}): Promise<Harness> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      options.cameras && options.cameras > 1
        ? `--use-fake-device-for-media-stream=device-count=${options.cameras}`
        : "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  });
  const offOrigin: string[] = [];
  const problems: string[] = [];
  const guarded = async (locale: string) => {
    const context = await browser.newContext({
      locale,
      javaScriptEnabled: options.javaScriptEnabled ?? true,
    });
    // Every wait is for a state; this only ends one that never comes (the default of 30 s
    // ran out on a busy machine while the page was still on its way).
    context.setDefaultTimeout(120_000);
    await context.route("**/*", (route) => {
      const url = new URL(route.request().url());
      if ((url.protocol === "http:" || url.protocol === "https:") && !LOOPBACK.has(url.hostname)) {
        offOrigin.push(url.href);
        return route.abort("blockedbyclient");
      }
      return route.continue();
    });
    return context;
  };
  const watched = async (context: BrowserContext) => {
    const page = await context.newPage();
    page.on("console", (message) => {
      // With the resource's address: "Failed to load resource" alone does not say which.
      if (message.type() === "error") {
        problems.push(`${message.text()} (${message.location().url || "page"})`);
      }
    });
    page.on("pageerror", (error) => problems.push(error.message));
    return page;
  };
  // A German browser, like most of our clients'.
  const context = await guarded("de-DE");
  return {
    browser,
    context,
    offOrigin,
    problems,
    newPage: () => watched(context),
    isolatedPage: async (locale = "de-DE") => watched(await guarded(locale)),
    close: () => browser.close(),
  };
}

/**
 * The counsellor's "Sitzung beenden", which asks once: the first click only
 * opens the confirmation (the page stays), the second ends the session.
 */
export async function endSession(page: Page): Promise<void> {
  const url = page.url();
  await page.locator(".end-session summary").click();
  const confirm = page.getByRole("button", { name: "Ja, Sitzung beenden" });
  await confirm.waitFor();
  if (page.url() !== url) throw new Error("the first click already left the page");
  await confirm.click();
}
