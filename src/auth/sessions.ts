/**
 * @module
 * Counsellor sessions: a 256-bit random token in an HttpOnly, SameSite=Lax
 * cookie (`__Host-` prefixed and Secure over HTTPS); the database keeps only its
 * SHA-256. Sign-out and deactivation delete the row, which revokes it at once.
 */
import { and, eq, gt, ne } from "drizzle-orm";
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { counsellors, sessions } from "../../db/schema.ts";
import type { AppEnv } from "../deps.ts";
import { randomToken, sha256Hex } from "../security/crypto.ts";
import { isHttps } from "../security/request.ts";

export const SESSION_HOURS = 12;

function cookieName(c: Context<AppEnv>): string {
  return isHttps(c) ? "__Host-sz_session" : "sz_session";
}

export async function startSession(c: Context<AppEnv>, counsellorId: string): Promise<void> {
  const { db, now } = c.get("deps");
  const token = randomToken();
  const expiresAt = new Date(now().getTime() + SESSION_HOURS * 3600_000);
  await db.insert(sessions).values({ id: await sha256Hex(token), counsellorId, expiresAt });
  setCookie(c, cookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    path: "/",
    maxAge: SESSION_HOURS * 3600,
  });
}

/** The signed-in, active counsellor, or `undefined`. */
export async function currentCounsellor(c: Context<AppEnv>) {
  const token = getCookie(c, cookieName(c));
  if (!token || token.length > 100) return undefined;
  const { db, now } = c.get("deps");
  const [row] = await db
    .select({ counsellor: counsellors })
    .from(sessions)
    .innerJoin(counsellors, eq(sessions.counsellorId, counsellors.id))
    .where(
      and(
        eq(sessions.id, await sha256Hex(token)),
        gt(sessions.expiresAt, now()),
        eq(counsellors.active, true),
      ),
    )
    .limit(1);
  return row?.counsellor;
}

export async function endSession(c: Context<AppEnv>): Promise<void> {
  const token = getCookie(c, cookieName(c));
  if (token)
    await c
      .get("deps")
      .db.delete(sessions)
      .where(eq(sessions.id, await sha256Hex(token)));
  deleteCookie(c, cookieName(c), { path: "/", secure: isHttps(c) });
}

/** Ends every session of a counsellor (deactivation, password reset). */
export async function endAllSessions(c: Context<AppEnv>, counsellorId: string): Promise<void> {
  await c.get("deps").db.delete(sessions).where(eq(sessions.counsellorId, counsellorId));
}

/** Ends every session of a counsellor but the one making this request (after a password change). */
export async function endOtherSessions(c: Context<AppEnv>, counsellorId: string): Promise<void> {
  const token = getCookie(c, cookieName(c)) ?? "";
  await c
    .get("deps")
    .db.delete(sessions)
    .where(and(eq(sessions.counsellorId, counsellorId), ne(sessions.id, await sha256Hex(token))));
}
