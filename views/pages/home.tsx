import type { Translate } from "../../src/i18n/index.ts";

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
      <section aria-labelledby="steps">
        <h2 id="steps">{t("home.stepsTitle")}</h2>
        <ol class="steps">
          <li>{t("home.step1")}</li>
          <li>{t("home.step2")}</li>
          <li>{t("home.step3")}</li>
          <li>{t("home.step4")}</li>
          <li>{t("home.step5")}</li>
        </ol>
      </section>
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
