/**
 * What a call page needs from the browser around the call, written for the
 * strictest engine (Safari on iPhone and iPad) and harmless elsewhere:
 *
 * - the screen stays on during the call where the Screen Wake Lock API exists
 *   (a lock is dropped whenever the page is hidden, so it is asked for again
 *   when the page comes back);
 * - sound and picture resume when the page returns from the background (iOS
 *   pauses media elements of a hidden page);
 * - when the browser refuses to start playback without a tap, one button asks
 *   for that tap instead of leaving a silent, frozen picture.
 *
 * `root.dataset.wakeLock` tells tests and support whether the screen is held on.
 */

interface WakeLockSentinelLike {
  readonly released: boolean;
  release(): Promise<void>;
  addEventListener(type: "release", listener: () => void): void;
}

interface WakeLockLike {
  request(type: "screen"): Promise<WakeLockSentinelLike>;
}

export interface PageLife {
  /** Lets the screen turn off again (the call has ended). */
  stop(): void;
}

function videosOf(root: HTMLElement): HTMLVideoElement[] {
  return Array.prototype.slice.call(root.querySelectorAll("video")) as HTMLVideoElement[];
}

export function watchPageLife(root: HTMLElement, playButton: HTMLButtonElement | null): PageLife {
  const wakeLock = (navigator as Navigator & { wakeLock?: WakeLockLike }).wakeLock;
  let sentinel: WakeLockSentinelLike | null = null;
  let stopped = false;

  const holdScreen = () => {
    if (!wakeLock || stopped || document.visibilityState !== "visible") return;
    if (sentinel && !sentinel.released) return;
    wakeLock.request("screen").then(
      (lock) => {
        sentinel = lock;
        root.dataset.wakeLock = "on";
        lock.addEventListener("release", () => {
          root.dataset.wakeLock = "off";
        });
        if (stopped) void lock.release();
      },
      () => {
        root.dataset.wakeLock = "refused";
      },
    );
  };

  const askForTap = () => {
    if (playButton) playButton.hidden = false;
  };

  const play = (video: HTMLVideoElement) => {
    if (!video.srcObject || !video.paused) return;
    const started = video.play();
    // Old engines return nothing from play(); newer ones reject when a tap is needed.
    if (started) started.catch(askForTap);
  };

  const resume = () => {
    if (document.visibilityState !== "visible") return;
    for (const video of videosOf(root)) play(video);
    holdScreen();
  };

  // Media events do not bubble, but they pass the document in the capture phase.
  document.addEventListener(
    "loadedmetadata",
    (event) => {
      const target = event.target;
      if (target instanceof HTMLVideoElement && root.contains(target)) play(target);
    },
    true,
  );
  document.addEventListener("visibilitychange", resume);
  playButton?.addEventListener("click", () => {
    playButton.hidden = true;
    for (const video of videosOf(root)) play(video);
  });
  holdScreen();

  return {
    stop() {
      stopped = true;
      if (sentinel && !sentinel.released) void sentinel.release();
    },
  };
}

/** Whether this browser can hold a call at all (WebKitGTK builds without WebRTC cannot). */
export function canCall(): boolean {
  return typeof RTCPeerConnection === "function";
}
