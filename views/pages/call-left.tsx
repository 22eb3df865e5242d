import type { Translate } from "../../src/i18n/index.ts";
import { SignOff } from "../partials/sign-off.tsx";

/**
 * Where the client's "Auflegen" leads: back into the call while it runs, or
 * signing off; once the session is over, only the sign-off.
 */
export function CallLeftPage(props: { t: Translate; running: boolean }) {
  const { t, running } = props;
  return (
    <>
      <h1>{running ? t("left.heading") : t("left.endedHeading")}</h1>
      <p class="lead">{running ? t("left.text") : t("lobby.ended")}</p>
      {running ? (
        <p>
          <a class="button primary" href="/call">
            {t("left.rejoin")}
          </a>
        </p>
      ) : null}
      <SignOff t={t} />
    </>
  );
}
