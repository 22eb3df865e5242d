/**
 * @module
 * What the app needs to send an e-mail, and nothing of how: Node and Deno pass
 * an SMTP sender (`mail/smtp.ts`, over nodemailer) when SMTP_URL and MAIL_FROM
 * are set; the Worker, which cannot open SMTP connections, passes `null`, and so
 * does a server without mail settings.
 */

/** One plain-text message to one address; the sender is the operator's MAIL_FROM. */
export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * How a sending went. `refused`: the mail server answered and would not take
 * the message (the address, the sender, the sign-in); `unreachable`: no answer
 * in time (wrong host or port, network, TLS). `code` is the sender's error code,
 * for the log: never the address or the server's text, which may quote it.
 */
export type MailResult =
  | { sent: true }
  | { sent: false; reason: "refused" | "unreachable"; code: string };

export interface Mailer {
  send(message: MailMessage): Promise<MailResult>;
}
