import type { Child } from "hono/jsx";
import type { Translate } from "../../src/i18n/index.ts";

/**
 * The counsellor's day: today's list (`TodayList`, polled by htmx), the
 * chime and notification options, and the way to a new appointment.
 */
export function DashboardPage(props: { t: Translate; today: string; list: Child }) {
  const { t } = props;
  return (
    <>
      <h1>{t("dash.title")}</h1>
      <div class="dash-options" hidden>
        <label>
          <input type="checkbox" id="chime" /> {t("dash.chime")}
        </label>
        <button type="button" class="button" id="notify">
          {t("dash.notify")}
        </button>
        <p class="hint">{t("dash.quietInSession")}</p>
      </div>
      <section aria-labelledby="today-heading" aria-live="polite">
        <h2 id="today-heading">{t("dash.today", { date: props.today })}</h2>
        {props.list}
      </section>
      <p>
        <a class="button primary" href="/appointments/new">
          {t("nav.newAppointment")}
        </a>
      </p>
    </>
  );
}
