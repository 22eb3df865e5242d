import type { Translate } from "../../src/i18n/index.ts";
import type { OperatorDetails } from "../model.ts";
import { OperatorBlock } from "./info.tsx";

/** The imprint, from the operator's configuration; readable without signing in. */
export function ImprintPage({ t, operator }: { t: Translate; operator: OperatorDetails }) {
  const complete = operator.name && operator.address && operator.contact;
  return (
    <>
      <h1>{t("imprint.title")}</h1>
      {complete ? null : <p class="notice">{t("imprint.missing")}</p>}
      <h2>{t("imprint.provider")}</h2>
      <OperatorBlock t={t} operator={operator} />
      {operator.representative ? (
        <p>{t("imprint.representative", { name: operator.representative })}</p>
      ) : null}
      {operator.register ? <p>{t("imprint.register", { entry: operator.register })}</p> : null}
      <p>
        <a href="/info#privacy">{t("info.privacyTitle")}</a>
      </p>
    </>
  );
}
