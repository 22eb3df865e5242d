import type { Translate } from "../../src/i18n/index.ts";

/** "Sitzung beenden" above the counsellor's call. */
export function EndSession(props: { t: Translate; appointmentId: string }) {
  return (
    <form method="post" action={`/appointments/${props.appointmentId}/end`} class="end-session">
      <button type="submit" class="button danger">
        {props.t("appt.end")}
      </button>
    </form>
  );
}
