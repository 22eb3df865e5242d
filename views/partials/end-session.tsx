import type { Translate } from "../../src/i18n/index.ts";

/**
 * "Sitzung beenden", which asks once: the first click opens the confirmation
 * (no script needed), the second ends the session for both.
 */
export function EndSession(props: { t: Translate; action: string }) {
  const { t } = props;
  return (
    <details class="end-session">
      <summary class="button danger">{t("appt.end")}</summary>
      <form method="post" action={props.action}>
        <p>{t("call.endConfirm")}</p>
        <button type="submit" class="button danger">
          {t("call.endYes")}
        </button>
      </form>
    </details>
  );
}
