import type { Translate } from "../../src/i18n/index.ts";
import type { Counsellor } from "../model.ts";

/** The counsellor's navigation with the sign-out form. */
export function CounsellorNav({ t, counsellor }: { t: Translate; counsellor: Counsellor }) {
  return (
    <nav class="counsellor-nav" aria-label={t("nav.dashboard")}>
      <a href="/dashboard">{t("nav.dashboard")}</a>
      <a href="/appointments/new">{t("nav.newAppointment")}</a>
      <a href="/appointments?range=upcoming">{t("nav.upcoming")}</a>
      <a href="/appointments?range=past">{t("nav.past")}</a>
      {counsellor.role === "admin" ? <a href="/admin/counsellors">{t("nav.counsellors")}</a> : null}
      <a href="/account/password">{t("nav.password")}</a>
      <form method="post" action="/logout" class="inline">
        <button type="submit" class="link">
          {t("logout.submit")} ({counsellor.name})
        </button>
      </form>
    </nav>
  );
}
