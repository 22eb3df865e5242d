/**
 * E-mail on the Node and Deno entries as real processes: with SMTP settings the
 * start checks the mail server and the appointment page sends the invitation to
 * a real SMTP server on loopback; half the settings stop the start with one line.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  RUNTIME_ENTRIES,
  type RunningServer,
  runToEnd,
  startServer,
} from "../../support/process.ts";
import { startSmtp, type TestSmtp } from "../helpers/smtp.ts";

let server: RunningServer | undefined;
let smtp: TestSmtp | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.stop();
  await smtp?.close();
  server = undefined;
  smtp = undefined;
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function dataDir(name: string): string {
  const parent = mkdtempSync(join(tmpdir(), `sprechzimmer-mail-${name}-`));
  dirs.push(parent);
  return join(parent, "data");
}

/** Waits until the server's output matches, or fails after a while with what it said. */
async function outputMatches(running: RunningServer, pattern: RegExp): Promise<void> {
  for (let i = 0; i < 100 && !pattern.test(running.output()); i++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  expect(running.output()).toMatch(pattern);
}

describe.each(Object.entries(RUNTIME_ENTRIES))("the %s entry", (name, { command, args }) => {
  it("checks the mail server at start and sends the invitation from the appointment page", async () => {
    smtp = await startSmtp();
    server = await startServer(command, args, {
      PORT: "0",
      DATA_DIR: dataDir(name),
      SMTP_URL: smtp.url,
      MAIL_FROM: "Termine <termine@example.org>",
      PUBLIC_URL: "https://video.example.org",
    });
    await outputMatches(server, /"event":"mail ready"/);
    expect(server.output()).not.toContain("mail-secret");

    const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(server.output())?.[1] ?? "";
    const origin = new URL(server.url).origin;
    const form = (data: Record<string, string>, cookie = "") => ({
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin, cookie },
      body: new URLSearchParams(data).toString(),
      redirect: "manual" as const,
    });
    const setup = await fetch(
      link,
      form({ name: "Anna", email: "anna@example.org", password: "correct horse battery" }),
    );
    const cookie = (setup.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const created = await fetch(
      `${server.url}/appointments`,
      form(
        { clientName: "Frau Müller", date: "2099-01-05", time: "10:00", durationMinutes: "50" },
        cookie,
      ),
    );
    const page = created.headers.get("location")?.split("?")[0] ?? "";
    const html = await (await fetch(`${server.url}${page}`, { headers: { cookie } })).text();
    const code = /data-dial-in-code="(\d{12})"/.exec(html)?.[1] ?? "";
    expect(html).toContain("Einladung per E-Mail senden");

    const sent = await fetch(
      `${server.url}${page}/email-invitation`,
      form({ to: "klient@example.net", reminders: "both", lang: "de" }, cookie),
    );
    expect(sent.status).toBe(303);
    const [mail] = await smtp.waitFor(1);
    expect(mail?.to).toEqual(["klient@example.net"]);
    expect(mail?.subject).toBe("Ihr Termin am Montag, 5. Januar 2099 um 10:00 Uhr");
    expect(mail?.text).toContain(`https://video.example.org/join#code=${code}`);
    expect(server.output()).not.toContain("klient@example.net");
  });

  it("refuses to start with half the mail settings, with one line", async () => {
    const result = await runToEnd(command, args, {
      PORT: "0",
      DATA_DIR: dataDir(name),
      SMTP_URL: "smtp://mailer:mail-secret@127.0.0.1:2525",
    });
    expect(result.code).toBe(1);
    expect(result.output.trim().split("\n").at(-1)).toMatch(
      /^Configuration error: SMTP_URL and MAIL_FROM go together; MAIL_FROM is missing/,
    );
    expect(result.output).not.toContain("mail-secret");
  });
});
