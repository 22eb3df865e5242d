/**
 * @module
 * Sign-in, sign-out, first-run setup and password change for counsellors.
 * Failed sign-ins are limited per (e-mail, client address) and per address, and
 * slowed down per e-mail, never locked: guessing from elsewhere cannot keep the
 * owner out. The answer never reveals whether an e-mail has an account.
 */
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { counsellors } from "../../db/schema.ts";
import { renderPage } from "../../views/page.tsx";
import { LoginPage } from "../../views/pages/login.tsx";
import { PasswordPage } from "../../views/pages/password.tsx";
import type { AppDeps, AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import {
  clearAttempts,
  countAttempt,
  type Limit,
  type LimitStore,
  refundAttempt,
} from "../security/rate-limit.ts";
import { clientAddress } from "../security/request.ts";
import { email, newPassword, validForm } from "../validation.ts";
import { setPassword } from "./counsellors.ts";
import { requireCounsellor } from "./guard.ts";
import { DUMMY_HASH, HashingBusyError } from "./passwords.ts";
import { endOtherSessions, endSession, startSession } from "./sessions.ts";
import { setupRoutes } from "./setup-routes.tsx";

/**
 * Failed sign-ins are counted per (e-mail, address), so someone guessing from
 * elsewhere never locks the owner out of their own address, and per address.
 */
const PER_EMAIL_ADDRESS = { purpose: "login-email-address", max: 5, windowMs: 15 * 60_000 };
const PER_ADDRESS = { purpose: "login-address", max: 30, windowMs: 15 * 60_000 };
/**
 * Per e-mail from anywhere nothing is ever refused: beyond `max` sign-ins in
 * the window, each further one is answered only after a pause.
 */
const PER_EMAIL = { purpose: "login-email", max: 10, windowMs: 15 * 60_000 };
/** Checks of the current password on the password form, per account. */
const PER_ACCOUNT = { purpose: "password-check", max: 5, windowMs: 15 * 60_000 };

/** The pause before an e-mail's password is checked: 1 s per sign-in beyond the 10th, at most 10 s. */
export function signInPauseMs(attempts: number): number {
  return Math.min(10, Math.max(0, attempts - PER_EMAIL.max)) * 1000;
}

/**
 * Checks a password with the runtime's hasher. When every hashing thread is
 * busy, the attempt was never tried: it is taken back before the visitor is
 * asked to try again in a moment.
 */
async function checkPassword(
  store: LimitStore & { passwords: AppDeps["passwords"] },
  counted: { limit: Limit; subject: string }[],
  password: string,
  encoded: string,
): Promise<boolean> {
  try {
    return await store.passwords.verify(password, encoded);
  } catch (error) {
    if (error instanceof HashingBusyError)
      for (const { limit, subject } of counted) await refundAttempt(store, limit, subject);
    throw error;
  }
}

const loginForm = z.object({
  email: z.string().max(300).default(""),
  password: z.string().max(300).default(""),
});

const passwordForm = z
  .object({
    current: z.string().max(300).default(""),
    password: newPassword,
    repeat: z.string().max(300).default(""),
  })
  .refine((form) => form.password === form.repeat, {
    path: ["repeat"],
    error: "form.password.mismatch",
  });

export const authRoutes = new Hono<AppEnv>();
authRoutes.route("/", setupRoutes);

authRoutes.get("/login", (c) =>
  renderPage(c, <LoginPage t={c.get("t")} />, { title: c.get("t")("login.title") }),
);

const loginPage = (c: Context<AppEnv>, typed: string, message: string, status: 401 | 429) =>
  renderPage(c, <LoginPage t={c.get("t")} email={typed} message={message} />, {
    title: c.get("t")("login.title"),
    status,
  });

// Longer than any real address or password: the same answer as a wrong one.
const validLogin = validForm(loginForm, (c) => loginPage(c, "", c.get("t")("login.failed"), 401));

authRoutes.post("/login", validLogin, async (c) => {
  const t = c.get("t");
  const deps = c.get("deps");
  const { db, now } = deps;
  const form = c.req.valid("form");
  const address = email.safeParse(form.email).data ?? form.email.trim().toLowerCase();
  const page = (message: string, status: 401 | 429) => loginPage(c, form.email, message, status);

  const from = clientAddress(c);
  const counted = [
    { limit: PER_EMAIL_ADDRESS, subject: `${address}|${from}` },
    { limit: PER_ADDRESS, subject: from },
    { limit: PER_EMAIL, subject: address },
  ];
  const byEmailAddress = await countAttempt(deps, PER_EMAIL_ADDRESS, `${address}|${from}`, now());
  const byAddress = await countAttempt(deps, PER_ADDRESS, from, now());
  if (!byEmailAddress.allowed || !byAddress.allowed) {
    const seconds = Math.max(
      byEmailAddress.allowed ? 0 : byEmailAddress.retryAfterSeconds,
      byAddress.allowed ? 0 : byAddress.retryAfterSeconds,
    );
    c.header("Retry-After", String(seconds));
    return page(t("login.limited", { minutes: Math.ceil(seconds / 60) }), 429);
  }
  // Guessing one account from many addresses slows every sign-in to it down, and locks none out.
  const byEmail = await countAttempt(deps, PER_EMAIL, address, now());
  const pause = signInPauseMs(byEmail.count);
  if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));

  const [counsellor] = await db
    .select()
    .from(counsellors)
    .where(eq(counsellors.email, address))
    .limit(1);
  // Verify against a dummy hash when there is no such account, so timing tells nothing.
  const valid = await checkPassword(
    deps,
    counted,
    form.password,
    counsellor?.passwordHash ?? DUMMY_HASH,
  );
  if (!counsellor || !valid || !counsellor.active) return page(t("login.failed"), 401);

  await clearAttempts(deps, PER_EMAIL_ADDRESS, `${address}|${from}`);
  await clearAttempts(deps, PER_EMAIL, address);
  await startSession(c, counsellor.id);
  return c.redirect(counsellor.mustChangePassword ? "/account/password" : "/dashboard", 303);
});

authRoutes.post("/logout", async (c) => {
  await endSession(c);
  return c.redirect("/login", 303);
});

authRoutes.use("/account/*", requireCounsellor);

authRoutes.get("/account/password", (c) =>
  renderPage(
    c,
    <PasswordPage
      t={c.get("t")}
      mustChange={c.get("counsellor").mustChangePassword}
      done={c.req.query("done") === "1"}
    />,
    { title: c.get("t")("password.title") },
  ),
);

const passwordPage = (c: Context<AppEnv>, errors: Record<string, MessageKey>, limited?: string) =>
  renderPage(
    c,
    <PasswordPage
      t={c.get("t")}
      mustChange={c.get("counsellor").mustChangePassword}
      errors={errors}
      message={limited}
    />,
    { title: c.get("t")("password.title"), status: limited ? 429 : 422 },
  );

authRoutes.post(
  "/account/password",
  validForm(passwordForm, (c, { errors }) => passwordPage(c, errors)),
  async (c) => {
    const t = c.get("t");
    const counsellor = c.get("counsellor");
    const form = c.req.valid("form");
    const { db, now } = c.get("deps");
    // A stolen session must not become a way to guess the password.
    const check = await countAttempt(c.get("deps"), PER_ACCOUNT, counsellor.id, now());
    if (!check.allowed) {
      c.header("Retry-After", String(check.retryAfterSeconds));
      const minutes = Math.ceil(check.retryAfterSeconds / 60);
      return passwordPage(c, {}, t("form.password.limited", { minutes }));
    }
    const limit = { limit: PER_ACCOUNT, subject: counsellor.id };
    if (!(await checkPassword(c.get("deps"), [limit], form.current, counsellor.passwordHash))) {
      return passwordPage(c, { current: "form.password.wrongCurrent" });
    }
    await clearAttempts(c.get("deps"), PER_ACCOUNT, counsellor.id);
    await setPassword(db, counsellor.id, form.password, false, c.get("deps").passwords);
    // Whoever else holds a session of this account (a lost phone, a stolen cookie) is signed out.
    await endOtherSessions(c, counsellor.id);
    return c.redirect("/account/password?done=1", 303);
  },
);
