/**
 * @module
 * `/setup`: the first counsellor account, an administrator, created in the
 * browser with the set-up token while no counsellor exists.
 */
import { Hono } from "hono";
import { z } from "zod";
import { renderPage } from "../../views/page.tsx";
import { SetupPage } from "../../views/pages/setup.tsx";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { equalConstantTime } from "../security/crypto.ts";
import { email, fieldErrors, newPassword, personName } from "../validation.ts";
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
  return renderPage(c, <p class="notice error">{t("setup.invalidToken")}</p>, {
    title: t("setup.title"),
    status: 403,
  });
}

setupRoutes.get("/setup", async (c) => {
  const state = await setupAllowed(c);
  if (state !== "ok") return setupRefused(c, state);
  return renderPage(c, <SetupPage t={c.get("t")} token={c.req.query("token") ?? ""} />, {
    title: c.get("t")("setup.title"),
  });
});

setupRoutes.post("/setup", async (c) => {
  const state = await setupAllowed(c);
  if (state !== "ok") return setupRefused(c, state);
  const t = c.get("t");
  const body = await c.req.parseBody();
  const values = { name: String(body.name ?? ""), email: String(body.email ?? "") };
  const parsed = setupForm.safeParse({ ...values, password: String(body.password ?? "") });
  let errors: Record<string, MessageKey> = parsed.success ? {} : fieldErrors(parsed.error);
  if (parsed.success) {
    try {
      const { db, passwords } = c.get("deps");
      const id = await createCounsellor(db, { ...parsed.data, role: "admin" }, passwords);
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
