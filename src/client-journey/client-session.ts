/**
 * @module
 * The client's cookie: a random token whose SHA-256 is stored on exactly one
 * appointment (`clientTokenHash`). A new join replaces the token, leaving
 * clears it, so an old or copied cookie opens nothing.
 */
import { eq } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { appointments } from "../../db/schema.ts";
import type { AppEnv } from "../deps.ts";
import { randomToken, sha256Hex } from "../security/crypto.ts";
import { isHttps } from "../security/request.ts";
import type { Appointment } from "./appointment-access.ts";

/** The cookie's name: `__Host-` prefixed over HTTPS, where browsers enforce what it promises. */
export function clientCookieName(c: Context<AppEnv>): string {
  return isHttps(c) ? "__Host-sz_client" : "sz_client";
}

/** Sets a fresh token cookie and returns its hash, to store on the appointment. */
export async function issueClientToken(c: Context<AppEnv>): Promise<string> {
  const token = randomToken();
  const secure = isHttps(c);
  setCookie(c, clientCookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure,
  });
  return sha256Hex(token);
}

/** The appointment the client's cookie opens, if the cookie is current. */
export async function currentAppointment(c: Context<AppEnv>): Promise<Appointment | undefined> {
  const token = getCookie(c, clientCookieName(c));
  if (!token || token.length > 200) return undefined;
  const hash = await sha256Hex(token);
  const [row] = await c
    .get("deps")
    .db.select()
    .from(appointments)
    .where(eq(appointments.clientTokenHash, hash));
  return row;
}

/** Signs the client off: forgets the stored token hash and deletes the cookie. */
export async function endClientSession(c: Context<AppEnv>): Promise<void> {
  const appointment = await currentAppointment(c);
  if (appointment) {
    await c
      .get("deps")
      .db.update(appointments)
      .set({ clientTokenHash: null, updatedAt: c.get("deps").now() })
      .where(eq(appointments.id, appointment.id));
  }
  deleteCookie(c, clientCookieName(c), { path: "/", secure: isHttps(c), httpOnly: true });
}
