/**
 * Choosing the camera, the microphone and (where the browser can) the speaker
 * during the call. The lists are read when the panel opens, so a headset
 * plugged in meanwhile is there; a new device replaces the track without
 * renegotiating, and keeps whether it was switched off.
 */

import { fillSelect, rememberDevice } from "../lib/device-choice.ts";
import type { CallMedia } from "./controls.ts";
import { listDevices, openDevice } from "./media.ts";
import type { CallUi } from "./ui.ts";

/** Puts `track` in place of the stream's track of the same kind, keeping its on/off state. */
function swapTrack(stream: MediaStream, track: MediaStreamTrack) {
  const old = track.kind === "video" ? stream.getVideoTracks()[0] : stream.getAudioTracks()[0];
  if (old) {
    track.enabled = old.enabled;
    stream.removeTrack(old);
    old.stop();
  }
  stream.addTrack(track);
}

export function wireDevices(options: {
  media: CallMedia;
  ui: CallUi;
  applyVideo: () => void;
  applyAudio: () => void;
}) {
  // No destructuring: esbuild cannot lower it for every browser target.
  const media = options.media;
  const ui = options.ui;
  const panel = document.getElementById("call-devices") as HTMLDetailsElement | null;
  if (!panel || !navigator.mediaDevices?.enumerateDevices) return;
  panel.hidden = false;
  const selects = Array.from(panel.querySelectorAll("select"));
  const camera = selects.find((select) => select.id === "device-camera");
  const microphone = selects.find((select) => select.id === "device-microphone");
  const speaker = selects.find((select) => select.id === "device-speaker");
  if (!camera || !microphone || !speaker) return;
  const canChooseSpeaker = "setSinkId" in HTMLMediaElement.prototype;

  panel.addEventListener("toggle", async () => {
    if (!panel.open) return;
    const devices = await listDevices();
    const video = media.local?.getVideoTracks()[0]?.getSettings().deviceId;
    const audio = media.local?.getAudioTracks()[0]?.getSettings().deviceId;
    fillSelect(camera, devices, "videoinput", video);
    fillSelect(microphone, devices, "audioinput", audio);
    fillSelect(speaker, canChooseSpeaker ? devices : [], "audiooutput");
  });
  const choose = async (select: HTMLSelectElement, kind: "videoinput" | "audioinput") => {
    if (!media.local) return;
    select.disabled = true;
    const track = await openDevice(kind, select.value);
    select.disabled = false;
    if (!track) return;
    swapTrack(media.local, track);
    rememberDevice(kind, select.value);
    ui.selfVideo.srcObject = media.local;
    if (kind === "videoinput") options.applyVideo();
    else options.applyAudio();
  };
  camera.addEventListener("change", () => void choose(camera, "videoinput"));
  microphone.addEventListener("change", () => void choose(microphone, "audioinput"));
  speaker.addEventListener("change", () => {
    media.speaker = speaker.value;
    const videos = document.querySelectorAll("#remote-tiles video");
    for (let i = 0; i < videos.length; i++) {
      const output = videos[i] as HTMLVideoElement & {
        setSinkId?: (id: string) => Promise<void>;
      };
      void output.setSinkId?.(speaker.value).catch(() => undefined);
    }
  });
}
