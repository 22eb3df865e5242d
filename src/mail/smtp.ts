/**
 * @module
 * The SMTP sender for Node and Deno: nodemailer with the operator's SMTP_URL
 * (`smtp://` with STARTTLS when the server offers it, `smtps://` for TLS from
 * the first byte; nodemailer's options may follow as a query, e.g.
 * `?requireTLS=true`). Never imported by the Worker, whose bundle stays free of it.
 */
import { createTransport } from "nodemailer";
import type { Mailer, MailMessage, MailResult } from "./mailer.ts";

/** Errors that mean no mail server answered; anything else it answered with a refusal. */
const UNREACHABLE = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROXY"]);

export interface SmtpMailer extends Mailer {
  /** Connects and signs in once, for the start-up check; sends nothing. */
  verify(): Promise<MailResult>;
  close(): void;
}

function failure(error: unknown): MailResult {
  const code = String((error as { code?: unknown }).code ?? "unknown");
  return { sent: false, reason: UNREACHABLE.has(code) ? "unreachable" : "refused", code };
}

export function smtpMailer(settings: { SMTP_URL: string; MAIL_FROM: string }): SmtpMailer {
  const transport = createTransport(
    {
      url: settings.SMTP_URL,
      // A counsellor waits for the answer: a dead server must not hold the page for minutes.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    },
    { from: settings.MAIL_FROM },
  );
  return {
    async send(message: MailMessage) {
      try {
        await transport.sendMail({
          to: message.to,
          subject: message.subject,
          text: message.text,
          // No out-of-office answers to an automatic message (RFC 3834).
          headers: { "Auto-Submitted": "auto-generated" },
        });
        return { sent: true };
      } catch (error) {
        return failure(error);
      }
    },
    async verify() {
      try {
        await transport.verify();
        return { sent: true };
      } catch (error) {
        return failure(error);
      }
    },
    close() {
      transport.close();
    },
  };
}
