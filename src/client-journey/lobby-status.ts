/**
 * @module
 * The waiting room's poll: what it shows (`lobbyStatus` in `appointments/state.ts`)
 * reduced to a tag, so a poll that finds nothing changed costs one indexed read
 * and no rendering.
 */

import type { LobbyStatus } from "../appointments/state.ts";
import type { Lang } from "../i18n/index.ts";
import { sha256Hex } from "../security/crypto.ts";

/** `lastSeenAt` is written at most this often. */
export const LAST_SEEN_EVERY_MS = 15_000;

/** A short tag over everything the status fragment shows, in its language. */
export async function statusTag(status: LobbyStatus, lang: Lang): Promise<string> {
  return (
    await sha256Hex(
      JSON.stringify([
        lang,
        status.state,
        status.message,
        status.reply ?? null,
        status.sentBack === true,
      ]),
    )
  ).slice(0, 20);
}
