import type { Translate } from "../../src/i18n/index.ts";
import { Steps } from "../partials/steps.tsx";

/** The start page: the seed's steps, what you need, and that it stays confidential. */
export function HomePage({ t, retentionDays }: { t: Translate; retentionDays: number }) {
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p class="lead">{t("home.lead")}</p>
      <p>
        <a class="button primary" href="/join">
          {t("home.joinCta")}
        </a>
      </p>
      <Steps t={t} title={t("home.stepsTitle")} />
      <section aria-labelledby="need">
        <h2 id="need">{t("home.needTitle")}</h2>
        <p>{t("home.need")}</p>
        <p>
          <a href="/check">{t("home.checkCta")}</a>
        </p>
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t("home.privacyTitle")}</h2>
        <p>{t("home.privacy", { days: retentionDays })}</p>
        <p>
          <a href="/info">{t("home.infoCta")}</a>
        </p>
      </section>
    </>
  );
}
