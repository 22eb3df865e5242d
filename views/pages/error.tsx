import type { Translate } from "../../src/i18n/index.ts";

/** A friendly error message; the caller wraps it in the layout. */
export function ErrorPage({ t, title, text }: { t: Translate; title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p>{text}</p>
      <p>
        <a class="button" href="/">
          {t("error.backHome")}
        </a>
      </p>
    </>
  );
}
