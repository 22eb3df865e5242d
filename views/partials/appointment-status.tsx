import type { Lang, Translate } from "../../src/i18n/index.ts";
import { formatTime } from "../../src/time.ts";
import type { Appointment, AppointmentFacts } from "../model.ts";

/** The status in words; the dashboard and the appointment page show the same thing. */
export function AppointmentStatus(props: {
  t: Translate;
  lang: Lang;
  appointment: Appointment;
  facts: AppointmentFacts;
  timeZone: string;
}) {
  const { t, appointment } = props;
  const status = props.facts.status;
  const at = (date: Date) => formatTime(date, props.timeZone, props.lang);
  const text =
    status === "waiting" && appointment.checkedInAt
      ? t("appt.status.waiting", { time: at(appointment.checkedInAt) })
      : status === "away"
        ? t("appt.status.away", { time: at(props.facts.lastSeenAt) })
        : t(`appt.status.${status}`);
  return (
    <span class={`status status-${status}`} data-status={status}>
      {text}
    </span>
  );
}

/** "vor 2 Tagen" / "2 days ago". */
export function relativeDays(lang: Lang, then: Date, now: Date): string {
  const days = Math.round((then.getTime() - now.getTime()) / 86_400_000);
  return new Intl.RelativeTimeFormat(lang === "de" ? "de-DE" : "en-GB", { numeric: "auto" }).format(
    days,
    "day",
  );
}

/**
 * The last device check's result and, when it probed the network, which way the
 * connection went ("Verbindung: direkt"), with the stored paths in `data-check-paths`.
 */
export function DeviceCheckLine(props: {
  t: Translate;
  lang: Lang;
  appointment: Appointment;
  facts: AppointmentFacts;
  now: Date;
}) {
  const { t, appointment } = props;
  if (!appointment.deviceCheckAt || !appointment.deviceCheckResult) {
    return <span class="device-check none">{t("appt.deviceCheck.none")}</span>;
  }
  const when = relativeDays(props.lang, appointment.deviceCheckAt, props.now);
  const connection = props.facts.connection;
  return (
    <span class={`device-check ${appointment.deviceCheckResult}`}>
      {t(`appt.deviceCheck.${appointment.deviceCheckResult}`, { when })}
      {connection ? (
        <>
          {" · "}
          <span
            class={`check-paths connection-${connection}`}
            data-check-paths={appointment.deviceCheckPaths ?? ""}
          >
            {t(`appt.checkPaths.${connection}`)}
          </span>
        </>
      ) : null}
    </span>
  );
}

/** The waiting client's answer, as the dashboard and the appointment page show it. */
export function ClientMessage(props: {
  t: Translate;
  lang: Lang;
  appointment: Appointment;
  timeZone: string;
}) {
  const { appointment: a } = props;
  if (!a.clientMessage || !a.clientMessageAt) return null;
  return (
    <p class="client-message" data-client-message>
      {props.t("appt.clientMessage", {
        time: formatTime(a.clientMessageAt, props.timeZone, props.lang),
        message: a.clientMessage,
      })}
    </p>
  );
}
