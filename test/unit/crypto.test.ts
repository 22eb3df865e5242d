/**
 * The small cryptographic helpers, against published test vectors and a value
 * sealed by an earlier version (stored codes must stay readable).
 */
import { describe, expect, it } from "vitest";
import { equalConstantTime, hmacHex, randomToken, sha256Hex } from "../../src/security/crypto.ts";
import { seal, unseal } from "../../src/security/seal.ts";

const SECRET = "unit-secret-unit-secret-unit-secret-01";

describe("tokens and hashes", () => {
  it("makes URL-safe random tokens of the asked entropy, never the same twice", () => {
    const tokens = Array.from({ length: 200 }, () => randomToken());
    for (const token of tokens) expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
    // Over 200 tokens every base64url character turns up: no byte range is left out.
    expect(new Set(tokens.join("")).size).toBe(64);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it("hashes with SHA-256 and HMAC-SHA-256 as lowercase hex", async () => {
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    // RFC 4231, test case 2.
    expect(await hmacHex("Jefe", "what do ya want for nothing?")).toBe(
      "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
    );
    expect(await hmacHex("\u0000", "")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("compares strings without an early way out, but exactly", () => {
    expect(equalConstantTime("abc", "abc")).toBe(true);
    expect(equalConstantTime("", "")).toBe(true);
    expect(equalConstantTime("abc", "abd")).toBe(false);
    expect(equalConstantTime("abc", "xbc")).toBe(false);
    expect(equalConstantTime("abc", "ab")).toBe(false);
    expect(equalConstantTime("ab", "abc")).toBe(false);
    // Differences that cancel out under a sum, or hide in a single bit.
    expect(equalConstantTime("ac", "bb")).toBe(false);
    expect(equalConstantTime("\u0001", "\u0000")).toBe(false);
  });
});

describe("sealing", () => {
  it("opens what it sealed, with a fresh IV each time", async () => {
    const a = await seal(SECRET, "dial-in-code", "123456789012");
    const b = await seal(SECRET, "dial-in-code", "123456789012");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await unseal(SECRET, "dial-in-code", a)).toBe("123456789012");
    expect(await unseal(SECRET, "dial-in-code", b)).toBe("123456789012");
  });

  it("still opens a code sealed by an earlier version", async () => {
    expect(
      await unseal(
        SECRET,
        "dial-in-code",
        "GHgiFYto-Ta2LsII14gRLx3JOsONA2hTON30nDyhf-0hAX6F4ZDsJw",
      ),
    ).toBe("123456789012");
  });

  it("opens nothing under another secret or purpose, or when changed", async () => {
    const sealed = await seal(SECRET, "dial-in-code", "123456789012");
    expect(await unseal(`${SECRET}x`, "dial-in-code", sealed)).toBeUndefined();
    expect(await unseal(SECRET, "other", sealed)).toBeUndefined();
    const flipped = `${sealed.slice(0, 20)}${sealed[20] === "A" ? "B" : "A"}${sealed.slice(21)}`;
    expect(await unseal(SECRET, "dial-in-code", flipped)).toBeUndefined();
    expect(await unseal(SECRET, "dial-in-code", sealed.slice(0, -2))).toBeUndefined();
    expect(await unseal(SECRET, "dial-in-code", "!!")).toBeUndefined();
  });
});
