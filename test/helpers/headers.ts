/** Test helper: the security headers every response must carry. */
import { expect } from "vitest";

export function expectSecurityHeaders(res: Response, what: string): void {
  const h = res.headers;
  const csp = h.get("content-security-policy") ?? "";
  expect(csp, `${what}: CSP`).toContain("default-src 'self'");
  expect(csp, `${what}: CSP`).toContain("script-src 'self'");
  expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${what}: CSP`).toContain("object-src 'none'");
  expect(csp, `${what}: CSP`).not.toContain("unsafe-inline");
  expect(csp, `${what}: CSP`).not.toContain("unsafe-eval");
  expect(h.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(h.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("no-referrer");
  const permissions = h.get("permissions-policy") ?? "";
  expect(permissions, `${what}: Permissions-Policy`).toContain("camera=(self)");
  expect(permissions, `${what}: Permissions-Policy`).toContain("microphone=(self)");
  expect(h.get("cross-origin-opener-policy"), `${what}: COOP`).toBe("same-origin");
}
