/**
 * @module
 * Account administration for admins: add counsellors (with a temporary
 * password shown once), deactivate (which ends their sessions at once),
 * reactivate, and reset passwords.
 */
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { z } from "zod";
import { counsellors } from "../../db/schema.ts";
import { renderPage } from "../../views/page.tsx";
import { AdminCounsellorsPage } from "../../views/pages/admin-counsellors.tsx";
import { CounsellorNav } from "../../views/partials/counsellor-nav.tsx";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { email, personName, validForm } from "../validation.ts";
import {
  createCounsellor,
  EmailTakenError,
  listCounsellors,
  setPassword,
  temporaryPassword,
} from "./counsellors.ts";
import { requireAdmin, requireCounsellor } from "./guard.ts";
import { endAllSessions } from "./sessions.ts";

const addForm = z.object({
  name: personName,
  email,
  role: z.enum(["counsellor", "admin"]).catch("counsellor"),
});

export const adminRoutes = new Hono<AppEnv>();
adminRoutes.use("/admin/*", requireCounsellor, requireAdmin);

async function page(
  c: Context<AppEnv>,
  extra: {
    notice?: string;
    errors?: Record<string, MessageKey>;
    values?: { name?: string; email?: string };
    status?: 200 | 422;
  } = {},
) {
  const t = c.get("t");
  const all = await listCounsellors(c.get("deps").db);
  return renderPage(
    c,
    <>
      <CounsellorNav t={t} counsellor={c.get("counsellor")} />
      <AdminCounsellorsPage
        t={t}
        self={c.get("counsellor")}
        counsellors={all}
        notice={extra.notice}
        errors={extra.errors}
        values={extra.values}
      />
    </>,
    { title: t("admin.title"), status: extra.status ?? 200 },
  );
}

adminRoutes.get("/admin/counsellors", (c) => page(c));

const validAdd = validForm(addForm, (c, { errors, values }) =>
  page(c, { errors, values, status: 422 }),
);

adminRoutes.post("/admin/counsellors", validAdd, async (c) => {
  const t = c.get("t");
  const form = c.req.valid("form");
  const password = temporaryPassword();
  try {
    const { db, passwords } = c.get("deps");
    await createCounsellor(db, { ...form, password, mustChangePassword: true }, passwords);
  } catch (error) {
    if (!(error instanceof EmailTakenError)) throw error;
    return page(c, { errors: { email: "form.email.taken" }, values: form, status: 422 });
  }
  return page(c, {
    notice: `${t("admin.added", { name: form.name })} ${t("admin.temporaryPassword", { name: form.name, password })}`,
  });
});

async function target(c: Context<AppEnv, "/admin/counsellors/:id/:action">) {
  const [row] = await c
    .get("deps")
    .db.select()
    .from(counsellors)
    .where(eq(counsellors.id, c.req.param("id")))
    .limit(1);
  return row;
}

adminRoutes.post("/admin/counsellors/:id/:action", async (c) => {
  const t = c.get("t");
  const { db, passwords } = c.get("deps");
  const row = await target(c);
  const action = c.req.param("action");
  if (!row || !["deactivate", "activate", "reset"].includes(action)) return c.notFound();
  if (action === "reset") {
    const password = temporaryPassword();
    await setPassword(db, row.id, password, true, passwords);
    await endAllSessions(c, row.id);
    return page(c, { notice: t("admin.temporaryPassword", { name: row.name, password }) });
  }
  if (row.id === c.get("counsellor").id)
    return page(c, { notice: t("admin.notSelf"), status: 422 });
  await db
    .update(counsellors)
    .set({ active: action === "activate" })
    .where(eq(counsellors.id, row.id));
  if (action === "deactivate") await endAllSessions(c, row.id);
  return c.redirect("/admin/counsellors", 303);
});
