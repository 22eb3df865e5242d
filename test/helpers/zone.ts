/**
 * Time zones for browser tests that must not depend on the hour they run at:
 * a zone where it is about noon now, so "in ten minutes" is still today.
 */
import { instantToZoned } from "../../src/time.ts";

export function noonZone(now = new Date()): string {
  let offset = 12 - now.getUTCHours();
  if (offset > 14) offset -= 24;
  if (offset < -12) offset += 24;
  // POSIX-style names invert the sign: Etc/GMT-2 is two hours ahead of UTC.
  return offset === 0 ? "Etc/UTC" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
}

/** The date and time fields for an instant `minutes` from now in `zone`. */
export function fieldsIn(zone: string, minutes: number): { date: string; time: string } {
  return instantToZoned(new Date(Date.now() + minutes * 60_000), zone);
}
