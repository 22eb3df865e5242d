/**
 * Form posts come only from our own pages: every combination of `Origin` and
 * `Sec-Fetch-Site` a browser (or a forger) can send, directly and behind a TLS
 * proxy with PUBLIC_URL. A refused post is a 403 before any route runs; an
 * accepted one reaches the route: signing off, which redirects home even
 * without a client cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";

const OWN = "http://localhost";
const PUBLIC = "https://video.example.org";
const EVIL = "https://evil.example";
const SIBLING = "http://other.localhost";

type Case = [origin: string | undefined, site: string | undefined, answer: 303 | 403];

const DIRECT: Case[] = [
  // Ours, as browsers send it: both headers, or only one of them (older browsers, hidden origin).
  [OWN, "same-origin", 303],
  [OWN, undefined, 303],
  [undefined, "same-origin", 303],
  ["null", "same-origin", 303],
  // Another site: the headers a browser sends for a cross-site form.
  [EVIL, "cross-site", 403],
  [EVIL, undefined, 403],
  [undefined, "cross-site", 403],
  ["null", "cross-site", 403],
  [SIBLING, "same-site", 403],
  [undefined, "same-site", 403],
  // One header vouches, the other names another site: refused, whichever it is.
  [EVIL, "same-origin", 403],
  [OWN, "cross-site", 403],
  [OWN, "same-site", 403],
  [OWN, "none", 403],
  [OWN, "nonsense", 403],
  // Nothing vouches.
  [undefined, undefined, 403],
  ["null", undefined, 403],
  [undefined, "none", 403],
  [PUBLIC, "same-origin", 403],
];

const BEHIND_PROXY: Case[] = [
  [PUBLIC, "same-origin", 303],
  [PUBLIC, undefined, 303],
  [undefined, "same-origin", 303],
  [PUBLIC, "cross-site", 403],
  [EVIL, "same-origin", 403],
  [EVIL, "cross-site", 403],
  [EVIL, undefined, 403],
];

async function signOff(t: TestApp, origin: string | undefined, site: string | undefined) {
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (origin !== undefined) headers.origin = origin;
  if (site !== undefined) headers["sec-fetch-site"] = site;
  return t.app.request("/lobby/leave", { method: "POST", headers, body: "" });
}

describe.each([
  ["served directly", {}, DIRECT],
  ["behind a TLS proxy", { PUBLIC_URL: `${PUBLIC}/` }, BEHIND_PROXY],
] as const)("a form post %s", (_, env, cases) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({ env });
  });
  afterAll(() => t.close());

  it.each(cases)("Origin %s, Sec-Fetch-Site %s → %i", async (origin, site, answer) => {
    const res = await signOff(t, origin, site);
    expect(res.status).toBe(answer);
    if (answer === 403) expect(await res.text()).toContain("nicht von dieser Seite");
  });
});

describe("a cross-site post", () => {
  it("is refused on every form route, signed in or not", async () => {
    const t = await makeTestApp();
    try {
      for (const path of ["/join", "/logout", "/lobby/leave", "/leave/quick", "/appointments"]) {
        const res = await t.app.request(path, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: EVIL,
            "sec-fetch-site": "cross-site",
          },
          body: "name=x",
        });
        expect(res.status, path).toBe(403);
      }
    } finally {
      t.close();
    }
  });
});
