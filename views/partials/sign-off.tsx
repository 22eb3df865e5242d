import type { Translate } from "../../src/i18n/index.ts";

/** The "Abmelden" form: forgets the client's cookie and ends on a calm confirmation (`/signed-off`). */
export function SignOff({ t }: { t: Translate }) {
  return (
    <form method="post" action="/lobby/leave" class="sign-off">
      <button type="submit" class="button">
        {t("lobby.leave")}
      </button>
    </form>
  );
}
