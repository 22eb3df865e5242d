import type { Translate } from "../../src/i18n/index.ts";
import { Field, Notice } from "../partials/form.tsx";

export function LoginPage(props: { t: Translate; email?: string; message?: string }) {
  const { t } = props;
  return (
    <>
      <h1>{t("login.title")}</h1>
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      <form method="post" action="/login" class="stack">
        <Field
          t={t}
          name="email"
          type="email"
          label={t("login.email")}
          value={props.email}
          required
          autocomplete="username"
        />
        <Field
          t={t}
          name="password"
          type="password"
          label={t("login.password")}
          required
          autocomplete="current-password"
        />
        <button type="submit" class="button primary">
          {t("login.submit")}
        </button>
      </form>
      <p>
        {t("login.clientHint")} <a href="/join">{t("nav.join")}</a>
      </p>
    </>
  );
}
