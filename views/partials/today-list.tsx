import type { Lang, Translate } from "../../src/i18n/index.ts";
import { formatShortDate, formatTime } from "../../src/time.ts";
import type { Appointment, AppointmentFacts, ParticipantView } from "../model.ts";
import { AppointmentStatus, ClientMessage, DeviceCheckLine } from "./appointment-status.tsx";
import { ParticipantStates } from "./participants.tsx";

/**
 * Today's appointments with their live status, one row each: who (the time, the
 * expected name and the name typed), where they stand (status with its time, the
 * device check), their answer from the waiting room, and at most one action on
 * the right. The dashboard renders it, and `GET /dashboard/today` returns
 * exactly this for htmx, every 5 s. `version` goes back with the next poll, so
 * "nothing changed" is an empty 204.
 */
export function TodayList(props: {
  t: Translate;
  lang: Lang;
  appointments: {
    appointment: Appointment;
    facts: AppointmentFacts;
    /** Further participants with their states. */
    participants: ParticipantView[];
  }[];
  now: Date;
  timeZone: string;
  version: string;
}) {
  const { t, lang, now, timeZone } = props;
  return (
    <div
      id="today"
      hx-get="/dashboard/today"
      hx-trigger="every 5s"
      hx-swap="outerHTML"
      hx-headers={JSON.stringify({ "X-Seen": props.version })}
      data-waiting-title={t("dash.waitingTitle", { count: "{count}" })}
    >
      {props.appointments.length === 0 ? (
        <p>{t("dash.noneToday")}</p>
      ) : (
        <ul class="today">
          {props.appointments.map(({ appointment: a, facts, participants }) => {
            const status = facts.status;
            return (
              <li class={`today-item status-${status}`} data-status={status}>
                <div class="today-facts">
                  <p class="today-who">
                    <span class="time">{formatTime(a.startsAt, timeZone, lang)}</span>{" "}
                    <a href={`/appointments/${a.id}`} class="name">
                      {a.clientName}
                    </a>
                    {a.givenName && status !== "scheduled" ? (
                      <span class="typed-name">
                        {" "}
                        · {t("appt.typedName", { name: a.givenName })}
                      </span>
                    ) : null}
                  </p>
                  <p class="today-state">
                    <AppointmentStatus
                      t={t}
                      lang={lang}
                      appointment={a}
                      facts={facts}
                      timeZone={timeZone}
                    />{" "}
                    <DeviceCheckLine t={t} lang={lang} appointment={a} facts={facts} now={now} />
                  </p>
                  <ParticipantStates t={t} appointmentId={a.id} participants={participants} />
                  {status === "waiting" || status === "away" ? (
                    <ClientMessage t={t} lang={lang} appointment={a} timeZone={timeZone} />
                  ) : null}
                  <p class="deletion-short hint">
                    {t("appt.deletionShort", {
                      date: formatShortDate(facts.deletionDate, timeZone, lang),
                    })}
                  </p>
                </div>
                {status === "waiting" ? (
                  <form method="post" action={`/appointments/${a.id}/start`} class="today-action">
                    <button type="submit" class="button primary">
                      {t("appt.start")}
                    </button>
                  </form>
                ) : null}
                {status === "inSession" ? (
                  <a class="button today-action" href={`/appointments/${a.id}/call`}>
                    {t("appt.rejoin")}
                  </a>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
