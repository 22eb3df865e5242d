import { raw } from "hono/html";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import type { LobbyStatus as Status } from "../model.ts";
import { LobbyStatus } from "../partials/lobby-status.tsx";
import { QuickExit } from "../partials/quick-exit.tsx";
import { ReplyForm } from "../partials/reply-form.tsx";
import { SignOff } from "../partials/sign-off.tsx";
import { Tips } from "../partials/tips.tsx";

/** What the waiting room shows, already formatted for the visitor. */
export interface LobbyPageProps {
  t: Translate;
  /** Already formatted in the office's time zone and the visitor's language. */
  date: string;
  time: string;
  deletionDate: string;
  counsellorName: string | undefined;
  status: Status;
  tag: string;
  quickExitUrl: string;
  /** What the client's answer form shows after a refused answer. */
  reply?: { error: MessageKey; value: string } | undefined;
  /** Whether the answer form is offered: to the client, not to further participants. */
  canReply?: boolean;
}

/** The waiting room: the appointment, the live status, tips and the ways out. */
export function LobbyPage(props: LobbyPageProps) {
  const { t } = props;
  return (
    <>
      {props.status.polling
        ? // Written as a constant string: hono/jsx would hoist a <meta> element into
          // <head>, out of the <noscript>, and reload the page with JavaScript too.
          raw('<noscript><meta http-equiv="refresh" content="5"></noscript>')
        : null}
      <QuickExit t={t} url={props.quickExitUrl} />
      <h1>{t("lobby.heading")}</h1>
      <p class="lead">{t("lobby.appointment", { date: props.date, time: props.time })}</p>
      {props.counsellorName ? <p>{t("lobby.counsellor", { name: props.counsellorName })}</p> : null}
      <div class="live" aria-live="polite">
        <LobbyStatus t={t} status={props.status} tag={props.tag} />
      </div>
      {props.status.polling && props.status.state !== "knocking" && props.canReply !== false ? (
        <ReplyForm t={t} error={props.reply?.error} value={props.reply?.value} />
      ) : null}
      <section aria-labelledby="tips">
        <h2 id="tips">{t("lobby.tipsTitle")}</h2>
        <Tips t={t} />
        <p>
          <a href="/check">{t("lobby.checkCta")}</a>
        </p>
      </section>
      <p class="hint">{t("lobby.deletion", { date: props.deletionDate })}</p>
      <SignOff t={t} />
    </>
  );
}
