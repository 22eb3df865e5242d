import type { Lang, MessageKey, Translate } from "../../src/i18n/index.ts";
import { Field, Notice } from "./form.tsx";

/** The form's values as typed (or the defaults), and what went wrong. */
export interface EmailInvitationForm {
  values: { to?: string; reminders?: string; lang?: string };
  errors?: Record<string, MessageKey> | undefined;
  /** The mail server did not take the invitation (`mail.unreachable`, `mail.refused`). */
  failure?: MessageKey | undefined;
}

const REMINDERS = [
  ["both", "mail.reminders.both"],
  ["hour", "mail.reminders.hour"],
  ["none", "mail.reminders.none"],
] as const;

/**
 * Sending the invitation by e-mail, with reminders: the form where the server
 * can send mail, a plain sentence where it cannot (Workers, no SMTP settings).
 */
export function EmailInvitation(props: {
  t: Translate;
  appointmentId: string;
  configured: boolean;
  inviteLang: Lang;
  form?: EmailInvitationForm | undefined;
  /** The confirmation after sending, or after stopping the reminders. */
  notice?: string | undefined;
  /** Reminders still to go out: the address and which. */
  pending?: { address: string; when: "both" | "day" | "hour" } | undefined;
}) {
  const { t, form } = props;
  const values = form?.values ?? {};
  const errors = form?.errors ?? {};
  const reminders = values.reminders ?? "both";
  const lang = values.lang ?? props.inviteLang;
  return (
    <section aria-labelledby="email-invitation" class="email-invitation">
      <h2 id="email-invitation">{t("mail.title")}</h2>
      {props.configured ? null : <p class="hint">{t("mail.notConfigured")}</p>}
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      {props.pending ? (
        <form
          method="post"
          action={`/appointments/${props.appointmentId}/email-reminders/stop#email-invitation`}
          class="stack"
        >
          <p>
            {t("mail.pending", {
              address: props.pending.address,
              when: t(`mail.pending.${props.pending.when}`),
            })}
          </p>
          <button type="submit" class="button">
            {t("mail.stop")}
          </button>
        </form>
      ) : null}
      {props.configured ? (
        <form
          method="post"
          // The answer (the form again, or the redirect after sending) opens at this section.
          action={`/appointments/${props.appointmentId}/email-invitation#email-invitation`}
          class="stack"
        >
          <p class="hint">{t("mail.hint")}</p>
          {form?.failure ? <Notice kind="error">{t(form.failure)}</Notice> : null}
          <Field
            t={t}
            name="to"
            type="email"
            label={t("mail.to")}
            value={values.to}
            error={errors.to}
            required
            autocomplete="off"
            maxlength={200}
          />
          <div class={errors.reminders ? "field invalid" : "field"}>
            <label for="field-reminders">{t("mail.reminders")}</label>
            {errors.reminders ? <p class="error">{t(errors.reminders)}</p> : null}
            <select id="field-reminders" name="reminders">
              {REMINDERS.map(([value, label]) => (
                <option value={value} selected={value === reminders}>
                  {t(label)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="field-mail-lang">{t("mail.language")}</label>
            <select id="field-mail-lang" name="lang">
              <option value="de" lang="de" selected={lang === "de"}>
                Deutsch
              </option>
              <option value="en" lang="en" selected={lang === "en"}>
                English
              </option>
            </select>
          </div>
          <button type="submit" class="button">
            {t("mail.send")}
          </button>
        </form>
      ) : null}
    </section>
  );
}
