/**
 * Test helper: a real SMTP server (the `smtp-server` package) on 127.0.0.1 at a
 * free port, which accepts any sign-in and keeps every message it receives,
 * parsed by `mailparser`. The app sends to it over a real socket with nodemailer.
 */
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface Received {
  /** The envelope's recipients, as the server saw them. */
  to: string[];
  from: string;
  subject: string;
  text: string;
  headers: ParsedMail["headers"];
}

export interface TestSmtp {
  port: number;
  /** `SMTP_URL` for the app: signs in with a user and password. */
  url: string;
  received: Received[];
  /** Who signed in, per message. */
  users: string[];
  /** Resolves once `count` messages have arrived in all. */
  waitFor(count: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startSmtp(): Promise<TestSmtp> {
  const received: Received[] = [];
  const users: string[] = [];
  const waiting: { count: number; resolve: () => void }[] = [];
  const server = new SMTPServer({
    // Plain SMTP on loopback: no STARTTLS offered, sign-in allowed without it.
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "mailer" && auth.password === "mail-secret") {
        users.push(auth.username);
        callback(null, { user: auth.username });
      } else callback(new Error("Invalid username or password"));
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push({
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            subject: mail.subject ?? "",
            text: mail.text ?? "",
            headers: mail.headers,
          });
          for (const wait of waiting) if (received.length >= wait.count) wait.resolve();
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    port,
    url: `smtp://mailer:mail-secret@127.0.0.1:${port}`,
    received,
    users,
    waitFor(count) {
      if (received.length >= count) return Promise.resolve(received);
      return new Promise((resolve) => waiting.push({ count, resolve: () => resolve(received) }));
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
