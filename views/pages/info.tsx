import type { Translate } from "../../src/i18n/index.ts";
import type { OperatorDetails } from "../model.ts";
import { Steps } from "../partials/steps.tsx";
import { Tips } from "../partials/tips.tsx";

/**
 * Data protection, technology and tips, readable without signing in; the
 * retention period is the configured one.
 */
/** The controller's name, address and contact, or a clear note that they are missing. */
export function OperatorBlock({ t, operator }: { t: Translate; operator: OperatorDetails }) {
  if (!operator.name && !operator.address && !operator.contact) {
    return <p class="notice">{t("legal.missing")}</p>;
  }
  return (
    <address class="operator">
      {operator.name ? <strong>{operator.name}</strong> : null}
      {operator.address ? <span>{operator.address}</span> : null}
      {operator.contact ? <span>{t("legal.contact", { contact: operator.contact })}</span> : null}
    </address>
  );
}

export function InfoPage({
  t,
  retentionDays,
  historyDays,
  operator,
}: {
  t: Translate;
  operator: OperatorDetails;
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
        <h3 id="controller">{t("legal.controllerTitle")}</h3>
        <p>{t("legal.controllerText")}</p>
        <OperatorBlock t={t} operator={operator} />
        {operator.dpo ? (
          <>
            <h3>{t("legal.dpoTitle")}</h3>
            <p>{t("legal.dpoText", { dpo: operator.dpo })}</p>
          </>
        ) : null}
        <h3>{t("legal.basisTitle")}</h3>
        <p>{t("legal.basis")}</p>
        <h3 id="rights">{t("legal.rightsTitle")}</h3>
        <ul>
          <li>{t("legal.rights1")}</li>
          <li>{t("legal.rights2")}</li>
          <li>{t("legal.rights3")}</li>
          <li>{t("legal.rights4")}</li>
          <li>
            {t("legal.rights5", { authority: operator.authority ?? t("legal.authorityDefault") })}
          </li>
        </ul>
        <p>{t("legal.rightsHow")}</p>
        <h3 id="processors">{t("legal.processorsTitle")}</h3>
        <ul>
          <li>{t("legal.hosting", { name: operator.hosting ?? t("legal.selfHosted") })}</li>
          {operator.turn ? <li>{t("legal.turn", { name: operator.turn })}</li> : null}
        </ul>
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
