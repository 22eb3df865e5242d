/**
 * Test helper: the security headers docs/security.md promises on every response, each
 * checked for its exact value. HSTS is expected over HTTPS and nowhere else.
 */
import { expect } from "vitest";

/** The CSP as directive → its sources. */
function directives(csp: string): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const part of csp.split(";")) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name) map.set(name.toLowerCase(), sources);
  }
  return map;
}

export function expectSecurityHeaders(
  res: { headers: { get(name: string): string | null } },
  what: string,
  options: { https?: boolean } = {},
): void {
  const h = res.headers;
  const csp = h.get("content-security-policy") ?? "";
  const policy = directives(csp);
  const exactly: Record<string, string[]> = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
    "font-src": ["'none'"],
  };
  for (const [name, sources] of Object.entries(exactly)) {
    expect(policy.get(name), `${what}: CSP ${name} in ${csp}`).toEqual(sources);
  }
  // Form posts go to ourselves, and to the quick exit's neutral page only.
  expect(policy.get("form-action")?.[0], `${what}: CSP form-action`).toBe("'self'");
  expect(policy.get("form-action")?.length ?? 0, `${what}: CSP form-action`).toBeLessThanOrEqual(2);
  expect(csp, `${what}: CSP`).not.toContain("unsafe-");
  expect(h.get("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(h.get("referrer-policy"), `${what}: Referrer-Policy`).toBe("no-referrer");
  expect(h.get("x-frame-options"), `${what}: X-Frame-Options`).toBe("DENY");
  expect(h.get("cross-origin-opener-policy"), `${what}: COOP`).toBe("same-origin");
  expect(h.get("cross-origin-resource-policy"), `${what}: CORP`).toBe("same-origin");
  const permissions = (h.get("permissions-policy") ?? "").split(/,\s*/);
  expect(permissions, `${what}: Permissions-Policy`).toContain("camera=(self)");
  expect(permissions, `${what}: Permissions-Policy`).toContain("microphone=(self)");
  expect(permissions, `${what}: Permissions-Policy`).toContain("geolocation=()");
  const hsts = h.get("strict-transport-security");
  if (options.https) {
    const maxAge = Number(/max-age=(\d+)/.exec(hsts ?? "")?.[1] ?? 0);
    expect(maxAge, `${what}: HSTS max-age`).toBeGreaterThanOrEqual(31_536_000);
  } else {
    expect(hsts, `${what}: no HSTS over plain HTTP`).toBeNull();
  }
}
