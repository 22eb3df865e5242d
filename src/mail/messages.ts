/**
 * @module
 * The invitation and reminder mails: neutral plain text in German or English
 * with the time, the join address (which opens the pages in the mail's
 * language) and the dial-in code. Deliberately not the invitation shown on the
 * appointment page: that one names the counsellor and the consultation, and a
 * client's mailbox may be read by others.
 */
import { formatCode } from "../appointments/codes.ts";
import { inviteLink, joinLink } from "../appointments/invitation.ts";
import { type Lang, type MessageKey, translate } from "../i18n/index.ts";
import { formatDate, formatTime } from "../time.ts";
import type { MailMessage } from "./mailer.ts";

export interface MailData {
  lang: Lang;
  to: string;
  origin: string;
  code: string;
  startsAt: Date;
  durationMinutes: number;
  timeZone: string;
}

/** The first mail (`invitation`) or one of the reminders before the start. */
export type MailKind = "invitation" | "reminder";

export function appointmentMail(kind: MailKind, data: MailData): MailMessage {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(data.lang, key, params);
  const when = {
    date: formatDate(data.startsAt, data.timeZone, data.lang),
    time: formatTime(data.startsAt, data.timeZone, data.lang),
    minutes: data.durationMinutes,
  };
  const text = [
    t("mail.greeting"),
    "",
    t(kind === "invitation" ? "mail.when" : "mail.reminderWhen", when),
    "",
    t("mail.how"),
    `1. ${t("mail.step1")}`,
    `   ${joinLink(data.origin, data.code, data.lang)}`,
    `2. ${t("mail.step2", { code: formatCode(data.code) })}`,
    `3. ${t("mail.step3")}`,
    "",
    t("mail.place"),
    t("mail.check", { url: `${inviteLink(data.origin, "/check", data.lang)}#code=${data.code}` }),
    "",
    t("mail.automatic"),
  ].join("\n");
  const subject = t(kind === "invitation" ? "mail.subject" : "mail.reminderSubject", when);
  return { to: data.to, subject, text };
}
