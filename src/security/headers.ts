/**
 * @module
 * Security headers on every response: a strict CSP without inline script or
 * style, camera and microphone for this origin only, no referrer, HSTS on HTTPS.
 */
import { createMiddleware } from "hono/factory";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv } from "../deps.ts";
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
