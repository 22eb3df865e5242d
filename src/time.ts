/**
 * @module
 * Wall-clock times in the office's time zone. Appointments are stored as UTC
 * instants; forms and pages speak the office's local date and time.
 */
import type { Lang } from "./i18n/index.ts";

function partsIn(timeZone: string, instant: Date) {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** Milliseconds the zone is ahead of UTC at `instant`. */
function offsetAt(timeZone: string, instant: Date): number {
  const p = partsIn(timeZone, instant);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * "2026-11-25" + "14:30" in `timeZone` → the UTC instant, or `undefined` for an
 * impossible date or time. A time skipped by a DST change moves forward by the gap.
 */
export function zonedToInstant(date: string, time: string, timeZone: string): Date | undefined {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return undefined;
  const [year, month, day, hour, minute] = [d[1], d[2], d[3], t[1], t[2]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  if (hour > 23 || minute > 59) return undefined;
  const naive = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naive);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day
  ) {
    return undefined;
  }
  // Two passes settle the offset on either side of a DST change.
  let guess = naive - offsetAt(timeZone, new Date(naive));
  guess = naive - offsetAt(timeZone, new Date(guess));
  return new Date(guess);
}

/** The local date ("YYYY-MM-DD") and time ("HH:MM") of an instant in `timeZone`. */
export function instantToZoned(instant: Date, timeZone: string): { date: string; time: string } {
  const p = partsIn(timeZone, instant);
  const pad = (n: number) => String(n).padStart(2, "0");
  return {
    date: `${p.year}-${pad(p.month)}-${pad(p.day)}`,
    time: `${pad(p.hour)}:${pad(p.minute)}`,
  };
}

const locales: Record<Lang, string> = { de: "de-DE", en: "en-GB" };

const FORMATS = {
  /** "Mittwoch, 25. November 2026" / "Wednesday, 25 November 2026". */
  date: { weekday: "long", day: "numeric", month: "long", year: "numeric" },
  /** "25.11.2026" / "25/11/2026". */
  shortDate: { day: "2-digit", month: "2-digit", year: "numeric" },
  /** "14:30" in both languages (24-hour clock). */
  time: { hour: "2-digit", minute: "2-digit", hourCycle: "h23" },
} satisfies Record<string, Intl.DateTimeFormatOptions>;

const formatter =
  (format: keyof typeof FORMATS) =>
  (instant: Date, timeZone: string, lang: Lang): string =>
    new Intl.DateTimeFormat(locales[lang], { timeZone, ...FORMATS[format] }).format(instant);

export const formatDate = formatter("date");
export const formatShortDate = formatter("shortDate");
export const formatTime = formatter("time");

/** Midnight at the start of the office's local day containing `instant`. */
export function startOfDay(instant: Date, timeZone: string): Date {
  const { date } = instantToZoned(instant, timeZone);
  return zonedToInstant(date, "00:00", timeZone) ?? instant;
}
