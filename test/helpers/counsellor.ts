/** Test helpers for the counsellor side: accounts, sign-in, same-origin form posts. */
import { eq } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import { createCounsellor, type Role } from "../../src/auth/counsellors.ts";
import type { TestApp } from "../../support/test-app.ts";
import { CODE, cookieFrom, formPost, insertAppointment, readAppointment } from "./appointments.ts";

export const PASSWORD = "correct horse battery";

export async function addCounsellor(
  t: TestApp,
  who: { email: string; name: string; role?: Role; password?: string },
): Promise<string> {
  return createCounsellor(
    t.deps.db,
    {
      email: who.email,
      name: who.name,
      role: who.role ?? "counsellor",
      password: who.password ?? PASSWORD,
    },
    t.deps.passwords,
  );
}

/** A same-origin form post (the CSRF check wants an Origin), optionally signed in. */
export function post(
  data: Record<string, string>,
  cookie?: string,
  origin = "http://localhost",
): RequestInit {
  return {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      origin,
      ...(cookie ? { cookie } : {}),
    },
    body: new URLSearchParams(data).toString(),
  };
}

/** Signs in and returns the session cookie ("name=value"). */
export async function signIn(t: TestApp, email: string, password = PASSWORD): Promise<string> {
  const res = await t.app.request("/login", post({ email, password }));
  if (res.status !== 303) throw new Error(`sign-in failed with ${res.status}`);
  const cookie = res.headers.get("set-cookie") ?? "";
  return cookie.split(";")[0] ?? "";
}

export function get(cookie: string, headers: Record<string, string> = {}): RequestInit {
  return { headers: { cookie, ...headers } };
}

/**
 * A signed-in counsellor ("Anna") with one appointment of her own at `startsAt`
 * (code `CODE`), and a way for clients to join it with a typed name.
 */
export async function officeWithAppointment(t: TestApp, startsAt: Date) {
  const counsellorId = await addCounsellor(t, { email: "anna@example.org", name: "Anna" });
  const counsellor = await signIn(t, "anna@example.org");
  const db = t.deps.db;
  const id = await insertAppointment(db, t.deps.serverSecret, { startsAt });
  await db.update(appointments).set({ counsellorId }).where(eq(appointments.id, id));
  const join = async (name: string) =>
    cookieFrom(await t.app.request("/join", formPost({ code: CODE, name, consent: "yes" })));
  return { app: t.app, id, counsellor, join, row: () => readAppointment(db, id) };
}
