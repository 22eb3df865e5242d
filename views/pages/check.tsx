import type { Child } from "hono/jsx";
import type { MessageKey, Translate } from "../../src/i18n/index.ts";
import type { CheckPath, LobbyStatus as LobbyStatusData } from "../model.ts";
import { LobbyStatus } from "../partials/lobby-status.tsx";

/** Texts the check script shows; sent along as JSON in a data attribute. */
export const CHECK_SCRIPT_TEXTS = [
  "check.running",
  "check.cameraOk",
  "check.mediaDenied",
  "check.mediaMissing",
  "check.mediaBusy",
  "check.micOk",
  "check.webrtcOk",
  "check.webrtcMissing",
  "check.direct",
  "check.relay",
  "check.blocked",
  "check.untested",
  "check.path.direct.yes",
  "check.path.direct.no",
  "check.path.direct.unknown",
  "check.path.udpRelay.yes",
  "check.path.udpRelay.no",
  "check.path.udpRelay.unknown",
  "check.path.tcpRelay.yes",
  "check.path.tcpRelay.no",
  "check.path.tcpRelay.unknown",
  "check.passed",
  "check.relayResult",
  "check.failed",
  "check.saved",
] as const satisfies readonly MessageKey[];

/** The network paths the probe reports, one line each, in this order. */
const PATHS: readonly CheckPath[] = ["direct", "udp-relay", "tcp-relay"];

/** The check page: a token when the result can be saved, a notice about the code. */
export interface CheckPageProps {
  t: Translate;
  /** Present when the result can be saved for an appointment. */
  token?: string | undefined;
  notice?: string | undefined;
  /** A client who is waiting: the waiting room's live status stays on this page. */
  waiting?: { status: LobbyStatusData; tag: string } | undefined;
}

function Item({
  t,
  title,
  name,
  children,
}: {
  t: Translate;
  title: string;
  name: string;
  children?: Child;
}) {
  return (
    <li>
      <h3>{title}</h3>
      {children}
      <p data-result={name}>{t("check.pending")}</p>
    </li>
  );
}

/**
 * The device check. The automatic part is hidden until `check.js` shows it;
 * without JavaScript the page still lists what to check by hand.
 */
export function CheckPage({ t, token, notice, waiting }: CheckPageProps) {
  const texts = Object.fromEntries(CHECK_SCRIPT_TEXTS.map((key) => [key, t(key)]));
  return (
    <>
      <h1>{t("check.title")}</h1>
      <p class="lead">{t("check.lead")}</p>
      {waiting ? (
        <section class="waiting-here" aria-label={t("check.waitingTitle")}>
          <p>{t("check.waitingHere")}</p>
          <div aria-live="polite">
            <LobbyStatus t={t} status={waiting.status} tag={waiting.tag} />
          </div>
          <p>
            <a href="/lobby">{t("check.backToLobby")}</a>
          </p>
        </section>
      ) : null}
      {notice ? (
        <p class="client-notice" role="alert">
          {notice}
        </p>
      ) : null}
      <section
        id="check-app"
        aria-labelledby="auto"
        hidden
        data-token={token}
        data-texts={JSON.stringify(texts)}
      >
        <h2 id="auto">{t("check.autoTitle")}</h2>
        <p>
          <button type="button" id="check-start" class="button primary">
            {t("check.start")}
          </button>
        </p>
        <ul class="check-grid">
          <Item t={t} title={t("check.camera")} name="camera">
            <video
              id="check-video"
              class="check-video"
              muted
              playsinline
              autoplay
              aria-label={t("check.cameraPreview")}
            />
          </Item>
          <Item t={t} title={t("check.microphone")} name="microphone">
            <label for="check-mic">{t("check.micLevel")}</label>
            <meter id="check-mic" class="check-meter" min={0} max={1} value={0} />
            <p class="hint">{t("check.micHint")}</p>
          </Item>
          <li id="check-devices" class="stack" hidden>
            <h3>{t("check.devicesTitle")}</h3>
            <label for="check-camera-choice">{t("check.deviceCamera")}</label>
            <select id="check-camera-choice" data-kind="videoinput" />
            <label for="check-mic-choice">{t("check.deviceMicrophone")}</label>
            <select id="check-mic-choice" data-kind="audioinput" />
            <p class="hint">{t("check.devicesHint")}</p>
          </li>
          <li>
            <h3>{t("check.speaker")}</h3>
            <button type="button" id="check-speaker" class="button">
              {t("check.speakerButton")}
            </button>
            <p class="hint">{t("check.speakerHint")}</p>
          </li>
          <Item t={t} title={t("check.webrtc")} name="webrtc" />
          <li>
            <h3>{t("check.connection")}</h3>
            <p data-result="connection">{t("check.pending")}</p>
            {/* Filled by check.js: `data-works` is yes, no or unknown (not tested). */}
            <ul id="check-paths" class="check-paths" hidden>
              {PATHS.map((path) => (
                <li data-path={path} />
              ))}
            </ul>
          </li>
        </ul>
        <p id="check-summary" role="status" aria-live="polite" />
      </section>
      <section aria-labelledby="manual">
        <h2 id="manual">{t("check.manualTitle")}</h2>
        <ul>
          <li>{t("check.manual1")}</li>
          <li>{t("check.manual2")}</li>
          <li>{t("check.manual3")}</li>
          <li>{t("check.manual4")}</li>
          <li>{t("check.manual5")}</li>
        </ul>
      </section>
      <section aria-labelledby="help">
        <h2 id="help">{t("check.helpTitle")}</h2>
        <ul>
          <li>{t("check.helpChrome")}</li>
          <li>{t("check.helpSafari")}</li>
          <li>{t("check.helpFirefox")}</li>
        </ul>
      </section>
    </>
  );
}
