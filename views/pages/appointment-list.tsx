import type { Appointment } from "../../src/appointments/status.ts";
import type { Lang, Translate } from "../../src/i18n/index.ts";
import { formatShortDate, formatTime } from "../../src/time.ts";
import { AppointmentStatus } from "../partials/appointment-status.tsx";

export function AppointmentList(props: {
  t: Translate;
  lang: Lang;
  heading: string;
  appointments: Appointment[];
  now: Date;
  timeZone: string;
}) {
  const { t, lang, timeZone } = props;
  return (
    <>
      <h1>{props.heading}</h1>
      {props.appointments.length === 0 ? (
        <p>{t("appt.none")}</p>
      ) : (
        <ul class="appointments">
          {props.appointments.map((a) => (
            <li>
              <a href={`/appointments/${a.id}`}>
                {formatShortDate(a.startsAt, timeZone, lang)}{" "}
                {formatTime(a.startsAt, timeZone, lang)} · {a.clientName}
              </a>{" "}
              <AppointmentStatus
                t={t}
                lang={lang}
                appointment={a}
                now={props.now}
                timeZone={timeZone}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
