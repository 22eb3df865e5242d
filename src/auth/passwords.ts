/**
 * @module
 * Counsellor passwords: argon2id with OWASP's parameters (19 MiB, t=2, p=1),
 * stored in the usual PHC string form. The implementation is @noble/hashes'
 * pure-JS argon2id: Workers forbid compiling WebAssembly at run time, so a
 * wasm build would not run on all three runtimes; this one does.
 */
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { equalConstantTime } from "../security/crypto.ts";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

const PARAMS = { m: 19456, t: 2, p: 1 } as const;
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

function derive(password: string, salt: Uint8Array, m: number, t: number, p: number) {
  return argon2idAsync(password.normalize("NFC"), salt, { m, t, p, dkLen: 32 });
}

/** Returns the encoded hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, PARAMS.m, PARAMS.t, PARAMS.p);
  return `$argon2id$v=19$m=${PARAMS.m},t=${PARAMS.t},p=${PARAMS.p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Checks a password against an encoded hash; a malformed hash never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const match = PHC.exec(encoded);
  if (!match) return false;
  const [, m, t, p, salt, expected] = match as unknown as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const hash = await derive(password, fromBase64(salt), Number(m), Number(t), Number(p));
  return equalConstantTime(toBase64(hash), expected);
}

/**
 * A valid hash of a random password, verified against when the e-mail is
 * unknown, so a failed sign-in takes the same time either way.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$vRdNFo5Ex6X1kQ0u9hJ3eW3m4sXzQ3l8o2qvC7yq8p0";
