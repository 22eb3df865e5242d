/**
 * How much video each connection may send: a page in a call of three or four
 * holds two or three connections, and all of them leave through one uplink.
 * With more than one connection, each is capped so that video and audio of all
 * of them together fit a 2 Mbit/s line with a margin for overhead.
 */

/** The uplink a call of up to four people has to fit. */
export const UPLINK_BPS = 2_000_000;
/** Kept free on the line: packet headers, RTCP, signalling, other traffic. */
const MARGIN = 0.85;
/** What one connection's audio (Opus at its default) takes at most. */
const AUDIO_BPS = 64_000;

/** The video cap per connection, or `undefined` (no cap) with only one connection. */
export function videoCapPerConnection(connections: number): number | undefined {
  if (connections <= 1) return undefined;
  return Math.floor((UPLINK_BPS * MARGIN) / connections - AUDIO_BPS);
}
