/**
 * @module
 * `/setup`: the first counsellor account, an administrator, created in the
 * browser with the set-up token while no counsellor exists.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { renderPage } from "../../views/page.tsx";
import { SetupPage, SetupRefused } from "../../views/pages/setup.tsx";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { equalConstantTime } from "../security/crypto.ts";
import { email, type FormValues, newPassword, personName, validForm } from "../validation.ts";
import { countCounsellors, createCounsellor, EmailTakenError } from "./counsellors.ts";
import { startSession } from "./sessions.ts";

const setupForm = z.object({ name: personName, email, password: newPassword });

export const setupRoutes = new Hono<AppEnv>();

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
  return renderPage(c, <SetupRefused t={t} />, {
    title: t("setup.title"),
    status: 403,
  });
}

// Only while no counsellor exists and only with the right token, before anything is read.
setupRoutes.use("/setup", async (c, next) => {
  const state = await setupAllowed(c);
  if (state !== "ok") return setupRefused(c, state);
  await next();
});

setupRoutes.get("/setup", (c) =>
  renderPage(c, <SetupPage t={c.get("t")} token={c.req.query("token") ?? ""} />, {
    title: c.get("t")("setup.title"),
  }),
);

/** The form again, with what was typed (never the password). */
const setupPage = (c: Context<AppEnv>, typed: FormValues, errors: Record<string, MessageKey>) =>
  renderPage(
    c,
    <SetupPage
      t={c.get("t")}
      token={c.req.query("token") ?? ""}
      values={{ name: typed.name ?? "", email: typed.email ?? "" }}
      errors={errors}
    />,
    { title: c.get("t")("setup.title"), status: 422 },
  );

setupRoutes.post(
  "/setup",
  validForm(setupForm, (c, { values, errors }) => setupPage(c, values, errors)),
  async (c) => {
    const form = c.req.valid("form");
    try {
      const { db, passwords } = c.get("deps");
      const id = await createCounsellor(db, { ...form, role: "admin" }, passwords);
      await startSession(c, id);
      return c.redirect("/dashboard", 303);
    } catch (error) {
      if (!(error instanceof EmailTakenError)) throw error;
      return setupPage(c, form, { email: "form.email.taken" });
    }
  },
);
