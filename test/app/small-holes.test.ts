/**
 * Smaller promises with their own checks: language links stay on this site, one
 * name rule for every person's name, quick exit leaves nothing in the browser, the
 * language cookie is Secure behind a TLS proxy, and a broken form body is a 400.
 */
import { afterEach, describe, expect, it } from "vitest";
import { nameSchema } from "../../src/client-journey/join-form.ts";
import { personName } from "../../src/validation.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost } from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("smaller holes", () => {
  it("builds the language link from the normalised path, never an off-site one", async () => {
    t = await makeTestApp();
    for (const path of ["//evil.example/x", "///evil.example/x", "/\\evil.example/x"]) {
      const html = await (await t.app.request(path)).text();
      const links = [...html.matchAll(/<a class="lang" href="([^"]*)"/g)].map((m) => m[1]);
      expect(links.length, path).toBe(1);
      expect(links[0], path).toMatch(/^\/[^/\\]/);
    }
  });

  it.each([
    ["zero-width space", "Ma\u200Bria"],
    ["right-to-left mark", "Maria\u200F"],
    ["Arabic letter mark", "Ma\u061Cria"],
    ["word joiner", "Ma\u2060ria"],
    ["byte order mark", "\uFEFFMaria"],
    ["right-to-left override", "Ma\u202Eairam"],
    ["isolate", "\u2067Maria"],
    ["control character", "Ma\u0007ria"],
  ])("refuses a name with a %s for clients and counsellors alike", async (_, name) => {
    expect(nameSchema.safeParse(name).success).toBe(false);
    expect(personName.safeParse(name).success).toBe(false);
    t ??= await makeTestApp();
    const res = await t.app.request(
      "/join",
      formPost({ code: "1234 5678 9012", name, consent: "yes" }),
    );
    expect(res.status).toBe(422);
  });

  it("keeps the same name rule for both: trimmed, NFC, at most 80 characters", () => {
    for (const schema of [nameSchema, personName]) {
      expect(schema.parse("  Jose\u0301 Müller ")).toBe("José Müller");
      expect(schema.safeParse("ä".repeat(80)).success).toBe(true);
      expect(schema.safeParse("ä".repeat(81)).success).toBe(false);
    }
  });

  it("quick exit clears site data and the language cookie too", async () => {
    t = await makeTestApp();
    for (const path of ["/leave/quick", "/leave/quick?beacon=1"]) {
      const res = await t.app.request(path, formPost({}, { cookie: "lang=en" }));
      expect(res.headers.get("clear-site-data"), path).toContain('"cookies"');
      expect(res.headers.get("clear-site-data"), path).toContain('"storage"');
      expect(
        res.headers.getSetCookie().some((c) => /^lang=;.*Max-Age=0/i.test(c)),
        path,
      ).toBe(true);
    }
  });

  it("marks the language cookie Secure behind a TLS proxy, like every other cookie", async () => {
    t = await makeTestApp({ env: { PUBLIC_URL: "https://video.example.org" } });
    const behindProxy = await t.app.request("/?lang=en");
    expect(behindProxy.headers.get("set-cookie")).toMatch(/^lang=en;.*Secure/);
    t.close();
    t = await makeTestApp();
    const plain = await t.app.request("/?lang=en");
    expect(plain.headers.get("set-cookie")).not.toMatch(/Secure/);
  });

  it("answers a malformed multipart body with 400 in the visitor's language", async () => {
    t = await makeTestApp();
    for (const path of ["/join", "/setup?token=x", "/appointments", "/login"]) {
      const res = await t.app.request(path, {
        method: "POST",
        headers: {
          "content-type": "multipart/form-data; boundary=x",
          origin: "http://localhost",
          "accept-language": "en",
        },
        body: "--x\r\nContent-Disposition: form-data; name",
      });
      expect(res.status, path).toBe(400);
      expect(await res.text(), path).toContain("Form could not be read");
    }
  });
});
