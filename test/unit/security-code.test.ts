import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { fingerprints, securityCode } from "../../src/browser/call/security-code.ts";

const A =
  "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
const B =
  "10:32:54:76:98:BA:DC:FE:10:32:54:76:98:BA:DC:FE:10:32:54:76:98:BA:DC:FE:10:32:54:76:98:BA:DC:FE";
const sdp = (print: string) =>
  `v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\na=fingerprint:sha-256 ${print}\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=fingerprint:sha-256 ${print}\r\n`;

describe("the security code", () => {
  it("reads the DTLS fingerprints of an SDP", () => {
    expect(fingerprints(sdp(A))).toEqual([`sha-256 ${A}`, `sha-256 ${A}`]);
    expect(fingerprints("v=0\r\n")).toEqual([]);
  });

  it("is the same on both ends and has 48 bits as 15 grouped digits", async () => {
    const counsellor = await securityCode("appt-1", sdp(A), sdp(B));
    const client = await securityCode("appt-1", sdp(B), sdp(A));
    expect(counsellor).toBe(client);
    expect(counsellor).toMatch(/^\d{3}( \d{3}){4}$/);
    // Room first, then each distinct fingerprint once, sorted.
    const text = ["appt-1", ...[`sha-256 ${B}`, `sha-256 ${A}`].sort()].join("\n");
    const digest = createHash("sha256").update(text).digest();
    const expected = String(digest.readUIntBE(0, 6)).padStart(15, "0");
    expect(counsellor?.replace(/ /g, "")).toBe(expected);
  });

  it("changes when a fingerprint or the room changes", async () => {
    const base = await securityCode("appt-1", sdp(A), sdp(B));
    expect(await securityCode("appt-2", sdp(A), sdp(B))).not.toBe(base);
    expect(await securityCode("appt-1", sdp(A), sdp(A.replace("AB", "AC")))).not.toBe(base);
  });

  it("waits for both fingerprints", async () => {
    expect(await securityCode("appt-1", sdp(A), "v=0\r\n")).toBeNull();
  });
});
