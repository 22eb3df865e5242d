import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import type { Counsellor } from "../model.ts";
import { Field, Notice } from "../partials/form.tsx";

/** The admin's list of counsellors with add, deactivate/activate and password reset. */
export function AdminCounsellorsPage(props: {
  t: Translate;
  self: Counsellor;
  counsellors: Counsellor[];
  notice?: string | undefined;
  errors?: Record<string, MessageKey>;
  values?: { name?: string; email?: string };
}) {
  const { t, errors = {}, values = {} } = props;
  return (
    <>
      <h1>{t("admin.title")}</h1>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      <table class="counsellors">
        <thead>
          <tr>
            <th scope="col">{t("admin.nameColumn")}</th>
            <th scope="col">{t("login.email")}</th>
            <th scope="col">{t("admin.role")}</th>
            <th scope="col">{t("admin.status")}</th>
            <th scope="col">
              <span class="visually-hidden">{t("admin.title")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.counsellors.map((c) => (
            <tr>
              <td>{c.name}</td>
              <td>{c.email}</td>
              <td>{t(`admin.role.${c.role}`)}</td>
              <td>{c.active ? t("admin.active") : t("admin.inactive")}</td>
              <td class="actions">
                {c.id === props.self.id ? null : (
                  <form
                    method="post"
                    action={`/admin/counsellors/${c.id}/${c.active ? "deactivate" : "activate"}`}
                    class="inline"
                  >
                    <button type="submit" class="button">
                      {c.active ? t("admin.deactivate") : t("admin.activate")}
                    </button>
                  </form>
                )}
                <form method="post" action={`/admin/counsellors/${c.id}/reset`} class="inline">
                  <button type="submit" class="button">
                    {t("admin.reset")}
                  </button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t("admin.add")}</h2>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t("form.fixErrors")}</Notice> : null}
      <form method="post" action="/admin/counsellors" class="stack">
        <Field
          t={t}
          name="name"
          label={t("admin.name")}
          value={values.name}
          error={errors.name}
          required
          maxlength={80}
          autocomplete="off"
        />
        <Field
          t={t}
          name="email"
          type="email"
          label={t("admin.email")}
          value={values.email}
          error={errors.email}
          required
          autocomplete="off"
        />
        <div class="field">
          <label for="field-role">{t("admin.role")}</label>
          <select id="field-role" name="role">
            <option value="counsellor">{t("admin.role.counsellor")}</option>
            <option value="admin">{t("admin.role.admin")}</option>
          </select>
        </div>
        <button type="submit" class="button primary">
          {t("admin.add")}
        </button>
      </form>
    </>
  );
}
