/**
 * Property tests over the counsellor forms: whatever is posted, the answer is
 * never a 500, input never comes back unescaped, and a rejected request changes
 * nothing stored.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounsellor, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp;
let cookie: string;
let appointmentId: string;

beforeAll(async () => {
  t = await makeTestApp({ now: () => new Date("2026-11-25T08:00:00Z") });
  await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
  cookie = await signIn(t, "admin@example.org");
  const res = await t.app.request(
    "/appointments",
    post(
      { clientName: "Frau Müller", date: "2026-11-26", time: "10:00", durationMinutes: "50" },
      cookie,
    ),
  );
  appointmentId = /\/appointments\/([^?]+)/.exec(res.headers.get("location") ?? "")?.[1] ?? "";
});
afterAll(() => t?.close());

const MARK = "<i data-x>";
const nasty = fc.oneof(
  fc.string({ unit: "binary", maxLength: 120 }),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    "",
    " ",
    MARK,
    `"${MARK}`,
    "\u0000",
    "2026-02-30",
    "25:61",
    "-1",
    "1e9",
    "é".repeat(90),
  ),
  fc.string({ maxLength: 20 }).map((s) => `${MARK}${s}`),
);

async function snapshot(): Promise<string> {
  const tables = ["counsellors", "appointments", "sessions"];
  const rows = await Promise.all(
    tables.map((table) => t.database.client.execute(`select * from ${table} order by rowid`)),
  );
  // Sessions may grow by successful sign-ins only; sign-in attempts are counted in rate_limits.
  return JSON.stringify(rows.map((result) => result.rows));
}

const forms: [string, () => string, string[]][] = [
  [
    "/appointments",
    () => "/appointments",
    ["clientName", "date", "time", "durationMinutes", "note"],
  ],
  [
    "/appointments/:id",
    () => `/appointments/${appointmentId}`,
    ["clientName", "date", "time", "durationMinutes", "note"],
  ],
  ["/appointments/:id/message", () => `/appointments/${appointmentId}/message`, ["message"]],
  ["/admin/counsellors", () => "/admin/counsellors", ["name", "email", "role"]],
  ["/account/password", () => "/account/password", ["current", "password", "repeat"]],
];

describe.each(forms)("POST %s with any input", (_name, path, fields) => {
  it("never fails with 500, never echoes markup, and changes nothing when it refuses", async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(...fields.map(() => nasty)), async (values) => {
        const before = await snapshot();
        const data = Object.fromEntries(fields.map((field, i) => [field, values[i] ?? ""]));
        const res = await t.app.request(path(), post(data, cookie));
        expect(res.status).toBeLessThan(500);
        const body = await res.text();
        expect(body).not.toContain(MARK);
        if (res.status >= 400) expect(await snapshot()).toBe(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe("POST /login with any input", () => {
  it("never fails with 500 and never echoes markup", async () => {
    await fc.assert(
      fc.asyncProperty(nasty, nasty, async (email, password) => {
        const res = await t.app.request("/login", post({ email, password }));
        expect(res.status).toBeLessThan(500);
        expect(await res.text()).not.toContain(MARK);
      }),
      { numRuns: 15 },
    );
  });
});
