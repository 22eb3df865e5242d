/** Test helpers for the counsellor side: accounts, sign-in, same-origin form posts. */
import { createCounsellor, type Role } from "../../src/auth/counsellors.ts";
import type { TestApp } from "../../support/test-app.ts";

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
