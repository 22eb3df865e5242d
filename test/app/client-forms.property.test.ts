/**
 * Property tests over the client forms (join, device-check result, leave, quick
 * exit): whatever is posted, with whatever cookie, the answer is never a 500,
 * input never comes back unescaped, and a refused request changes nothing stored.
 */
import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CODE } from "../helpers/appointments.ts";
import { makeWorld, type World } from "../helpers/world.ts";

let w: World;
beforeAll(async () => {
  w = await makeWorld();
});
afterAll(() => w?.t.close());

const MARK = "<i data-x>";
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom("", " ", MARK, `"${MARK}`, "\u0000", "\u202e", "1234 5678 9012", "yes", "passed"),
  fc.constantFrom(CODE, "123-456-789-012", "१२३४५६७८९०१२").map((code) => `${code}${MARK}`),
  fc.string({ maxLength: 20 }).map((s) => `${MARK}${s}`),
);
/** A cookie header: the real client's, a garbled one, or none. */
const cookies = fc.oneof(
  fc.constant(""),
  fc.constant("real"),
  fc.constant("sz_client=not-a-token"),
  fc.constant("sz_client=%E0%A4%A; =;;; a"),
  fc.stringMatching(/^[ -~]{0,80}$/).map((s) => `sz_client=${s}`),
);

type Form = [string, string[], (status: number, real: boolean) => boolean];
const forms: Form[] = [
  // A join that is let in is a success; everything else must leave the records alone.
  ["/join", ["code", "name", "consent", "lang"], (status) => status === 303],
  ["/check/result", ["result", "paths", "token"], (status) => status === 204],
  // Exchanging a code for the check's token stores nothing (attempt counters aside).
  ["/check/token", ["code"], () => false],
  // Leaving signs a real client off (the next runs then hold a stale cookie).
  ["/lobby/leave", ["x"], (status, real) => real && status === 303],
  ["/leave/quick", ["x"], (status, real) => real && status === 303],
];

async function snapshot(): Promise<string> {
  return w.snapshot();
}

describe.each(forms)("POST %s with any input", (path, fields, succeeded) => {
  it("never fails with 500, never echoes markup, and changes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...fields.map(() => nasty)), cookies, async (values, chosen) => {
        const cookie = chosen === "real" ? w.cookies.clientX : chosen;
        // Attempt counters would soon turn every answer into a 429; start each run afresh.
        await w.t.deps.db.run(sql`delete from rate_limits`);
        const before = await snapshot();
        const body = new URLSearchParams(fields.map((field, i) => [field, values[i] ?? ""]));
        const res = await w.t.app.request(path, {
          method: "POST",
          headers: {
            "content-type": "application/x-www-form-urlencoded",
            origin: "http://localhost",
            ...(cookie ? { cookie } : {}),
          },
          body,
        });
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain(MARK);
        if (!succeeded(res.status, chosen === "real")) expect(await snapshot()).toBe(before);
      }),
      { numRuns: 60 },
    );
  });
});
