/**
 * @module
 * Counsellor passwords: argon2id with OWASP's parameters (19 MiB, t=2, p=1),
 * stored in the usual PHC string form. The implementation is @noble/hashes'
 * pure-JS argon2id: Workers forbid compiling WebAssembly at run time, so a
 * wasm build would not run on all three runtimes; this one does.
 *
 * Where the hash is computed is the runtime's choice (`AppDeps.passwords`): on
 * Node and Deno in worker threads (`hash-pool.ts`), so a sign-in never holds up
 * other requests; on Workers within the request, whose CPU time it uses.
 */
import { argon2idAsync } from "@noble/hashes/argon2.js";
import { equalConstantTime } from "../security/crypto.ts";

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

export interface Argon2Params {
  m: number;
  t: number;
  p: number;
}

/** Derives argon2id's 32 bytes from an already normalised password. */
export type Derive = (
  password: string,
  salt: Uint8Array,
  params: Argon2Params,
) => Promise<Uint8Array>;

export interface PasswordHasher {
  /** Returns the encoded hash (`$argon2id$v=19$m=19456,t=2,p=1$salt$hash`). */
  hash(password: string): Promise<string>;
  /** Checks a password against an encoded hash; a malformed hash never matches. */
  verify(password: string, encoded: string): Promise<boolean>;
}

/**
 * Every hashing thread is busy and the queue is full: the visitor is asked to
 * try again in a moment (503), and nothing is counted against them.
 */
export class HashingBusyError extends Error {
  override name = "HashingBusyError";
}

const PARAMS: Argon2Params = { m: 19456, t: 2, p: 1 };
const PHC = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/=+$/, "");
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** The PHC encoding around a `derive`, wherever that runs. */
export function passwordHasher(derive: Derive): PasswordHasher {
  return {
    async hash(password) {
      const salt = crypto.getRandomValues(new Uint8Array(16));
      const hash = await derive(password.normalize("NFC"), salt, PARAMS);
      return `$argon2id$v=19$m=${PARAMS.m},t=${PARAMS.t},p=${PARAMS.p}$${toBase64(salt)}$${toBase64(hash)}`;
    },
    async verify(password, encoded) {
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
      const params = { m: Number(m), t: Number(t), p: Number(p) };
      const hash = await derive(password.normalize("NFC"), fromBase64(salt), params);
      return equalConstantTime(toBase64(hash), expected);
    },
  };
}

/**
 * Hashing within the request (Workers, the command-line tools). The async form
 * yields now and then, but the CPU time is the request's all the same.
 */
export const inRequestHasher = passwordHasher((password, salt, params) =>
  argon2idAsync(password, salt, { ...params, dkLen: 32 }),
);

export const hashPassword = inRequestHasher.hash;
export const verifyPassword = inRequestHasher.verify;

/**
 * A valid hash of a random password, verified against when the e-mail is
 * unknown, so a failed sign-in takes the same time either way.
 */
export const DUMMY_HASH =
  "$argon2id$v=19$m=19456,t=2,p=1$AAECAwQFBgcICQoLDA0ODw$vRdNFo5Ex6X1kQ0u9hJ3eW3m4sXzQ3l8o2qvC7yq8p0";
