/**
 * @module
 * Dial-in codes: digits only (easy to read aloud and type on a phone keypad),
 * from the cryptographic RNG, shown in groups of four, normalised on input
 * (spaces and dashes ignored), stored only as an HMAC under the server secret.
 */
import { hmacHex } from "../security/crypto.ts";

export const CODE_DIGITS = 12;

/** A new code: 12 uniformly random digits (about 40 bits). */
export function generateCode(): string {
  let code = "";
  while (code.length < CODE_DIGITS) {
    // Rejection sampling keeps every digit uniform: bytes 250–255 are discarded.
    for (const byte of crypto.getRandomValues(new Uint8Array(CODE_DIGITS))) {
      if (byte < 250 && code.length < CODE_DIGITS) code += String(byte % 10);
    }
  }
  return code;
}

/** "123456789012" → "1234 5678 9012". */
export function formatCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, "$1 ");
}

/**
 * What the client typed → the bare digits, or `undefined` when it cannot be a
 * code (anything but digits, spaces and dashes, or the wrong length).
 */
export function normalizeCode(input: string): string | undefined {
  const stripped = input.normalize("NFKC").replace(/[\s\-‐-―]/g, "");
  return new RegExp(`^\\d{${CODE_DIGITS}}$`).test(stripped) ? stripped : undefined;
}

/** The stored form of a code. */
export function hashCode(serverSecret: string, code: string): Promise<string> {
  return hmacHex(serverSecret, `dial-in-code:${code}`);
}
