import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import { Field, Notice } from "../partials/form.tsx";

export function PasswordPage(props: {
  t: Translate;
  mustChange: boolean;
  done?: boolean;
  errors?: Record<string, MessageKey>;
  /** A refusal for the whole form (too many wrong attempts). */
  message?: string | undefined;
}) {
  const { t, errors = {} } = props;
  return (
    <>
      <h1>{t("password.title")}</h1>
      {props.mustChange ? <Notice kind="info">{t("password.mustChange")}</Notice> : null}
      {props.done ? <Notice kind="info">{t("password.changed")}</Notice> : null}
      {props.message ? <Notice kind="error">{props.message}</Notice> : null}
      {Object.keys(errors).length > 0 ? <Notice kind="error">{t("form.fixErrors")}</Notice> : null}
      <form method="post" action="/account/password" class="stack">
        <Field
          t={t}
          name="current"
          type="password"
          label={t("password.current")}
          error={errors.current}
          required
          autocomplete="current-password"
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
        <Field
          t={t}
          name="repeat"
          type="password"
          label={t("password.repeat")}
          error={errors.repeat}
          required
          autocomplete="new-password"
        />
        <button type="submit" class="button primary">
          {t("password.submit")}
        </button>
      </form>
    </>
  );
}
