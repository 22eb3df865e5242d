/**
 * Camera, microphone and screen: every stream opened here is registered in
 * `window.__sprechzimmerStreams`, so the quick-exit script can stop them all.
 */
import { hasChoice, preferred } from "../lib/device-choice.ts";

declare global {
  interface Window {
    __sprechzimmerStreams?: MediaStream[];
  }
}

function register(stream: MediaStream): MediaStream {
  if (!window.__sprechzimmerStreams) window.__sprechzimmerStreams = [];
  window.__sprechzimmerStreams.push(stream);
  return stream;
}

const VIDEO = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };
const AUDIO = { echoCancellation: true, noiseSuppression: true };

/**
 * Camera and microphone: the ones chosen before on this device (device check
 * or an earlier call) when they are still there, else the browser's; falls
 * back to the microphone alone, then to nothing.
 */
export async function openCamera(): Promise<MediaStream | null> {
  const devices = navigator.mediaDevices;
  if (!devices?.getUserMedia) return null;
  const attempts: MediaStreamConstraints[] = [{ audio: AUDIO, video: VIDEO }, { audio: true }];
  if (hasChoice()) {
    attempts.unshift({
      audio: { ...AUDIO, ...preferred("audioinput") },
      video: { ...VIDEO, ...preferred("videoinput") },
    });
  }
  for (const constraints of attempts) {
    try {
      return register(await devices.getUserMedia(constraints));
    } catch {
      // The next, plainer attempt.
    }
  }
  return null;
}

/** Whether there is more than one camera to switch between (front and back on a phone). */
export async function hasSecondCamera(): Promise<boolean> {
  const devices = navigator.mediaDevices;
  if (!devices?.enumerateDevices) return false;
  try {
    const found = await devices.enumerateDevices();
    return found.filter((device) => device.kind === "videoinput").length > 1;
  } catch {
    return false;
  }
}

/**
 * A camera facing the other way (`facingMode`, as Safari on iPhone wants it:
 * device ids change between page loads there). Where no camera declares a facing
 * (desktops, test devices), the next camera in the list is taken instead.
 */
export async function openOtherCamera(
  facing: "user" | "environment",
  current: string | undefined,
): Promise<MediaStreamTrack | null> {
  const devices = navigator.mediaDevices;
  const video = { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } };
  try {
    const stream = await devices.getUserMedia({
      video: { ...video, facingMode: { exact: facing } },
    });
    return register(stream).getVideoTracks()[0] ?? null;
  } catch {
    // No camera with that facing: take the next one.
  }
  try {
    const cameras = (await devices.enumerateDevices()).filter((d) => d.kind === "videoinput");
    const at = cameras.findIndex((camera) => camera.deviceId === current);
    const next = cameras[(at + 1) % cameras.length];
    if (!next) return null;
    const stream = await devices.getUserMedia({
      video: { ...video, deviceId: { exact: next.deviceId } },
    });
    return register(stream).getVideoTracks()[0] ?? null;
  } catch {
    return null;
  }
}

/** The cameras, microphones and speakers the browser names (labels once access was granted). */
export async function listDevices(): Promise<MediaDeviceInfo[]> {
  try {
    return (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
  } catch {
    return [];
  }
}

/** One camera or microphone by its id, as a fresh track (null when it cannot be opened). */
export async function openDevice(
  kind: "videoinput" | "audioinput",
  deviceId: string,
): Promise<MediaStreamTrack | null> {
  const exact = { deviceId: { exact: deviceId } };
  const constraints: MediaStreamConstraints =
    kind === "videoinput"
      ? {
          video: {
            ...exact,
            width: { ideal: 640 },
            height: { ideal: 480 },
            frameRate: { ideal: 24 },
          },
        }
      : { audio: { ...exact, echoCancellation: true, noiseSuppression: true } };
  try {
    const stream = register(await navigator.mediaDevices.getUserMedia(constraints));
    return (kind === "videoinput" ? stream.getVideoTracks() : stream.getAudioTracks())[0] ?? null;
  } catch {
    return null;
  }
}

export function canShareScreen(): boolean {
  return typeof navigator.mediaDevices?.getDisplayMedia === "function";
}

export async function openScreen(): Promise<MediaStream | null> {
  try {
    return register(await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false }));
  } catch {
    return null;
  }
}

export function stop(stream: MediaStream | null) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
