import type { Lang, MessageKey, Translate } from "../../src/i18n/index.ts";
import { formatDate, formatTime } from "../../src/time.ts";
import type { Appointment, AppointmentFacts } from "../model.ts";
import {
  AppointmentStatus,
  ClientMessage,
  DeviceCheckLine,
} from "../partials/appointment-status.tsx";
import { EndSession } from "../partials/end-session.tsx";
import { Notice } from "../partials/form.tsx";

/** One appointment for its counsellor: facts, actions, and (as children) the invitation. */
export function AppointmentPage(props: {
  t: Translate;
  lang: Lang;
  appointment: Appointment;
  facts: AppointmentFacts;
  now: Date;
  timeZone: string;
  notice?: string | undefined;
  messageError?: MessageKey | undefined;
  /** Another device's request to join (`KnockNotice`), shown at the top. */
  knock?: unknown;
  children?: unknown;
}) {
  const { t, lang, appointment: a, now, timeZone } = props;
  const status = props.facts.status;
  const base = `/appointments/${a.id}`;
  return (
    <>
      <h1>{t("appt.title", { name: a.clientName })}</h1>
      {props.notice ? <Notice kind="info">{props.notice}</Notice> : null}
      {props.knock}
      <dl class="facts">
        <dt>{t("appt.date")}</dt>
        <dd>
          {t("appt.when", {
            date: formatDate(a.startsAt, timeZone, lang),
            time: formatTime(a.startsAt, timeZone, lang),
            minutes: a.durationMinutes,
          })}
        </dd>
        <dt>{t("appt.status")}</dt>
        <dd>
          <AppointmentStatus
            t={t}
            lang={lang}
            appointment={a}
            facts={props.facts}
            timeZone={timeZone}
          />
          {a.givenName ? (
            <span class="typed-name"> · {t("appt.typedName", { name: a.givenName })}</span>
          ) : null}
        </dd>
        <dt>{t("nav.check")}</dt>
        <dd>
          <DeviceCheckLine t={t} lang={lang} appointment={a} facts={props.facts} now={now} />
        </dd>
        {a.note ? (
          <>
            <dt>{t("appt.noteLabel")}</dt>
            <dd class="note">{a.note}</dd>
          </>
        ) : null}
      </dl>
      <p class="deletion">
        {t("appt.deletion", { date: formatDate(props.facts.deletionDate, timeZone, lang) })}
      </p>
      {props.facts.open ? (
        <div class="actions">
          {status === "inSession" ? (
            <a class="button primary" href={`${base}/call`}>
              {t("appt.rejoin")}
            </a>
          ) : (
            <form method="post" action={`${base}/start`} class="inline">
              <button type="submit" class="button primary">
                {t("appt.start")}
              </button>
            </form>
          )}
          {status === "waiting" || status === "away" ? (
            <form method="post" action={`${base}/turn-away`} class="inline">
              <button type="submit" class="button" aria-describedby="turn-away-hint">
                {t("appt.turnAway")}
              </button>
            </form>
          ) : null}
          {status === "inSession" || status === "waiting" ? (
            <EndSession t={t} action={`${base}/end`} />
          ) : null}
          <a class="button" href={`${base}/edit`}>
            {t("appt.edit")}
          </a>
          <form method="post" action={`${base}/cancel`} class="inline">
            <button type="submit" class="button danger">
              {t("appt.cancel")}
            </button>
          </form>
          {status === "waiting" || status === "away" ? (
            <p class="hint" id="turn-away-hint">
              {t("appt.turnAwayHint")}
            </p>
          ) : null}
        </div>
      ) : (
        <Notice kind="info">{a.cancelledAt ? t("appt.cancelled") : t("appt.notOpen")}</Notice>
      )}
      <ClientMessage t={t} lang={lang} appointment={a} timeZone={timeZone} />
      {props.facts.open ? (
        <form method="post" action={`${base}/message`} class="stack message-form">
          <div class={props.messageError ? "field invalid" : "field"}>
            <label for="field-message">{t("appt.message")}</label>
            <p class="hint" id="field-message-hint">
              {t("appt.messageHint")}
            </p>
            {props.messageError ? <p class="error">{t(props.messageError)}</p> : null}
            <input
              id="field-message"
              name="message"
              maxlength={200}
              value={a.counsellorMessage ?? ""}
              aria-describedby="field-message-hint"
            />
          </div>
          <button type="submit" class="button">
            {t("appt.messageSend")}
          </button>
        </form>
      ) : null}
      {props.children}
      {props.facts.open ? (
        <form method="post" action={`${base}/code`} class="stack">
          <p class="hint">{t("appt.newCodeHint")}</p>
          <button type="submit" class="button">
            {t("appt.newCode")}
          </button>
        </form>
      ) : null}
    </>
  );
}
