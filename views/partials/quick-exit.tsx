import type { Translate } from "../../src/i18n/index.ts";

/**
 * "Schnell verlassen": without JavaScript a form POST that signs off and
 * redirects to a neutral page; `quick-exit.js` makes it instant and also stops
 * the camera and microphone. The target sits in a data attribute for the script.
 */
export function QuickExit({ t, url }: { t: Translate; url: string }) {
  return (
    <form method="post" action="/leave/quick" class="quick-exit">
      <button
        type="submit"
        class="button quick-exit-button"
        data-quick-exit={url}
        aria-describedby="quick-exit-hint"
      >
        {t("exit.button")}
      </button>
      <p class="hint" id="quick-exit-hint">
        {t("exit.hint")}
      </p>
    </form>
  );
}
