import { describe, expect, it } from "vitest";
import { formatCode, generateCode, hashCode, normalizeCode } from "../../src/appointments/codes.ts";

describe("dial-in codes", () => {
  it("are 12 random digits", () => {
    const codes = new Set(Array.from({ length: 200 }, generateCode));
    expect(codes.size).toBe(200);
    for (const code of codes) expect(code).toMatch(/^\d{12}$/);
  });

  it("are shown in groups of four and read back with spaces and dashes ignored", () => {
    expect(formatCode("123456789012")).toBe("1234 5678 9012");
    expect(normalizeCode(" 1234 5678-9012 ")).toBe("123456789012");
    expect(normalizeCode("1234–5678–9012")).toBe("123456789012");
    expect(normalizeCode("１２３４５６７８９０１２")).toBe("123456789012");
    expect(normalizeCode("1234 5678 901")).toBeUndefined();
    expect(normalizeCode("1234 5678 901a")).toBeUndefined();
    expect(normalizeCode("")).toBeUndefined();
  });

  it("are stored as an HMAC that depends on the server secret", async () => {
    const a = await hashCode("secret-a-secret-a-secret-a-secret-a", "123456789012");
    const b = await hashCode("secret-b-secret-b-secret-b-secret-b", "123456789012");
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain("123456789012");
  });
});
