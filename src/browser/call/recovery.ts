/**
 * Brings one peer connection back after the network under it changed (a phone
 * leaving Wi-Fi, a router restarting), without a reload and without a new
 * admission. When ICE reports the media path lost, both sides check their
 * signalling socket (it may have died with the old network, silently), and the
 * impolite side restarts ICE: new credentials, new candidates on the new network,
 * a new offer through perfect negotiation. It offers again while the connection
 * stays down, since an offer sent into a dead socket is lost, and at once when the
 * other side comes back on signalling.
 */
export interface RecoveryOptions {
  /** Only the impolite side (the counsellor) offers the restart. */
  polite: boolean;
  /** Media stopped: the page checks its signalling socket. */
  onLost(): void;
}

export interface Recovery {
  /** The other side is back on signalling: offer a restart now if media is still down. */
  peerReturned(): void;
  stop(): void;
}

/** How long a "disconnected" path may come back by itself before ICE is restarted. */
const GRACE_MS = 1000;
/** How long the first restart may take before it is offered again; each retry waits twice as long. */
const RETRY_MS = 4000;

const down = (pc: RTCPeerConnection) =>
  pc.iceConnectionState === "disconnected" || pc.iceConnectionState === "failed";

export function watchRecovery(pc: RTCPeerConnection, options: RecoveryOptions): Recovery {
  let lostSince = 0;
  let reported = false;
  let restartedAt = 0;
  let retryMs = RETRY_MS;
  // Only a path that once carried media can be lost; a first connection that is slow
  // to check (a busy device, a long list of candidates) must not be restarted midway.
  let wasConnected = false;

  const restart = async () => {
    if (options.polite || pc.signalingState === "closed") return;
    restartedAt = Date.now();
    // An offer still waiting for its answer went into a dead socket: take it back first.
    if (pc.signalingState === "have-local-offer") {
      await pc.setLocalDescription({ type: "rollback" }).catch(() => undefined);
    }
    pc.restartIce();
  };

  const check = () => {
    if (pc.signalingState === "closed") return stop();
    if (pc.iceConnectionState === "connected" || pc.iceConnectionState === "completed") {
      wasConnected = true;
      retryMs = RETRY_MS;
    }
    const lost = wasConnected ? down(pc) : pc.iceConnectionState === "failed";
    if (!lost) {
      lostSince = 0;
      reported = false;
      return;
    }
    const now = Date.now();
    if (!lostSince) lostSince = now;
    if (pc.iceConnectionState !== "failed" && now - lostSince < GRACE_MS) return;
    if (!reported) {
      reported = true;
      options.onLost();
    }
    if (now - restartedAt < retryMs) return;
    if (restartedAt > lostSince) retryMs *= 2;
    void restart();
  };

  pc.addEventListener("iceconnectionstatechange", check);
  const timer = setInterval(check, 500);
  function stop() {
    clearInterval(timer);
    pc.removeEventListener("iceconnectionstatechange", check);
  }

  return {
    peerReturned() {
      // The other side reopened its socket, most likely because its network changed:
      // a restart now is quicker than waiting for this side's ICE to notice.
      if (wasConnected && Date.now() - restartedAt >= RETRY_MS) void restart();
    },
    stop,
  };
}
