/**
 * WebKit harness: Debian's WebKitGTK (MiniBrowser) driven over classic W3C
 * WebDriver by `WebKitWebDriver`, under a virtual X display (`xvfb-run`).
 * WebKitGTK's WebDriver speaks no BiDi, so requests cannot be intercepted:
 * instead `offOrigin()` reads the page's Resource Timing entries and the CSP
 * (`default-src 'self'`) stops anything else. Page errors are caught by a
 * listener installed when a test page is inspected; a failed script also shows
 * as a missing effect (no polling, no filled field), which every test checks.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { Builder, type WebDriver } from "selenium-webdriver";

export const WEBKIT_DRIVER = process.env.WEBKIT_DRIVER_PATH ?? "/usr/bin/WebKitWebDriver";
export const MINIBROWSER =
  process.env.WEBKIT_BROWSER_PATH ?? "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

async function freePort(): Promise<number> {
  return await new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForDriver(url: string, child: ChildProcess): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt++) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${child.exitCode})`);
    try {
      const response = await fetch(`${url}/status`);
      const body = (await response.json()) as { value?: { ready?: boolean } };
      if (body.value?.ready) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("WebKitWebDriver did not become ready");
}

export interface WebKit {
  driver: WebDriver;
  /** Resources the current page loaded from anywhere but its own origin. */
  offOrigin(): Promise<string[]>;
  close(): Promise<void>;
}

export async function launchWebKit(options: { width?: number; height?: number } = {}) {
  const port = await freePort();
  // `-a` picks a free display number; the driver and its browser live and die together.
  const child = spawn("xvfb-run", ["-a", WEBKIT_DRIVER, `--port=${port}`], {
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const stop = () => {
    if (child.pid && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // Already gone.
      }
    }
  };
  try {
    await waitForDriver(url, child);
    const driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: "MiniBrowser",
        "webkitgtk:browserOptions": {
          binary: MINIBROWSER,
          args: [
            "--automation",
            // Media capture with WebKit's mock camera and microphone, like the
            // fake devices in the Chromium and Firefox tests.
            "--enable-media-stream=true",
            "--enable-mock-capture-devices=true",
            "--enable-webrtc=true",
          ],
        },
      })
      .build();
    await driver
      .manage()
      .window()
      .setRect({ width: options.width ?? 390, height: options.height ?? 844 });
    const webkit: WebKit = {
      driver,
      async offOrigin() {
        return (await driver.executeScript(
          `return performance.getEntriesByType("resource").map(function (e) { return e.name; })
             .filter(function (name) { return new URL(name).origin !== location.origin; });`,
        )) as string[];
      },
      async close() {
        await driver.quit().catch(() => undefined);
        stop();
      },
    };
    return webkit;
  } catch (error) {
    stop();
    throw error;
  }
}
