/**
 * Bytes over the wire per page: every response the page loads (document,
 * stylesheet, scripts), compressed body plus headers, as Chromium saw them.
 */
import { chromium } from "playwright-core";

export async function pageBytes(
  url: string,
  paths: { path: string; cookie?: string }[],
): Promise<Record<string, number>> {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--use-fake-device-for-media-stream",
      "--use-fake-ui-for-media-stream",
    ],
  });
  const result: Record<string, number> = {};
  try {
    for (const { path, cookie } of paths) {
      const context = await browser.newContext({ locale: "de-DE" });
      if (cookie) {
        const [name, value] = cookie.split("=");
        await context.addCookies([{ name: name ?? "", value: value ?? "", url }]);
      }
      const page = await context.newPage();
      const responses: Promise<number>[] = [];
      page.on("requestfinished", (request) => {
        responses.push(
          request.sizes().then((sizes) => sizes.responseBodySize + sizes.responseHeadersSize),
        );
      });
      await page.goto(`${url}${path}`, { waitUntil: "load" });
      await page.waitForLoadState("networkidle");
      result[path] = (await Promise.all(responses)).reduce((sum, n) => sum + n, 0);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return result;
}
