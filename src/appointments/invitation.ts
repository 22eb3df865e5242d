/**
 * @module
 * The invitation a counsellor hands to the client or a further participant:
 * plain text in German or English, a `mailto:` link with it, and an RFC 5545
 * calendar file. A participant's invitation says what their role is and that
 * their code is their own.
 */
import { type Lang, translate } from "../i18n/index.ts";
import { formatDate, formatTime } from "../time.ts";
import { formatCode } from "./codes.ts";
import type { ParticipantRole } from "./participants.ts";

export interface InvitationData {
  lang: Lang;
  origin: string;
  code: string;
  startsAt: Date;
  durationMinutes: number;
  counsellorName: string;
  timeZone: string;
  appointmentId: string;
  /** For a further participant: their id (their calendar entry's own), role and typed role. */
  participant?: { id: string; role: ParticipantRole; roleText: string | null };
}

/** The sentence that tells a further participant why they are invited. */
function roleSentence(lang: Lang, participant: NonNullable<InvitationData["participant"]>) {
  if (participant.role === "other") {
    return translate(lang, "invite.role.other", {
      role: participant.roleText || translate(lang, "participant.role.other"),
    });
  }
  return translate(lang, `invite.role.${participant.role}`);
}

/**
 * An address in the invitation. English invitations ask for English pages
 * (`lang=en`, which the page remembers), whatever the client's browser says;
 * German is the default and needs nothing.
 */
export function inviteLink(origin: string, path: string, lang: Lang): string {
  return lang === "de" ? `${origin}${path}` : `${origin}${path}?lang=${lang}`;
}

/**
 * The invitation link. The code goes after `#`, which no browser sends to a
 * server: the join page's script fills it in (`src/browser/join.ts`), so it never
 * lands in a proxy's access log, a platform's request log or a `Referer`.
 */
export function joinLink(origin: string, code: string, lang: Lang = "de"): string {
  return `${inviteLink(origin, "/join", lang)}#code=${code}`;
}

export function invitationSubject(data: InvitationData): string {
  return translate(data.lang, "invite.subject", {
    date: formatDate(data.startsAt, data.timeZone, data.lang),
  });
}

export function invitationText(data: InvitationData): string {
  const t = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
    translate(data.lang, key, params);
  return [
    t("invite.greeting"),
    "",
    t("invite.when", {
      date: formatDate(data.startsAt, data.timeZone, data.lang),
      time: formatTime(data.startsAt, data.timeZone, data.lang),
      minutes: data.durationMinutes,
    }),
    t("invite.with", { name: data.counsellorName }),
    ...(data.participant
      ? ["", roleSentence(data.lang, data.participant), t("invite.ownCode")]
      : []),
    "",
    t("invite.how"),
    `1. ${t("invite.step1")}`,
    `   ${joinLink(data.origin, data.code, data.lang)}`,
    `2. ${t("invite.step2", { code: formatCode(data.code) })}`,
    `3. ${t("invite.step3")}`,
    "",
    t("invite.place"),
    // The device check records its result on the client's appointment: a further
    // participant tests without their code, so nothing of theirs lands there.
    t("invite.check", {
      url: `${inviteLink(data.origin, "/check", data.lang)}${data.participant ? "" : `#code=${data.code}`}`,
    }),
    t("invite.info", { url: inviteLink(data.origin, "/info", data.lang) }),
  ].join("\n");
}

export function mailtoLink(data: InvitationData): string {
  const subject = encodeURIComponent(invitationSubject(data));
  const body = encodeURIComponent(invitationText(data).replace(/\n/g, "\r\n"));
  return `mailto:?subject=${subject}&body=${body}`;
}

/** RFC 5545 TEXT escaping. */
function escapeText(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/** Folds a content line at 75 octets, never inside a UTF-8 sequence (RFC 5545, 3.1). */
function fold(line: string): string {
  const encoder = new TextEncoder();
  const parts: string[] = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function icsDate(date: Date): string {
  return date
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function invitationIcs(data: InvitationData, now: Date): string {
  const url = joinLink(data.origin, data.code, data.lang);
  const end = new Date(data.startsAt.getTime() + data.durationMinutes * 60_000);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Sprechzimmer//Videosprechstunde//DE",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    "BEGIN:VEVENT",
    `UID:${data.appointmentId}${data.participant ? `-${data.participant.id}` : ""}@sprechzimmer`,
    `DTSTAMP:${icsDate(now)}`,
    `DTSTART:${icsDate(data.startsAt)}`,
    `DTEND:${icsDate(end)}`,
    `SUMMARY:${escapeText(translate(data.lang, "invite.calendarTitle"))}`,
    `DESCRIPTION:${escapeText(invitationText(data))}`,
    `LOCATION:${escapeText(url)}`,
    `URL:${url}`,
    "BEGIN:VALARM",
    "ACTION:DISPLAY",
    `DESCRIPTION:${escapeText(translate(data.lang, "invite.calendarTitle"))}`,
    "TRIGGER:-PT15M",
    "END:VALARM",
    "END:VEVENT",
    "END:VCALENDAR",
  ];
  return `${lines.map(fold).join("\r\n")}\r\n`;
}
