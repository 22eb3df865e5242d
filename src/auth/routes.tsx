/**
 * @module
 * Sign-in, sign-out, first-run setup and password change for counsellors.
 * Failed sign-ins are limited per e-mail and per client address, and the answer
 * never reveals whether an e-mail has an account.
 */
import { zValidator } from "@hono/zod-validator";
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { counsellors } from "../../db/schema.ts";
import { renderPage } from "../../views/page.tsx";
import { LoginPage } from "../../views/pages/login.tsx";
import { PasswordPage } from "../../views/pages/password.tsx";
import { SetupPage } from "../../views/pages/setup.tsx";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { equalConstantTime } from "../security/crypto.ts";
import { clearAttempts, countAttempt } from "../security/rate-limit.ts";
import { clientAddress } from "../security/request.ts";
import { email, fieldErrors, newPassword, personName } from "../validation.ts";
import { countCounsellors, createCounsellor, EmailTakenError, setPassword } from "./counsellors.ts";
import { requireCounsellor } from "./guard.ts";
import { DUMMY_HASH, verifyPassword } from "./passwords.ts";
import { endSession, startSession } from "./sessions.ts";

const PER_EMAIL = { purpose: "login-email", max: 5, windowMs: 15 * 60_000 };
const PER_ADDRESS = { purpose: "login-address", max: 30, windowMs: 15 * 60_000 };

const loginForm = z.object({
  email: z.string().max(300).default(""),
  password: z.string().max(300).default(""),
});

const setupForm = z.object({ name: personName, email, password: newPassword });

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

authRoutes.get("/login", (c) =>
  renderPage(c, <LoginPage t={c.get("t")} />, { title: c.get("t")("login.title") }),
);

authRoutes.post("/login", zValidator("form", loginForm), async (c) => {
  const t = c.get("t");
  const deps = c.get("deps");
  const { db, now } = deps;
  const form = c.req.valid("form");
  const address = email.safeParse(form.email).data ?? form.email.trim().toLowerCase();
  const page = (message: string, status: 401 | 429) =>
    renderPage(c, <LoginPage t={t} email={form.email} message={message} />, {
      title: t("login.title"),
      status,
    });

  const byEmail = await countAttempt(deps, PER_EMAIL, address, now());
  const byAddress = await countAttempt(deps, PER_ADDRESS, clientAddress(c), now());
  if (!byEmail.allowed || !byAddress.allowed) {
    const seconds = Math.max(
      byEmail.allowed ? 0 : byEmail.retryAfterSeconds,
      byAddress.allowed ? 0 : byAddress.retryAfterSeconds,
    );
    c.header("Retry-After", String(seconds));
    return page(t("login.limited", { minutes: Math.ceil(seconds / 60) }), 429);
  }

  const [counsellor] = await db
    .select()
    .from(counsellors)
    .where(eq(counsellors.email, address))
    .limit(1);
  // Verify against a dummy hash when there is no such account, so timing tells nothing.
  const valid = await verifyPassword(form.password, counsellor?.passwordHash ?? DUMMY_HASH);
  if (!counsellor || !valid || !counsellor.active) return page(t("login.failed"), 401);

  await clearAttempts(deps, PER_EMAIL, address);
  await startSession(c, counsellor.id);
  return c.redirect(counsellor.mustChangePassword ? "/account/password" : "/dashboard", 303);
});

authRoutes.post("/logout", async (c) => {
  await endSession(c);
  return c.redirect("/login", 303);
});

/** The setup token check: only while no counsellor exists, only with the right token. */
async function setupAllowed(c: Parameters<typeof renderPage>[0]) {
  const expected = c.get("deps").setupToken;
  const given = c.req.query("token") ?? "";
  if (!expected || !equalConstantTime(given, expected)) return "invalid" as const;
  if ((await countCounsellors(c.get("deps").db)) > 0) return "done" as const;
  return "ok" as const;
}

function setupRefused(c: Parameters<typeof renderPage>[0], state: "invalid" | "done") {
  const t = c.get("t");
  if (state === "done") return c.redirect("/login", 303);
  return renderPage(c, <p class="notice error">{t("setup.invalidToken")}</p>, {
    title: t("setup.title"),
    status: 403,
  });
}

authRoutes.get("/setup", async (c) => {
  const state = await setupAllowed(c);
  if (state !== "ok") return setupRefused(c, state);
  return renderPage(c, <SetupPage t={c.get("t")} token={c.req.query("token") ?? ""} />, {
    title: c.get("t")("setup.title"),
  });
});

authRoutes.post("/setup", async (c) => {
  const state = await setupAllowed(c);
  if (state !== "ok") return setupRefused(c, state);
  const t = c.get("t");
  const body = await c.req.parseBody();
  const values = { name: String(body.name ?? ""), email: String(body.email ?? "") };
  const parsed = setupForm.safeParse({ ...values, password: String(body.password ?? "") });
  let errors: Record<string, MessageKey> = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    try {
      const id = await createCounsellor(c.get("deps").db, { ...parsed.data, role: "admin" });
      await startSession(c, id);
      return c.redirect("/dashboard", 303);
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
      errors = { email: "form.email.taken" };
    }
  }
  return renderPage(
    c,
    <SetupPage t={t} token={c.req.query("token") ?? ""} values={values} errors={errors} />,
    {
      title: t("setup.title"),
      status: 422,
    },
  );
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

authRoutes.post("/account/password", async (c) => {
  const t = c.get("t");
  const counsellor = c.get("counsellor");
  const body = await c.req.parseBody();
  const parsed = passwordForm.safeParse({
    current: String(body.current ?? ""),
    password: String(body.password ?? ""),
    repeat: String(body.repeat ?? ""),
  });
  const errors: Record<string, MessageKey> = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success && !(await verifyPassword(parsed.data.current, counsellor.passwordHash))) {
    errors.current = "form.password.wrongCurrent";
  }
  if (!parsed.success || Object.keys(errors).length > 0) {
    return renderPage(
      c,
      <PasswordPage t={t} mustChange={counsellor.mustChangePassword} errors={errors} />,
      {
        title: t("password.title"),
        status: 422,
      },
    );
  }
  await setPassword(c.get("deps").db, counsellor.id, parsed.data.password, false);
  return c.redirect("/account/password?done=1", 303);
});
