import type { Translate } from "../../src/i18n/index.ts";

/** The four tips for a good video conversation (info page and waiting room). */
export function Tips({ t }: { t: Translate }) {
  return (
    <ul class="tips">
      <li>{t("info.tip1")}</li>
      <li>{t("info.tip2")}</li>
      <li>{t("info.tip3")}</li>
      <li>{t("info.tip4")}</li>
    </ul>
  );
}
