import type { Lang, Translate } from "../../src/i18n/index.ts";

/** The ready-to-send invitation: selectable text, copy, print, mail and calendar file. */
export function Invitation(props: {
  t: Translate;
  appointmentId: string;
  inviteLang: Lang;
  code: string;
  /** The code as it is read out: in groups of four. */
  formattedCode: string;
  text: string;
  mailto: string;
}) {
  const { t, appointmentId, inviteLang } = props;
  const base = `/appointments/${appointmentId}`;
  return (
    <section aria-labelledby="invitation" class="invitation">
      <h2 id="invitation">{t("invite.title")}</h2>
      <p class="code-line">
        {t("appt.code")}:{" "}
        <strong class="code" data-dial-in-code={props.code}>
          {props.formattedCode}
        </strong>
      </p>
      <p>
        {t("invite.language")}:{" "}
        <a
          href={`${base}?invite=de`}
          aria-current={inviteLang === "de" ? "true" : undefined}
          lang="de"
        >
          Deutsch
        </a>{" "}
        ·{" "}
        <a
          href={`${base}?invite=en`}
          aria-current={inviteLang === "en" ? "true" : undefined}
          lang="en"
        >
          English
        </a>
      </p>
      <label for="invitation-text" class="visually-hidden">
        {t("invite.title")}
      </label>
      <textarea id="invitation-text" class="invitation-text" readonly rows={16} lang={inviteLang}>
        {props.text}
      </textarea>
      <p class="hint">{t("invite.copyHint")}</p>
      <div class="actions">
        <button
          type="button"
          class="button"
          data-copy-target="invitation-text"
          data-copied-text={t("invite.copied")}
          hidden
        >
          {t("invite.copy")}
        </button>
        <a class="button" href={`${base}/print?invite=${inviteLang}`}>
          {t("invite.print")}
        </a>
        <a class="button" href={props.mailto}>
          {t("invite.mail")}
        </a>
        <a
          class="button"
          href={`${base}/invitation.ics?invite=${inviteLang}`}
          download="videosprechstunde.ics"
        >
          {t("invite.ics")}
        </a>
      </div>
      <p class="copy-status" role="status" aria-live="polite" />
    </section>
  );
}
