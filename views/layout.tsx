/**
 * @module
 * The page layout every page uses: language attribute, own-origin stylesheet,
 * a skip link, the language switch and the operator line. No inline script or
 * style (the CSP forbids both), no web fonts, no third-party files.
 */
import type { Child } from "hono/jsx";
import { assets } from "../src/generated/assets.ts";
import type { Lang, Translate } from "../src/i18n/index.ts";

export interface LayoutProps {
  lang: Lang;
  t: Translate;
  title: string;
  /** The current path, for the language switch link. */
  path: string;
  operator?: string | undefined;
  /** Asset names (keys of the manifest) to load as deferred scripts. */
  scripts?: (keyof typeof assets)[] | undefined;
  children?: Child;
}

export function Layout({ lang, t, title, path, operator, scripts, children }: LayoutProps) {
  const other: Lang = lang === "de" ? "en" : "de";
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t("app.name")}`}</title>
        {/* No icon file: an empty one stops browsers asking for /favicon.ico. */}
        <link rel="icon" href="data:," />
        <link rel="stylesheet" href={assets["styles.css"]} />
        {scripts?.includes("htmx.js") ? (
          <meta
            name="htmx-config"
            content='{"includeIndicatorStyles":false,"allowEval":false,"allowScriptTags":false}'
          />
        ) : null}
        {scripts?.map((name) => (
          <script src={assets[name]} defer />
        ))}
      </head>
      <body>
        <a class="skip" href="#main">
          {t("nav.skip")}
        </a>
        <header class="site">
          <a class="brand" href="/">
            {t("app.name")}
          </a>
          <a class="lang" href={`${path}?lang=${other}`} hreflang={other} lang={other}>
            {t("nav.switchTo")}
          </a>
        </header>
        <main id="main">{children}</main>
        <footer class="site">
          <p>{t("footer.noTracking")}</p>
          {operator ? <p>{t("footer.operator", { operator })}</p> : null}
          <p>
            <a href="/info">{t("nav.info")}</a> · <a href="/imprint">{t("imprint.title")}</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
