/**
 * @module
 * A page-wide registry of camera and microphone streams, so the quick exit can
 * stop every track, whichever script opened it.
 */
declare global {
  interface Window {
    __sprechzimmerStreams?: MediaStream[];
  }
}

/** Remembers a stream for `stopAllStreams`. */
export function registerStream(stream: MediaStream): void {
  if (!window.__sprechzimmerStreams) window.__sprechzimmerStreams = [];
  window.__sprechzimmerStreams.push(stream);
}

/** Stops every registered track (camera light off at once). */
export function stopAllStreams(): void {
  for (const stream of window.__sprechzimmerStreams ?? []) {
    for (const track of stream.getTracks()) track.stop();
  }
  window.__sprechzimmerStreams = [];
}
