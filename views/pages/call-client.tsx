import type { Translate } from "../../src/i18n/index.ts";
import { QuickExit } from "../partials/quick-exit.tsx";
import { SignOff } from "../partials/sign-off.tsx";

/**
 * The client's call page, for now only the landing after admission; the call
 * itself (video, controls, security code) replaces this view.
 */
export function ClientCallPage({ t, quickExitUrl }: { t: Translate; quickExitUrl: string }) {
  return (
    <>
      <QuickExit t={t} url={quickExitUrl} />
      <h1>{t("call.heading")}</h1>
      <p class="lead">{t("call.text")}</p>
      <SignOff t={t} />
    </>
  );
}
