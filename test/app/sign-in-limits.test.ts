/**
 * Sign-in limits that stop guessing without locking the owner out, the
 * password form's own limit, and a password change that signs out every other
 * session of the account.
 */
import { afterEach, describe, expect, it } from "vitest";
import { rateLimits, sessions } from "../../db/schema.ts";
import { HashingBusyError } from "../../src/auth/passwords.ts";
import { signInPauseMs } from "../../src/auth/routes.tsx";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounsellor, get, PASSWORD, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

/** A sign-in as it arrives through the trusted proxy from `address`. */
function loginFrom(address: string, password: string) {
  const init = post({ email: "anna@example.org", password });
  return { ...init, headers: { ...(init.headers as object), "x-forwarded-for": address } };
}

describe("sign-in limits", () => {
  it("five wrong passwords from elsewhere do not lock the owner out at their own address", async () => {
    t = await makeTestApp({ env: { TRUST_PROXY: "true" } });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    for (let i = 0; i < 5; i++) {
      expect(
        (await t.app.request("/login", loginFrom("203.0.113.9", "wrong password!"))).status,
      ).toBe(401);
    }
    // The guesser is stopped…
    expect((await t.app.request("/login", loginFrom("203.0.113.9", PASSWORD))).status).toBe(429);
    // …the owner is not.
    const owner = await t.app.request("/login", loginFrom("198.51.100.4", PASSWORD));
    expect(owner.status).toBe(303);
    expect(owner.headers.get("location")).toBe("/dashboard");
  });
});

describe("sign-ins turned away while every hashing thread is busy", () => {
  it("answer 503 with a wait, count nothing against the person, and let them in afterwards", async () => {
    t = await makeTestApp({ env: { TRUST_PROXY: "true" } });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const hasher = t.deps.passwords;
    t.deps.passwords = {
      hash: hasher.hash,
      verify: () => Promise.reject(new HashingBusyError()),
    };
    // More than any limit allows: none of them was ever tried.
    for (let i = 0; i < 12; i++) {
      const busy = await t.app.request("/login", loginFrom("203.0.113.9", PASSWORD));
      expect(busy.status).toBe(503);
      expect(busy.headers.get("retry-after")).toMatch(/^\d+$/);
    }
    const counts = await t.database.db.select({ count: rateLimits.count }).from(rateLimits);
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.every(({ count }) => count === 0)).toBe(true);

    t.deps.passwords = hasher;
    const res = await t.app.request("/login", loginFrom("203.0.113.9", PASSWORD));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
  });

  it("count nothing against the password form either", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const cookie = await signIn(t, "anna@example.org");
    const hasher = t.deps.passwords;
    t.deps.passwords = { hash: hasher.hash, verify: () => Promise.reject(new HashingBusyError()) };
    const change = { current: PASSWORD, password: "a-new-password", repeat: "a-new-password" };
    for (let i = 0; i < 8; i++) {
      expect((await t.app.request("/account/password", post(change, cookie))).status).toBe(503);
    }
    t.deps.passwords = hasher;
    const res = await t.app.request("/account/password", post(change, cookie));
    expect(res.headers.get("location")).toBe("/account/password?done=1");
  });
});

describe("guessing one account from many addresses", () => {
  it("slows its sign-ins down and never turns the owner away", async () => {
    t = await makeTestApp({ env: { TRUST_PROXY: "true" } });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    // One wrong password from each of eleven addresses: past the point where the pause begins.
    for (let i = 1; i <= 11; i++) {
      const res = await t.app.request("/login", loginFrom(`203.0.113.${i}`, "wrong password!"));
      expect(res.status).toBe(401);
    }
    const owner = await t.app.request("/login", loginFrom("198.51.100.4", PASSWORD));
    expect(owner.status).toBe(303);
    expect(owner.headers.get("location")).toBe("/dashboard");
  });

  it("pauses 1 s per sign-in beyond the tenth in the window, at most 10 s", () => {
    expect([0, 10, 11, 12, 20, 21, 500].map(signInPauseMs)).toEqual([
      0, 0, 1000, 2000, 10_000, 10_000, 10_000,
    ]);
  });
});

describe("the password form", () => {
  it("limits checks of the current password with a clear wait time", async () => {
    // A fixed clock: the wait time is exact.
    const now = new Date("2026-11-25T10:00:00Z");
    t = await makeTestApp({ now: () => now });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const cookie = await signIn(t, "anna@example.org");
    const change = (current: string) =>
      t?.app.request(
        "/account/password",
        post({ current, password: "a new long password", repeat: "a new long password" }, cookie),
      );
    for (let i = 0; i < 5; i++) expect((await change("wrong guess"))?.status).toBe(422);
    const limited = await change(PASSWORD);
    expect(limited?.status).toBe(429);
    expect(await limited?.text()).toContain(
      "Zu viele falsche Versuche. Bitte warten Sie 15 Minuten",
    );
    expect(limited?.headers.get("retry-after")).toBe("900");
  });

  it("a password change signs out every other session of the account", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    await addCounsellor(t, { email: "bob@example.org", name: "Bob" });
    const here = await signIn(t, "anna@example.org");
    const elsewhere = await signIn(t, "anna@example.org");
    const bob = await signIn(t, "bob@example.org");
    const res = await t.app.request(
      "/account/password",
      post(
        { current: PASSWORD, password: "a new long password", repeat: "a new long password" },
        here,
      ),
    );
    expect(res.status).toBe(303);
    expect((await t.app.request("/dashboard", get(here))).status).toBe(200);
    expect((await t.app.request("/dashboard", get(elsewhere))).headers.get("location")).toBe(
      "/login",
    );
    expect((await t.app.request("/dashboard", get(bob))).status).toBe(200);
    expect(await t.deps.db.select().from(sessions)).toHaveLength(2);
  });
});
