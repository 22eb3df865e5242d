/**
 * The call page's buttons: microphone, camera, switching cameras, sound only,
 * screen sharing, hanging up, and the chat form. They act on the page's media
 * (`CallMedia`) and ask the call to send the new picture (`applyVideo`).
 */
import { canShareScreen, hasSecondCamera, openOtherCamera, openScreen, stop } from "./media.ts";
import { byId, type CallUi } from "./ui.ts";

/** The page's own media, shared by the call and its buttons. */
export interface CallMedia {
  local: MediaStream | null;
  screen: MediaStream | null;
  /** The person chose sound only. */
  audioOnly: boolean;
  /** The speaker chosen during the call (`setSinkId`), for every picture's sound. */
  speaker?: string;
}

/** Whether the other person can hear and see this side: sent on every change and when the channel opens. */
export function mediaState(media: CallMedia) {
  const audio = media.local?.getAudioTracks()[0]?.enabled === true;
  const camera = media.local?.getVideoTracks()[0]?.enabled === true;
  const screen = media.screen !== null && !media.audioOnly;
  // `screen` lets the other side tell a shared screen's picture from a camera's.
  return { kind: "media", audio, video: (camera || screen) && !media.audioOnly, screen };
}

export function wireControls(options: {
  media: CallMedia;
  ui: CallUi;
  /** Sends the picture the media now calls for (camera, screen, or none). */
  applyVideo: () => void;
  /** Over the data channels to everyone else; false while none is open. */
  sendData: (message: { kind: string; [key: string]: unknown }) => boolean;
  hangUp: () => void;
}) {
  // No destructuring: esbuild cannot lower it for every browser target.
  const media = options.media;
  const ui = options.ui;
  const applyVideo = options.applyVideo;
  const sendData = options.sendData;
  const hangUp = options.hangUp;
  byId("call-mute").addEventListener("click", () => {
    const track = media.local?.getAudioTracks()[0];
    if (!track) return;
    track.enabled = !track.enabled;
    ui.toggle("call-mute", !track.enabled, "mute", "unmute");
    sendData(mediaState(media));
  });
  byId("call-camera").addEventListener("click", () => {
    const track = media.local?.getVideoTracks()[0];
    if (!track) return;
    track.enabled = !track.enabled;
    ui.toggle("call-camera", !track.enabled, "cameraOff", "cameraOn");
    sendData(mediaState(media));
  });
  const switchButton = byId<HTMLButtonElement>("call-switch-camera");
  let facing: "user" | "environment" = "user";
  void hasSecondCamera().then((two) => {
    switchButton.hidden = !two;
  });
  switchButton.addEventListener("click", async () => {
    const old = media.local?.getVideoTracks()[0];
    if (!media.local || !old) return;
    switchButton.disabled = true;
    const wanted = facing === "user" ? "environment" : "user";
    const track = await openOtherCamera(wanted, old.getSettings().deviceId);
    switchButton.disabled = false;
    if (!track) return;
    facing = wanted;
    track.enabled = old.enabled;
    media.local.removeTrack(old);
    old.stop();
    media.local.addTrack(track);
    ui.selfVideo.srcObject = media.local;
    applyVideo();
  });
  byId("call-audio-only").addEventListener("click", () => {
    media.audioOnly = !media.audioOnly;
    ui.toggle("call-audio-only", media.audioOnly, "audioOnly", "videoBack");
    ui.suggestAudioOnly(null);
    sendData({ kind: "audio-only", on: media.audioOnly });
    applyVideo();
  });
  const share = document.getElementById("call-share");
  if (share && canShareScreen()) {
    share.hidden = false;
    const stopSharing = () => {
      stop(media.screen);
      media.screen = null;
      ui.toggle("call-share", false, "share", "stopShare");
      applyVideo();
      sendData(mediaState(media));
    };
    share.addEventListener("click", async () => {
      if (media.screen) return stopSharing();
      media.screen = await openScreen();
      const track = media.screen?.getVideoTracks()[0];
      if (!track) return;
      track.addEventListener("ended", stopSharing);
      ui.toggle("call-share", true, "share", "stopShare");
      applyVideo();
      sendData(mediaState(media));
    });
  }
  // The counsellor leaves by ending the session (a form), so only the client's page has it.
  document.getElementById("call-hang-up")?.addEventListener("click", hangUp);
  byId("chat-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const text = ui.chatInput.value.trim().slice(0, 1000);
    if (!text || !sendData({ kind: "chat", text })) return;
    ui.addChat("you", text);
    ui.chatInput.value = "";
  });
}
