/**
 * @module
 * The ICE servers a participant's browser gets: the configured STUN URLs, and the
 * TURN URLs with credentials minted by the TURN REST scheme that coturn checks
 * with `use-auth-secret`. Only the derived, expiring password leaves the server;
 * TURN_SECRET never does.
 */
import type { Config } from "../config.ts";
import type { MemberId } from "./protocol.ts";

/** The subset of RTCIceServer the call page needs; plain data, safe to serialise. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

function list(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((url) => url.trim())
    .filter((url) => url !== "");
}

/** base64(HMAC-SHA1(secret, username)), as coturn computes it. */
export async function turnCredential(secret: string, username: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(username)));
  let binary = "";
  for (const byte of mac) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/**
 * STUN and TURN servers for one participant. The TURN username is
 * `<expiry unix seconds>:<room>-<member>`; coturn refuses it after the expiry.
 */
export async function iceServersFor(
  config: Pick<Config, "STUN_URLS" | "TURN_URLS" | "TURN_SECRET" | "TURN_TTL_SECONDS">,
  room: string,
  member: MemberId,
  now: Date,
): Promise<IceServer[]> {
  const servers: IceServer[] = [];
  const stun = list(config.STUN_URLS);
  if (stun.length > 0) servers.push({ urls: stun });
  const turn = list(config.TURN_URLS);
  if (turn.length > 0 && config.TURN_SECRET) {
    const expiry = Math.floor(now.getTime() / 1000) + config.TURN_TTL_SECONDS;
    const username = `${expiry}:${room}-${member}`;
    servers.push({
      urls: turn,
      username,
      credential: await turnCredential(config.TURN_SECRET, username),
    });
  }
  return servers;
}
