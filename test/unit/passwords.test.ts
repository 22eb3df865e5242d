import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "../../src/auth/passwords.ts";

describe("counsellor passwords (argon2id at the real cost)", () => {
  it("stores OWASP's parameters in PHC form and verifies only the right password", async () => {
    const hash = await hashPassword("richtig-langes-Passwort");
    expect(hash).toMatch(
      /^\$argon2id\$v=19\$m=19456,t=2,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/,
    );
    expect(await verifyPassword("richtig-langes-Passwort", hash)).toBe(true);
    expect(await verifyPassword("richtig-langes-passwort", hash)).toBe(false);
    // A fresh salt every time: the same password never gives the same string.
    expect(await hashPassword("richtig-langes-Passwort")).not.toBe(hash);
  });

  it("compares the password in NFC, however the keyboard composed it", async () => {
    const hash = await hashPassword("Grüße-aus-Köln");
    expect(await verifyPassword("Gru\u0308ße-aus-Ko\u0308ln", hash)).toBe(true);
  });

  it("never matches a malformed hash or the dummy hash", async () => {
    const hash = await hashPassword("richtig-langes-Passwort");
    for (const broken of ["", "plain", hash.replace("argon2id", "argon2i"), `${hash}!`]) {
      expect(await verifyPassword("richtig-langes-Passwort", broken)).toBe(false);
    }
    expect(DUMMY_HASH).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword("", DUMMY_HASH)).toBe(false);
  });

  it("derives with the cost written in the stored hash, not a fixed one", async () => {
    const hash = await hashPassword("richtig-langes-Passwort");
    const [, , , params, salt, digest] = hash.split("$");
    expect(params).toBe("m=19456,t=2,p=1");
    const cheaper = `$argon2id$v=19$m=1024,t=1,p=1$${salt}$${digest}`;
    // Same salt and digest under other parameters is a different hash.
    expect(await verifyPassword("richtig-langes-Passwort", cheaper)).toBe(false);
  });
});
