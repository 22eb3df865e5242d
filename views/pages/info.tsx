import type { Translate } from "../../src/i18n/index.ts";
import { Steps } from "../partials/steps.tsx";
import { Tips } from "../partials/tips.tsx";

/**
 * Data protection, technology and tips, readable without signing in; the
 * retention period is the configured one.
 */
export function InfoPage({
  t,
  retentionDays,
  historyDays,
}: {
  t: Translate;
  retentionDays: number;
  /** Days the database keeps deleted rows restorable; 0 where nothing does. */
  historyDays: number;
}) {
  return (
    <>
      <h1>{t("info.title")}</h1>
      <p class="lead">{t("info.lead")}</p>
      <Steps t={t} title={t("info.stepsTitle")} />
      <section aria-labelledby="need">
        <h2 id="need">{t("info.needTitle")}</h2>
        <ul>
          <li>{t("info.need1")}</li>
          <li>{t("info.need2")}</li>
          <li>{t("info.need3")}</li>
          <li>{t("info.need4")}</li>
        </ul>
        <p>
          <a href="/check">{t("info.checkCta")}</a>
        </p>
      </section>
      <section aria-labelledby="tips">
        <h2 id="tips">{t("info.tipsTitle")}</h2>
        <Tips t={t} />
      </section>
      <section aria-labelledby="privacy">
        <h2 id="privacy">{t("info.privacyTitle")}</h2>
        <p>{t("info.p2p")}</p>
        <p>{t("info.e2e")}</p>
        <h3>{t("info.storedTitle")}</h3>
        <ul>
          <li>{t("info.stored1")}</li>
          <li>{t("info.stored2")}</li>
          <li>{t("info.stored3")}</li>
          <li>{t("info.stored4")}</li>
        </ul>
        <p id="retention">
          {t("info.deleted", { days: retentionDays })}
          {historyDays > 0 &&
            ` ${t("info.history", { days: historyDays, total: retentionDays + historyDays })}`}
        </p>
        <p>{t("info.noRecording")}</p>
        <p>{t("info.noTracking")}</p>
        <p>{t("info.confidential")}</p>
      </section>
      <section aria-labelledby="terms">
        <h2 id="terms">{t("info.termsTitle")}</h2>
        <p>{t("info.terms")}</p>
      </section>
      <p>
        <a class="button primary" href="/join">
          {t("info.joinCta")}
        </a>
      </p>
    </>
  );
}
