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

/** Tags already worked out, by what they cover; most waiting rooms show the same few states. */
const tags = new Map<string, string>();
const MAX_TAGS = 10_000;

/** A short tag over everything the status fragment shows, in its language. */
export function statusTag(status: LobbyStatus, lang: Lang): string {
  const shown = JSON.stringify([
    lang,
    status.state,
    status.message,
    status.reply ?? null,
    status.sentBack === true,
  ]);
  let tag = tags.get(shown);
  if (tag === undefined) {
    tag = sha256Hex(shown).slice(0, 20);
    if (tags.size >= MAX_TAGS) tags.clear();
    tags.set(shown, tag);
  }
  return tag;
}
