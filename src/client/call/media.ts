/**
 * Camera, microphone and screen: every stream opened here is registered in
 * `window.__sprechzimmerStreams`, so the quick-exit script can stop them all.
 */
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

/** Camera and microphone; falls back to the microphone alone, then to nothing. */
export async function openCamera(): Promise<MediaStream | null> {
  const devices = navigator.mediaDevices;
  if (!devices?.getUserMedia) return null;
  try {
    return register(
      await devices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true },
        video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } },
      }),
    );
  } catch {
    try {
      return register(await devices.getUserMedia({ audio: true }));
    } catch {
      return null;
    }
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
