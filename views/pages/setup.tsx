import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { Field, Notice } from "../partials/form.tsx";

export function SetupPage(props: {
  t: Translate;
  token: string;
  values?: { name?: string; email?: string };
  errors?: Record<string, MessageKey>;
}) {
  const { t, errors = {}, values = {} } = props;
  return (
    <>
      <h1>{t("setup.title")}</h1>
      <p>{t("setup.lead")}</p>
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t("form.fixErrors")}</Notice> : null}
      <form method="post" action={`/setup?token=${encodeURIComponent(props.token)}`} class="stack">
        <Field
          t={t}
          name="name"
          label={t("setup.name")}
          value={values.name}
          error={errors.name}
          required
          maxlength={80}
          autocomplete="name"
        />
        <Field
          t={t}
          name="email"
          type="email"
          label={t("login.email")}
          value={values.email}
          error={errors.email}
          required
          autocomplete="username"
        />
        <Field
          t={t}
          name="password"
          type="password"
          label={t("password.new")}
          error={errors.password}
          required
          autocomplete="new-password"
        />
        <button type="submit" class="button primary">
          {t("setup.submit")}
        </button>
      </form>
    </>
  );
}

/** The set-up link is wrong or used up. */
export function SetupRefused({ t }: { t: Translate }) {
  return <p class="notice error">{t("setup.invalidToken")}</p>;
}
