import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { counsellors, sessions } from "../../db/schema.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounsellor, get, PASSWORD, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("sign-in and sessions", () => {
  it("signs in with the right password, keeps only a hash of the token, and signs out", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const res = await t.app.request(
      "/login",
      post({ email: " Anna@Example.org ", password: PASSWORD }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    const setCookie = res.headers.get("set-cookie") ?? "";
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(";")[0] ?? "";
    const token = cookie.split("=")[1] ?? "";
    expect(token.length).toBeGreaterThanOrEqual(43);
    const stored = await t.deps.db.select().from(sessions);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.id).not.toContain(token);

    expect((await t.app.request("/dashboard", get(cookie))).status).toBe(200);
    const out = await t.app.request("/logout", post({}, cookie));
    expect(out.status).toBe(303);
    // The browser is told to drop the cookie for the whole site.
    expect(out.headers.get("set-cookie")).toMatch(/^sz_session=;.*Max-Age=0/i);
    expect(out.headers.get("set-cookie")).toMatch(/Path=\//);
    expect(await t.deps.db.select().from(sessions)).toHaveLength(0);
    const after = await t.app.request("/dashboard", get(cookie));
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toBe("/login");
  });

  it("answers an over-long address or password like a wrong one, in the page's language", async () => {
    t = await makeTestApp();
    expect(await (await t.app.request("/login")).text()).toContain(
      "<title>Anmelden für Beraterinnen und Berater",
    );
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const long = "x".repeat(301);
    for (const form of [
      { email: `${long}@example.org`, password: PASSWORD },
      { email: "anna@example.org", password: long },
    ]) {
      const res = await t.app.request("/login", post(form));
      expect(res.status).toBe(401);
      expect(res.headers.get("set-cookie")).toBeNull();
      const html = await res.text();
      expect(html).toContain("E-Mail-Adresse oder Passwort stimmen nicht.");
      expect(html).not.toContain(long);
      expect(html).toContain("<title>Anmelden");
      expect(html).toMatch(
        /<input[^>]*name="email"[^>]*value=""|<input[^>]*value=""[^>]*name="email"/,
      );
    }
    const english = await t.app.request("/login", {
      ...post({ email: long, password: long }),
      headers: { ...(post({}).headers as object), "Accept-Language": "en" },
    });
    expect(await english.text()).toContain("E-mail address or password is not correct.");
    expect(await t.deps.db.select().from(sessions)).toHaveLength(0);
  });

  it("uses the __Host- prefix and Secure over HTTPS", async () => {
    t = await makeTestApp({ env: { PUBLIC_URL: "https://video.example.org" } });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const res = await t.app.request(
      "/login",
      post(
        { email: "anna@example.org", password: PASSWORD },
        undefined,
        "https://video.example.org",
      ),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("set-cookie")).toMatch(/^__Host-sz_session=.*; Secure/);
  });

  it("keeps the plain cookie name and no Secure behind a plain-HTTP public address", async () => {
    t = await makeTestApp({ env: { PUBLIC_URL: "http://video.example.org" } });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const res = await t.app.request(
      "/login",
      post(
        { email: "anna@example.org", password: PASSWORD },
        undefined,
        "http://video.example.org",
      ),
    );
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^sz_session=/);
    expect(cookie).not.toMatch(/Secure/i);
  });

  it("gives one message for a wrong password and an unknown e-mail", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const wrong = await t.app.request(
      "/login",
      post({ email: "anna@example.org", password: "nope-nope-nope" }),
    );
    const unknown = await t.app.request(
      "/login",
      post({ email: "nobody@example.org", password: "nope-nope-nope" }),
    );
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const a = await wrong.text();
    const b = await unknown.text();
    expect(a).toContain("E-Mail-Adresse oder Passwort stimmen nicht.");
    expect(b).toContain("E-Mail-Adresse oder Passwort stimmen nicht.");
    expect(a).toContain('value="anna@example.org"');
    expect(a).not.toContain("nope-nope-nope");
  });

  it("limits failed sign-ins per e-mail with a clear wait time, even for the right password", async () => {
    // A fixed clock: the wait time is exact.
    const now = new Date("2026-11-25T10:00:00Z");
    t = await makeTestApp({ now: () => now });
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    for (let i = 0; i < 5; i++) {
      expect(
        (
          await t.app.request(
            "/login",
            post({ email: "anna@example.org", password: "wrong-password" }),
          )
        ).status,
      ).toBe(401);
    }
    const limited = await t.app.request(
      "/login",
      post({ email: "anna@example.org", password: PASSWORD }),
    );
    expect(limited.status).toBe(429);
    expect(await limited.text()).toContain("Bitte warten Sie 15 Minuten");
    expect(limited.headers.get("retry-after")).toBe("900");
  });

  it("refuses a form posted from another origin", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const res = await t.app.request(
      "/login",
      post({ email: "anna@example.org", password: PASSWORD }, undefined, "https://evil.example"),
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("nicht von dieser Seite");
    expect(await t.deps.db.select().from(sessions)).toHaveLength(0);
  });

  it("ends the sessions of a deactivated counsellor", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
    const bobId = await addCounsellor(t, { email: "bob@example.org", name: "Bob" });
    const admin = await signIn(t, "admin@example.org");
    const bob = await signIn(t, "bob@example.org");
    expect((await t.app.request("/dashboard", get(bob))).status).toBe(200);
    const res = await t.app.request(`/admin/counsellors/${bobId}/deactivate`, post({}, admin));
    expect(res.status).toBe(303);
    expect((await t.app.request("/dashboard", get(bob))).status).toBe(303);
    expect(
      (await t.app.request("/login", post({ email: "bob@example.org", password: PASSWORD })))
        .status,
    ).toBe(401);
    // Nothing of the session is left behind, not even unusable.
    const left = await t.deps.db.select().from(sessions).where(eq(sessions.counsellorId, bobId));
    expect(left).toHaveLength(0);

    // Activated again, the same password works again.
    const again = await t.app.request(`/admin/counsellors/${bobId}/activate`, post({}, admin));
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/admin/counsellors");
    expect(
      (await t.app.request("/login", post({ email: "bob@example.org", password: PASSWORD })))
        .status,
    ).toBe(303);
  });
});

describe("first-run setup", () => {
  it("creates the first admin with the right token only, and only once", async () => {
    t = await makeTestApp();
    t.deps.setupToken = "setup-token-0123456789";
    const refused = await t.app.request("/setup?token=wrong");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("<title>Erstes Konto einrichten");
    expect((await t.app.request("/setup")).status).toBe(403);
    const form = await t.app.request("/setup?token=setup-token-0123456789");
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain("<title>Erstes Konto einrichten");
    // The form posts back with its token, or the set-up could never be sent.
    expect(formHtml).toContain('action="/setup?token=setup-token-0123456789"');
    const bad = await t.app.request(
      "/setup?token=setup-token-0123456789",
      post({ name: "Anna", email: "not-an-email", password: "short" }),
    );
    expect(bad.status).toBe(422);
    const html = await bad.text();
    expect(html).toContain("gültige E-Mail-Adresse");
    expect(html).toContain("mindestens 10 Zeichen");
    expect(html).toContain('value="Anna"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toContain('action="/setup?token=setup-token-0123456789"');
    expect(html).toContain("<title>Erstes Konto einrichten");
    expect(await t.deps.db.select().from(counsellors)).toHaveLength(0);

    const ok = await t.app.request(
      "/setup?token=setup-token-0123456789",
      post({ name: "Anna", email: "anna@example.org", password: PASSWORD }),
    );
    expect(ok.status).toBe(303);
    const [anna] = await t.deps.db
      .select()
      .from(counsellors)
      .where(eq(counsellors.email, "anna@example.org"));
    expect(anna?.role).toBe("admin");
    const again = await t.app.request("/setup?token=setup-token-0123456789");
    expect(again.status).toBe(303);
    expect(again.headers.get("location")).toBe("/login");
  });
});

describe("first-run setup at the same moment twice", () => {
  it("creates one admin and tells the other form the address is taken", async () => {
    t = await makeTestApp();
    t.deps.setupToken = "setup-token-0123456789";
    const submit = (name: string) =>
      t?.app.request(
        "/setup?token=setup-token-0123456789",
        post({ name, email: "anna@example.org", password: PASSWORD }),
      );
    const answers = await Promise.all([submit("Anna"), submit("Anna Zweit")]);
    expect(answers.map((res) => res?.status).sort()).toEqual([303, 422]);
    const refused = answers.find((res) => res?.status === 422);
    const html = (await refused?.text()) ?? "";
    expect(html).toContain("Für diese E-Mail-Adresse gibt es schon ein Konto.");
    expect(html).toContain('value="anna@example.org"');
    expect(html).not.toContain(PASSWORD);
    expect(await t.deps.db.select().from(counsellors)).toHaveLength(1);
  });
});

describe("password change", () => {
  it("needs the current password and two matching new ones", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
    const cookie = await signIn(t, "anna@example.org");
    const wrong = await t.app.request(
      "/account/password",
      post({ current: "wrong", password: "a-new-password", repeat: "a-new-password" }, cookie),
    );
    expect(wrong.status).toBe(422);
    const wrongHtml = await wrong.text();
    expect(wrongHtml).toContain("Das bisherige Passwort stimmt nicht.");
    expect(wrongHtml).toContain("<title>Passwort ändern");
    const mismatch = await t.app.request(
      "/account/password",
      post({ current: PASSWORD, password: "a-new-password", repeat: "another-one" }, cookie),
    );
    expect(await mismatch.text()).toContain("stimmen nicht überein");
    const ok = await t.app.request(
      "/account/password",
      post({ current: PASSWORD, password: "a-new-password", repeat: "a-new-password" }, cookie),
    );
    expect(ok.status).toBe(303);
    await signIn(t, "anna@example.org", "a-new-password");
  });

  it("is forced after an admin reset", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
    const bobId = await addCounsellor(t, { email: "bob@example.org", name: "Bob" });
    const admin = await signIn(t, "admin@example.org");
    const reset = await t.app.request(`/admin/counsellors/${bobId}/reset`, post({}, admin));
    const temporary = /Vorläufiges Passwort für Bob: (\S+)/.exec(await reset.text())?.[1] ?? "";
    expect(temporary.length).toBeGreaterThanOrEqual(16);
    const bob = await t.app.request(
      "/login",
      post({ email: "bob@example.org", password: temporary }),
    );
    expect(bob.headers.get("location")).toBe("/account/password");
    const cookie = (bob.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const dash = await t.app.request("/dashboard", get(cookie));
    expect(dash.headers.get("location")).toBe("/account/password");

    // The password page itself opens, says why, and takes the new password.
    const form = await t.app.request("/account/password", get(cookie));
    expect(form.status).toBe(200);
    const page = await form.text();
    expect(page).toContain("<title>Passwort ändern");
    expect(page).toContain("Bitte wählen Sie ein eigenes Passwort, bevor Sie weiterarbeiten.");
    expect(page).not.toContain("Ihr Passwort wurde geändert.");
    const changed = await t.app.request(
      "/account/password",
      post(
        { current: temporary, password: "bobs-own-password", repeat: "bobs-own-password" },
        cookie,
      ),
    );
    expect(changed.headers.get("location")).toBe("/account/password?done=1");
    const done = await (await t.app.request("/account/password?done=1", get(cookie))).text();
    expect(done).toContain("Ihr Passwort wurde geändert.");
    expect(done).not.toContain("Bitte wählen Sie ein eigenes Passwort");
    expect((await t.app.request("/dashboard", get(cookie))).status).toBe(200);
  });
});
