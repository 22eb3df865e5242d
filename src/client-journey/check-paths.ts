/**
 * @module
 * Which network paths the device check found working, in the one form the
 * page posts, the database keeps and the dashboard reads:
 * `direct=yes,udp-relay=no,tcp-relay=unknown`. Pure (its only import is types),
 * so the browser script (`src/browser/lib/ice-probe.ts`) and the server share it.
 *
 * - `direct`: a peer-to-peer path through the client's NAT (STUN over UDP);
 * - `udp-relay`: a TURN relay reached over UDP;
 * - `tcp-relay`: a TURN relay reached over TCP (or TLS), the way through strict firewalls.
 *
 * `unknown` means not tested: no STUN server configured (direct), or no TURN
 * credentials for that transport (relays).
 */

import type { CheckPath, ConnectionSummary, PathWorks } from "../../views/model.ts";

export type { CheckPath, ConnectionSummary };

/** The paths, in the stored order; also the page's `data-path` values. */
export const CHECK_PATHS = [
  "direct",
  "udp-relay",
  "tcp-relay",
] as const satisfies readonly CheckPath[];

/** One path's answer; also the page's `data-works` values. */
export type Works = PathWorks;

export type PathAnswers = Record<CheckPath, Works>;

/** The stored and posted form, exactly. */
export const CHECK_PATHS_PATTERN =
  /^direct=(yes|no|unknown),udp-relay=(yes|no|unknown),tcp-relay=(yes|no|unknown)$/;

export function formatPaths(answers: PathAnswers): string {
  return CHECK_PATHS.map((path) => `${path}=${answers[path]}`).join(",");
}

/** The answers in a stored value, or undefined when it is not one. */
export function parsePaths(value: string | null | undefined): PathAnswers | undefined {
  const match = CHECK_PATHS_PATTERN.exec(value ?? "");
  if (!match) return undefined;
  // No array destructuring: the browser floor's bundler cannot lower it here.
  const works = (index: number) => match[index] as Works;
  return { direct: works(1), "udp-relay": works(2), "tcp-relay": works(3) };
}

/**
 * The best path that worked: direct, else a relay over UDP, else a relay over
 * TCP; "none" when nothing worked and something was tried, "untested" when
 * nothing could be tried.
 */
export function connectionSummary(answers: PathAnswers): ConnectionSummary {
  if (answers.direct === "yes") return "direct";
  if (answers["udp-relay"] === "yes") return "relay";
  if (answers["tcp-relay"] === "yes") return "tcpRelay";
  return CHECK_PATHS.some((path) => answers[path] === "no") ? "none" : "untested";
}
