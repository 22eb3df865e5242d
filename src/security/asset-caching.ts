import { createMiddleware } from "hono/factory";

/** Fingerprinted names (`name.0123456789.ext`) never change, so browsers may keep them for a year. */
const FINGERPRINTED = /\.[0-9a-f]{10}\.\w+$/;

export const assetCaching = createMiddleware(async (c, next) => {
  await next();
  if (c.res.status !== 200) return;
  c.header(
    "Cache-Control",
    FINGERPRINTED.test(c.req.path) ? "public, max-age=31536000, immutable" : "no-cache",
  );
});
