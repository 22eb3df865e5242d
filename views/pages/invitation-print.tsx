import type { Translate } from "../../src/i18n/index.ts";

/** The invitation alone, for printing (`/appointments/:id/print`). */
export function InvitationPrintPage(props: {
  t: Translate;
  appointmentId: string;
  lang: string;
  text: string;
}) {
  const { t } = props;
  return (
    <>
      <h1 class="print-title">{t("invite.title")}</h1>
      <pre class="invitation-print" lang={props.lang}>
        {props.text}
      </pre>
      <p class="no-print">
        <a href={`/appointments/${props.appointmentId}`}>{t("appt.open")}</a>
      </p>
    </>
  );
}
