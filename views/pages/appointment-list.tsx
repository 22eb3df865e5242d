import type { Lang, Translate } from "../../src/i18n/index.ts";
import { formatShortDate, formatTime } from "../../src/time.ts";
import type { Appointment, AppointmentFacts } from "../model.ts";
import { AppointmentStatus } from "../partials/appointment-status.tsx";

export function AppointmentList(props: {
  t: Translate;
  lang: Lang;
  heading: string;
  appointments: { appointment: Appointment; facts: AppointmentFacts }[];
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
          {props.appointments.map(({ appointment: a, facts }) => (
            <li>
              <a href={`/appointments/${a.id}`}>
                {formatShortDate(a.startsAt, timeZone, lang)}{" "}
                {formatTime(a.startsAt, timeZone, lang)} · {a.clientName}
              </a>{" "}
              <AppointmentStatus
                t={t}
                lang={lang}
                appointment={a}
                facts={facts}
                timeZone={timeZone}
              />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
