import type { Translate } from "../../src/i18n/index.ts";
import type { LobbyStatus as Status } from "../model.ts";

const TEXT = {
  waiting: "lobby.waiting",
  late: "lobby.late",
  admitted: "lobby.waiting",
  ended: "lobby.ended",
  cancelled: "lobby.cancelled",
  knocking: "lobby.knocking",
  refused: "lobby.refused",
  turnedAway: "lobby.turnedAway",
} as const;

/**
 * The waiting room's live part. While something can still happen it polls
 * `/lobby/status` with its own tag (an unchanged status answers 204) and replaces
 * itself; once the session is over it renders without a trigger and stops.
 */
export function LobbyStatus({ t, status, tag }: { t: Translate; status: Status; tag: string }) {
  const polling = status.polling;
  return (
    <div
      id="lobby-status"
      class={`lobby-status ${status.state}`}
      data-state={status.state}
      hx-get={polling ? `/lobby/status?v=${tag}` : undefined}
      hx-trigger={polling ? "every 3s" : undefined}
      hx-swap={polling ? "outerHTML" : undefined}
    >
      <p class="status-text">{t(status.sentBack ? "lobby.sentBack" : TEXT[status.state])}</p>
      {status.message || status.reply ? (
        <div class="messages">
          {status.message ? (
            <div class="counsellor-message">
              <p>
                <strong>{t("lobby.message")}</strong>
              </p>
              <p>{status.message}</p>
            </div>
          ) : null}
          {status.reply ? (
            <div class="client-message">
              <p>
                <strong>{t("lobby.yourReply")}</strong>
              </p>
              <p>{status.reply}</p>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
