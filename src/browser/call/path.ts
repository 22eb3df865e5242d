/**
 * Which way one peer connection's media takes: straight between the two devices
 * ("direct", host or server-reflexive candidates on both ends) or through the TURN
 * server ("relay", a relay candidate on either end). Read from `getStats()`, so it
 * follows every change ICE makes (a restart, a new network). One watcher per peer
 * connection.
 */
export type MediaPath = "direct" | "relay";

/** The selected candidate pair's path, or null before one is selected. */
export async function currentPath(pc: RTCPeerConnection): Promise<MediaPath | null> {
  const report = await pc.getStats();
  let path: MediaPath | null = null;
  report.forEach((stat) => {
    // Chromium names the pair on the transport; Firefox marks the pair itself.
    const pair =
      stat.type === "transport" && stat.selectedCandidatePairId
        ? report.get(stat.selectedCandidatePairId)
        : stat.type === "candidate-pair" && stat.selected === true
          ? stat
          : undefined;
    if (!pair) return;
    const local = report.get(pair?.localCandidateId);
    const remote = report.get(pair?.remoteCandidateId);
    if (!local || !remote) return;
    path = local.candidateType === "relay" || remote.candidateType === "relay" ? "relay" : "direct";
  });
  return path;
}

/**
 * Checks the path every second while the connection is connected and reports each
 * change (and the first answer). Returns a function that stops watching.
 */
export function watchPath(pc: RTCPeerConnection, report: (path: MediaPath) => void): () => void {
  let last: MediaPath | null = null;
  const timer = setInterval(async () => {
    if (pc.connectionState === "closed") return clearInterval(timer);
    if (pc.connectionState !== "connected") return;
    const path = await currentPath(pc).catch(() => null);
    if (path && path !== last) {
      last = path;
      report(path);
    }
  }, 1000);
  return () => clearInterval(timer);
}
