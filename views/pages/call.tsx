/**
 * @module
 * The call page for everyone in the call: one tile per other person (picture,
 * name, role, whether their microphone or camera is off, the security code of
 * that pair), oneself small, the controls, the connection state in words, the
 * quality, the codes again to read aloud, and a chat. Everything the script
 * needs sits in `data-` attributes (the CSP allows no inline script);
 * `src/browser/call.ts` builds the tiles as people arrive.
 */
import type { Child } from "hono/jsx";
import type { Lang, MessageKey, Translate } from "../../src/i18n/index.ts";
import type { IceServer } from "../model.ts";
import { EndSession } from "../partials/end-session.tsx";

/** Someone the page may meet in the call, as its viewer should see them. */
export interface Person {
  name: string;
  /** The role in words ("Dolmetscher/in", "Beratung"). */
  role: string;
}

/** A member of a room (`src/rooms/wire.ts`). */
type MemberId = "counsellor" | "client" | `p-${string}`;

export interface CallPageProps {
  t: Translate;
  lang: Lang;
  /** Who is calling: "counsellor", "client" or a further participant's `p-<id>`. */
  member: MemberId;
  /** Everyone else of the appointment, by member id. */
  people: Record<string, Person>;
  /** The appointment id; also part of the security code. */
  room: string;
  /** A fresh signalling ticket (`mintTicket`). */
  ticket: string;
  iceServers: IceServer[];
  /** The signalling socket's path (`roomSocketPath(room)`). */
  wsPath: string;
  title: string;
  /** Where hanging up leads. */
  endUrl: string;
  /** Where the page goes when the counsellor sends this person back: their waiting room. */
  lobbyUrl: string;
  /** The counsellor's "end session" (asks once), in the control bar. */
  endAction?: string;
  /** At the end of the side column (the counsellor's start checklist). */
  side?: Child;
  /** Only tests set this, to prove the TURN relay path. */
  iceTransportPolicy?: "all" | "relay";
}

/** Texts the script switches between, by short name. */
const SCRIPT_TEXTS = {
  mute: "call.mute",
  unmute: "call.unmute",
  cameraOff: "call.cameraOff",
  cameraOn: "call.cameraOn",
  audioOnly: "call.audioOnly",
  videoBack: "call.videoBack",
  share: "call.share",
  stopShare: "call.stopShare",
  connecting: "call.state.connecting",
  waiting: "call.state.waiting",
  connected: "call.state.connected",
  reconnecting: "call.state.reconnecting",
  peerLeft: "call.state.peerLeft",
  ended: "call.state.ended",
  replaced: "call.state.replaced",
  occupied: "call.state.occupied",
  unsupported: "call.state.unsupported",
  unknown: "call.quality.unknown",
  good: "call.quality.good",
  fair: "call.quality.fair",
  poor: "call.quality.poor",
  adaptedSending: "call.adapted.sending",
  adaptedReceiving: "call.adapted.receiving",
  adaptedBoth: "call.adapted.both",
  tooWeak: "call.suggestTooWeak",
  poorLine: "call.suggestAudioOnly",
  "path-direct": "call.path.direct",
  "path-relay": "call.path.relay",
  full: "call.state.full",
  you: "call.chatYou",
  peer: "call.chatPeer",
  someone: "call.someone",
  peerMuted: "call.peerMuted",
  peerCameraOff: "call.peerCameraOff",
  peerBoth: "call.peerBoth",
  micOff: "call.tileMicOff",
  camOff: "call.tileCameraOff",
  pictureOf: "call.pictureOf",
  codeLabel: "call.codeLabel",
  codeWith: "call.codeWith",
  securityPending: "call.securityPending",
} as const satisfies Record<string, MessageKey>;

export function CallPage(props: CallPageProps) {
  const { t, member } = props;
  const role = member === "counsellor" || member === "client" ? member : "participant";
  // `{name}` stays in: the script puts in each person's name.
  const texts = Object.fromEntries(
    Object.entries(SCRIPT_TEXTS).map(([name, key]) => [name, t(key)]),
  );
  return (
    <section
      class="call"
      id="call"
      lang={props.lang}
      aria-labelledby="call-title"
      data-role={role}
      data-member={member}
      data-people={JSON.stringify(props.people)}
      data-room={props.room}
      data-ticket={props.ticket}
      data-ws-path={props.wsPath}
      data-ice-servers={JSON.stringify(props.iceServers)}
      data-ice-policy={props.iceTransportPolicy ?? "all"}
      data-end-url={props.endUrl}
      data-lobby-url={props.lobbyUrl}
      data-texts={JSON.stringify(texts)}
    >
      <h1 id="call-title">{props.title}</h1>
      <noscript>
        <p class="notice">{t("call.noScript")}</p>
      </noscript>
      <div class="call-layout">
        <div class="call-main">
          <div class="stage">
            {/* One tile per other person, added by the script as they arrive. */}
            <div id="remote-tiles" class="tiles" data-count="0" />
            <video
              id="self-video"
              class="self"
              autoplay
              playsinline
              muted
              aria-label={t("call.selfVideo")}
            />
          </div>
          <p id="peer-media" class="peer-media" role="status" aria-live="polite" hidden />
          <p
            id="call-state"
            class="call-state"
            role="status"
            aria-live="polite"
            data-state="connecting"
          >
            {t("call.state.connecting")}
          </p>
          <p class="quality">
            {t("call.quality")}:{" "}
            <span id="call-quality" data-quality="unknown">
              {t("call.quality.unknown")}
            </span>{" "}
            {/* Direct or through the TURN server, in words: both stay end-to-end encrypted. */}
            <span id="call-path" class="call-path" data-path="" hidden />
          </p>
          <p id="call-adapted" class="quality" data-adapted="none" hidden />
          <p id="call-no-media" class="notice" role="alert" hidden>
            {t("call.noMedia")}
          </p>
          <div id="call-unsupported" class="notice" role="alert" hidden>
            <p>{t("call.unsupported")}</p>
            <p>
              <a href="/check">{t("call.unsupportedCheck")}</a>
            </p>
          </div>
          <button type="button" class="button" id="call-play" hidden>
            {t("call.tapToPlay")}
          </button>
          <div id="call-suggest" class="notice suggest" role="status" data-reason="poor" hidden>
            <p id="call-suggest-text">{t("call.suggestAudioOnly")}</p>
            <button type="button" class="button" id="call-suggest-audio-only">
              {t("call.suggestAudioOnlyYes")}
            </button>
          </div>
          <div class="controls">
            <button type="button" class="button" id="call-mute" aria-pressed="false">
              {t("call.mute")}
            </button>
            <button type="button" class="button" id="call-camera" aria-pressed="false">
              {t("call.cameraOff")}
            </button>
            <button type="button" class="button" id="call-switch-camera" hidden>
              {t("call.switchCamera")}
            </button>
            <button type="button" class="button" id="call-audio-only" aria-pressed="false">
              {t("call.audioOnly")}
            </button>
            {role === "counsellor" ? (
              <button type="button" class="button" id="call-share" aria-pressed="false" hidden>
                {t("call.share")}
              </button>
            ) : null}
            <details class="devices" id="call-devices" hidden>
              <summary class="button">{t("call.devices")}</summary>
              <div class="devices-panel stack">
                <div class="field">
                  <label for="device-camera">{t("call.deviceCamera")}</label>
                  <select id="device-camera" />
                </div>
                <div class="field">
                  <label for="device-microphone">{t("call.deviceMicrophone")}</label>
                  <select id="device-microphone" />
                </div>
                <div class="field" hidden>
                  <label for="device-speaker">{t("call.deviceSpeaker")}</label>
                  <select id="device-speaker" />
                </div>
              </div>
            </details>
            {/* One way out per role: a counsellor who can end the session ends it. */}
            {props.endAction ? (
              <EndSession t={t} action={props.endAction} />
            ) : (
              <button type="button" class="button hang-up" id="call-hang-up">
                {t("call.hangUp")}
              </button>
            )}
          </div>
        </div>
        <aside class="call-side">
          <section class="security" aria-labelledby="security-title">
            <h2 id="security-title">{t("call.security")}</h2>
            {/* One line per other person, as their codes are there; each tile shows its own. */}
            <div id="security-code" class="security-codes" aria-live="polite">
              <p class="security-pending">{t("call.securityPending")}</p>
            </div>
            <p>{t("call.securityHelp")}</p>
          </section>
          <section class="chat" aria-labelledby="chat-title">
            <h2 id="chat-title">{t("call.chat")}</h2>
            <ol id="chat-log" class="chat-log" aria-live="polite" />
            <form id="chat-form" class="chat-form">
              <label for="chat-input">{t("call.chatLabel")}</label>
              <input id="chat-input" name="message" maxlength={1000} autocomplete="off" disabled />
              <button type="submit" class="button" disabled>
                {t("call.chatSend")}
              </button>
            </form>
          </section>
          {props.side}
        </aside>
      </div>
      <p class="muted">{t("call.noRecording")}</p>
    </section>
  );
}
