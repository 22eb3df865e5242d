/**
 * The security code both people read aloud (DESIGN, "Verifying encryption"): the
 * DTLS fingerprints of both ends, sorted, with the room id, hashed with SHA-256.
 * 48 bits as 15 digits in groups of three: too long to grind a matching
 * certificate during a call, short enough to read out.
 */

/** The `a=fingerprint:` lines of an SDP, normalised. */
export function fingerprints(sdp: string): string[] {
  const found: string[] = [];
  const pattern = /^a=fingerprint:(\S+) ([0-9A-Fa-f:]+)\s*$/gm;
  for (let match = pattern.exec(sdp); match; match = pattern.exec(sdp)) {
    found.push(`${match[1]?.toLowerCase()} ${match[2]?.toUpperCase()}`);
  }
  return found;
}

/** The code, or null while either side's fingerprint is missing. */
export async function securityCode(
  room: string,
  localSdp: string,
  remoteSdp: string,
): Promise<string | null> {
  const local = fingerprints(localSdp);
  const remote = fingerprints(remoteSdp);
  if (local.length === 0 || remote.length === 0) return null;
  const all = local.concat(remote).filter((print, i, list) => list.indexOf(print) === i);
  const text = [room].concat(all.sort()).join("\n");
  const bytes = new Uint8Array(
    await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)),
  );
  const high = ((bytes[0] ?? 0) << 16) | ((bytes[1] ?? 0) << 8) | (bytes[2] ?? 0);
  const low = ((bytes[3] ?? 0) << 16) | ((bytes[4] ?? 0) << 8) | (bytes[5] ?? 0);
  // 2^48 < 2^53: exact as a double.
  const digits = String(high * 2 ** 24 + low).padStart(15, "0");
  return digits.replace(/(\d{3})(?=\d)/g, "$1 ");
}
