/**
 * @module
 * A short-lived signed token that lets the device check page report its result
 * for one appointment, so the dial-in code is never sent a second time.
 * Form: `appointmentId.expiresAtMs.hmac`.
 */
import { equalConstantTime, hmacHex } from "../security/crypto.ts";

/** Two hours: long enough for a slow test, short enough to be useless later. */
export const CHECK_TOKEN_TTL_MS = 2 * 60 * 60 * 1000;

const sign = (secret: string, id: string, expires: number) =>
  hmacHex(secret, `device-check:${id}:${expires}`);

/** A token for reporting the check result of `appointmentId`. */
export async function createCheckToken(secret: string, appointmentId: string, now: Date) {
  const expires = now.getTime() + CHECK_TOKEN_TTL_MS;
  return `${appointmentId}.${expires}.${await sign(secret, appointmentId, expires)}`;
}

/** The appointment id a token was made for, if it is genuine and not expired. */
export async function verifyCheckToken(
  secret: string,
  token: string,
  now: Date,
): Promise<string | undefined> {
  const [id, expiresText, mac] = token.split(".");
  const expires = Number(expiresText);
  if (!id || !mac || !Number.isSafeInteger(expires) || expires < now.getTime()) return undefined;
  return equalConstantTime(mac, await sign(secret, id, expires)) ? id : undefined;
}
