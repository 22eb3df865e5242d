/**
 * @module
 * Security headers on every response: a strict CSP without inline script or
 * style, camera and microphone for this origin only, no referrer, HSTS on HTTPS.
 */
import { type Context, Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv } from "../deps.ts";
import { isHttps } from "./request.ts";

const base = secureHeaders({
  contentSecurityPolicy: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", "data:"],
    mediaSrc: ["'self'", "blob:"],
    connectSrc: ["'self'"],
    fontSrc: ["'none'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    frameAncestors: ["'none'"],
    formAction: ["'self'"],
  },
  permissionsPolicy: {
    camera: ["self"],
    microphone: ["self"],
    displayCapture: ["self"],
    geolocation: [],
    payment: [],
    usb: [],
  },
  referrerPolicy: "no-referrer",
  crossOriginOpenerPolicy: "same-origin",
  crossOriginResourcePolicy: "same-origin",
  xFrameOptions: "DENY",
  // Sent below, and only over HTTPS, where it means something.
  strictTransportSecurity: false,
});

/** One year, as Mozilla's observatory asks. */
const HSTS = "max-age=31536000; includeSubDomains";

/** The CSP with the quick exit's origin allowed as a form target, worked out once per origin. */
const withExit = new Map<string, string>();

export const securityHeaders = createMiddleware<AppEnv>(async (c, next) => {
  await base(c, next);
  const { QUICK_EXIT_URL } = c.get("deps").config;
  // The quick exit without JavaScript is a form post redirected to a neutral page
  // elsewhere; browsers apply form-action to that redirect too.
  const csp = c.res.headers.get("Content-Security-Policy");
  if (csp) {
    let patched = withExit.get(csp + QUICK_EXIT_URL);
    if (patched === undefined) {
      patched = csp.replace(
        "form-action 'self'",
        `form-action 'self' ${new URL(QUICK_EXIT_URL).origin}`,
      );
      withExit.set(csp + QUICK_EXIT_URL, patched);
    }
    c.res.headers.set("Content-Security-Policy", patched);
  }
  if (isHttps(c)) {
    c.header("Strict-Transport-Security", HSTS);
  }
});

/** The headers `securityHeaders` gives an empty answer, per app and scheme. */
const records = new WeakMap<AppDeps, Partial<Record<"http" | "https", Record<string, string>>>>();

/**
 * The security headers as a plain record, for an answer built without the
 * middleware stack (`client-journey/unchanged-poll.ts`). Worked out once per app
 * and scheme by running `securityHeaders` itself, so the two cannot differ;
 * `undefined` until then (`prepareSecurityHeaderRecord`).
 */
export function securityHeaderRecord(c: Context<AppEnv>): Record<string, string> | undefined {
  return records.get(c.get("deps"))?.[isHttps(c) ? "https" : "http"];
}

/** Works out `securityHeaderRecord` for this request's app and scheme. */
export async function prepareSecurityHeaderRecord(c: Context<AppEnv>): Promise<void> {
  const deps = c.get("deps");
  const scheme = isHttps(c) ? "https" : "http";
  const probe = new Hono<AppEnv>()
    .use((p, next) => {
      p.set("deps", deps);
      return next();
    })
    .use(securityHeaders)
    .get("/", (p) => p.body(null, 204));
  const answer = await probe.request(`${scheme}://probe.invalid/`);
  records.set(deps, { ...records.get(deps), [scheme]: Object.fromEntries(answer.headers) });
}
