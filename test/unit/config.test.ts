import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "../../src/config.ts";

describe("parseConfig", () => {
  it("has working defaults for the embedded start", () => {
    const config = parseConfig({});
    expect(config.PORT).toBe(8787);
    expect(config.HOST).toBe("127.0.0.1");
    expect(config.RETENTION_DAYS).toBe(90);
    expect(config.TIME_ZONE).toBe("Europe/Berlin");
    expect(config.ROOMS_JURISDICTION).toBe("eu");
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it("reads values and treats empty strings as unset", () => {
    const config = parseConfig({
      PORT: "9000",
      RETENTION_DAYS: "30",
      SETUP_TOKEN: "",
      OPERATOR: " ",
    });
    expect(config.PORT).toBe(9000);
    expect(config.RETENTION_DAYS).toBe(30);
    expect(config.SETUP_TOKEN).toBeUndefined();
    expect(config.OPERATOR).toBeUndefined();
  });

  it.each([
    ["RETENTION_DAYS", "120", /RETENTION_DAYS must be at most 90 days.*\(got "120"\)/],
    ["RETENTION_DAYS", "0", /RETENTION_DAYS must be a whole number of days from 1 to 90/],
    ["RETENTION_DAYS", "abc", /RETENTION_DAYS must be a whole number of days/],
    ["PORT", "70000", /PORT must be a port number from 0 to 65535/],
    ["PORT", "eighty", /PORT must be a port number/],
    ["TIME_ZONE", "Mars/Olympus", /TIME_ZONE must be an IANA time zone/],
    ["DATABASE_URL", "postgres://x", /DATABASE_URL must start with file:/],
    ["PUBLIC_URL", "not a url", /PUBLIC_URL must be a full URL/],
    ["ROOMS_JURISDICTION", "us", /ROOMS_JURISDICTION must be eu, fedramp or none/],
    ["MAIL_FROM", "termine", /MAIL_FROM must be an e-mail address.*\(got "termine"\)/],
  ])("refuses %s=%s with one line naming it", (name, value, message) => {
    let error: unknown;
    try {
      parseConfig({ [name]: value });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = (error as Error).message;
    expect(text).toMatch(message);
    expect(text).not.toContain("\n");
    expect(text.startsWith("Configuration error: ")).toBe(true);
  });

  it("counts the database's restorable history into the three months", () => {
    expect(parseConfig({}).DATABASE_HISTORY_DAYS).toBe(0);
    // The Worker on D1 passes Time Travel's 30 days as its default.
    const d1 = { DATABASE_HISTORY_DAYS: "30" };
    expect(parseConfig({}, d1)).toMatchObject({ RETENTION_DAYS: 60, DATABASE_HISTORY_DAYS: 30 });
    expect(parseConfig({ RETENTION_DAYS: "14" }, d1).RETENTION_DAYS).toBe(14);
    // The environment wins over a runtime's default (D1 on the Free plan keeps 7 days).
    expect(parseConfig({ DATABASE_HISTORY_DAYS: "7" }, d1).RETENTION_DAYS).toBe(83);
    expect(parseConfig({ DATABASE_HISTORY_DAYS: "" }, d1).DATABASE_HISTORY_DAYS).toBe(30);
    expect(() => parseConfig({ RETENTION_DAYS: "61" }, d1)).toThrowError(
      /^Configuration error: RETENTION_DAYS must be at most 60 days, since the database keeps deleted rows restorable for 30 more \(DATABASE_HISTORY_DAYS\) and metadata is deleted after three months at the latest \(got "61"\)\.$/,
    );
    expect(() => parseConfig({ DATABASE_HISTORY_DAYS: "90" })).toThrowError(
      /^Configuration error: DATABASE_HISTORY_DAYS must be a whole number of days from 0 to 89/,
    );
  });

  it("never echoes a secret back", () => {
    expect(() => parseConfig({ SERVER_SECRET: "short-secret" })).toThrowError(
      /^Configuration error: SERVER_SECRET must be at least 32 characters long\.$/,
    );
  });

  it("reads the server timeouts and keeps the request timeout above the headers timeout", () => {
    const defaults = parseConfig({});
    expect(defaults.SERVER_HEADERS_TIMEOUT_MS).toBe(20_000);
    expect(defaults.SERVER_REQUEST_TIMEOUT_MS).toBe(30_000);
    expect(parseConfig({ SERVER_HEADERS_TIMEOUT_MS: "500" }).SERVER_HEADERS_TIMEOUT_MS).toBe(500);
    expect(() => parseConfig({ SERVER_HEADERS_TIMEOUT_MS: "40000" })).toThrowError(
      /SERVER_REQUEST_TIMEOUT_MS must not be below SERVER_HEADERS_TIMEOUT_MS/,
    );
    expect(() => parseConfig({ SERVER_HEADERS_TIMEOUT_MS: "10" })).toThrowError(
      /SERVER_HEADERS_TIMEOUT_MS must be a whole number of milliseconds/,
    );
  });

  it("takes the mail settings together, or neither, and never echoes the SMTP URL", () => {
    const mail = parseConfig({
      PUBLIC_URL: "https://video.example.org",
      SMTP_URL: "smtps://user:pass@mail.example.org:465",
      MAIL_FROM: "Termine <termine@example.org>",
    });
    expect(mail.SMTP_URL).toBe("smtps://user:pass@mail.example.org:465");
    expect(mail.MAIL_FROM).toBe("Termine <termine@example.org>");
    expect(parseConfig({}).SMTP_URL).toBeUndefined();
    expect(() =>
      parseConfig({ MAIL_FROM: "termine@example.org", SMTP_URL: "smtp://localhost:25" }),
    ).toThrowError(/^Configuration error: PUBLIC_URL must be set when SMTP_URL is set/);
    expect(() => parseConfig({ SMTP_URL: "smtp://mail.example.org:587" })).toThrowError(
      /^Configuration error: SMTP_URL and MAIL_FROM go together; MAIL_FROM is missing/,
    );
    expect(() => parseConfig({ MAIL_FROM: "termine@example.org" })).toThrowError(
      /^Configuration error: SMTP_URL and MAIL_FROM go together; SMTP_URL is missing/,
    );
    expect(() =>
      parseConfig({ SMTP_URL: "mail://user:geheim@host", MAIL_FROM: "a@example.org" }),
    ).toThrowError(/^Configuration error: SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL[^"]*\.$/);
  });
});
