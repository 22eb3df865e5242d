import type { Translate } from "../../src/i18n/index.ts";

/** The seed's five steps to the video consultation, with a heading. */
export function Steps({ t, title }: { t: Translate; title: string }) {
  return (
    <section aria-labelledby="steps">
      <h2 id="steps">{title}</h2>
      <ol class="steps">
        <li>{t("home.step1")}</li>
        <li>{t("home.step2")}</li>
        <li>{t("home.step3")}</li>
        <li>{t("home.step4")}</li>
        <li>{t("home.step5")}</li>
      </ol>
    </section>
  );
}
