/**
 * @module
 * Configuration, parsed once from the environment with zod. Every runtime calls
 * `parseConfig` with its own environment object; a bad value becomes one
 * `ConfigError` line that names the variable and what is allowed.
 */
import { z } from "zod";

/** The retention ceiling the German rules allow: three months. */
export const MAX_RETENTION_DAYS = 90;

/** How long D1's Time Travel keeps a restorable history of every change (Workers Paid plan). */
export const D1_HISTORY_DAYS = 30;

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("de-DE", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

/**
 * A whole number from `min` to `max`, with one message for every way it can be
 * wrong (`overMax` words the ceiling where it needs its own reason).
 */
function wholeNumber(min: number, max: number, message: string, overMax = message) {
  return inRange(z.coerce.number({ error: message }), min, max, message, overMax);
}

function inRange<T extends z.ZodNumber | z.ZodCoercedNumber>(
  number: T,
  min: number,
  max: number,
  message: string,
  overMax = message,
): T {
  return number
    .int({ error: message })
    .min(min, { error: message })
    .max(max, { error: overMax }) as T;
}

const PROXIES = "must be the number of trusted proxies from 0 to 10 (true = 1, false = 0)";
const MILLISECONDS = "must be a whole number of milliseconds from 100 to 600000";

const schema = z.object({
  PORT: wholeNumber(0, 65535, "must be a port number from 0 to 65535").default(8787),
  HOST: z
    .string()
    .trim()
    .min(1, { error: "must be a host name or IP address" })
    .default("127.0.0.1"),
  DATA_DIR: z.string().trim().min(1, { error: "must be a folder path" }).default("./data"),
  DATABASE_URL: z
    .string()
    .trim()
    .regex(/^(file|libsql|https?|wss?):/, {
      error: "must start with file:, libsql:, https:, http:, wss: or ws:",
    })
    .optional(),
  DATABASE_AUTH_TOKEN: optionalText,
  SERVER_SECRET: optionalText.pipe(
    z.string().min(32, { error: "must be at least 32 characters long" }).optional(),
  ),
  SETUP_TOKEN: optionalText.pipe(
    z.string().min(16, { error: "must be at least 16 characters long" }).optional(),
  ),
  RETENTION_DAYS: wholeNumber(
    1,
    MAX_RETENTION_DAYS,
    `must be a whole number of days from 1 to ${MAX_RETENTION_DAYS}`,
    `must be at most ${MAX_RETENTION_DAYS} days (metadata is deleted after three months at the latest)`,
  ).optional(),
  // Days the database keeps deleted rows restorable (D1 Time Travel, a provider's
  // point-in-time restore, backups): counted into the three months.
  DATABASE_HISTORY_DAYS: wholeNumber(
    0,
    MAX_RETENTION_DAYS - 1,
    `must be a whole number of days from 0 to ${MAX_RETENTION_DAYS - 1}`,
  ).default(0),
  TIME_ZONE: z
    .string()
    .trim()
    .refine(isTimeZone, { error: "must be an IANA time zone such as Europe/Berlin" })
    .default("Europe/Berlin"),
  PUBLIC_URL: optionalText.pipe(
    z.url({ error: "must be a full URL such as https://video.example.org" }).optional(),
  ),
  OPERATOR: optionalText,
  // The privacy notice (/info) and the imprint (/imprint), shown without signing in.
  OPERATOR_ADDRESS: optionalText,
  OPERATOR_CONTACT: optionalText,
  OPERATOR_REPRESENTATIVE: optionalText,
  OPERATOR_REGISTER: optionalText,
  DPO_CONTACT: optionalText,
  SUPERVISORY_AUTHORITY: optionalText,
  HOSTING_PROVIDER: optionalText,
  TURN_PROVIDER: optionalText,
  WAITING_ROOM_OPENS_MINUTES: wholeNumber(
    0,
    240,
    "must be a whole number of minutes from 0 to 240",
  ).default(15),
  QUICK_EXIT_URL: z
    .url({ protocol: /^https?$/, error: "must be a full http(s) URL of a neutral page" })
    .default("https://www.wikipedia.org/"),
  STUN_URLS: optionalText.pipe(
    z
      .string()
      .regex(/^stuns?:[^\s,]+(,\s*stuns?:[^\s,]+)*$/, {
        error: "must be a comma-separated list of stun: or stuns: URLs",
      })
      .optional(),
  ),
  TURN_URLS: optionalText.pipe(
    z
      .string()
      .regex(/^turns?:[^\s,]+(,\s*turns?:[^\s,]+)*$/, {
        error: "must be a comma-separated list of turn: or turns: URLs",
      })
      .optional(),
  ),
  TURN_SECRET: optionalText.pipe(
    z.string().min(16, { error: "must be at least 16 characters long" }).optional(),
  ),
  // Invitations and reminders by e-mail (Node and Deno only): both or neither.
  SMTP_URL: optionalText.pipe(
    z
      .string()
      .regex(/^smtps?:\/\/[^\s/]+/, {
        error:
          "must be an smtp:// or smtps:// URL such as smtp://user:password@mail.example.org:587",
      })
      .optional(),
  ),
  MAIL_FROM: optionalText.pipe(
    z
      .string()
      .regex(/^(?:[^<>\r\n]*<[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+>|[^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)$/, {
        error: "must be an e-mail address, optionally with a name: Termine <termine@example.org>",
      })
      .optional(),
  ),
  // Password hashing on Node and Deno: worker threads, and sign-ins that may wait for one.
  PASSWORD_HASH_THREADS: wholeNumber(1, 8, "must be a whole number from 1 to 8").default(2),
  PASSWORD_HASH_QUEUE: wholeNumber(0, 100, "must be a whole number from 0 to 100").default(8),
  TURN_TTL_SECONDS: wholeNumber(
    60,
    86400,
    "must be a whole number of seconds from 60 to 86400",
  ).default(3600),
  // The number of trusted reverse proxies in front; true/false are kept as 1/0.
  TRUST_PROXY: z
    .string()
    .trim()
    .toLowerCase()
    .transform((value) => Number({ true: "1", yes: "1", false: "0", no: "0" }[value] ?? value))
    .pipe(inRange(z.number({ error: PROXIES }), 0, 10, PROXIES))
    .default(0),
  SERVER_HEADERS_TIMEOUT_MS: wholeNumber(100, 600_000, MILLISECONDS).default(20_000),
  SERVER_REQUEST_TIMEOUT_MS: wholeNumber(100, 600_000, MILLISECONDS).default(30_000),
  ROOMS_JURISDICTION: z
    .enum(["eu", "fedramp", "none"], { error: "must be eu, fedramp or none" })
    .default("eu"),
});

/**
 * The parsed configuration every part of the app reads. `RETENTION_DAYS` is
 * always set: by default as long as the three months allow after the
 * database's restorable history.
 */
export type Config = Omit<z.infer<typeof schema>, "RETENTION_DAYS"> & { RETENTION_DAYS: number };

/** A configuration problem, worded as one line for the operator. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

/**
 * Parses the environment. Empty strings count as unset, so `FOO=` in a shell
 * falls back to the default instead of failing. `defaults` are a runtime's own
 * defaults (the Worker on D1 sets `DATABASE_HISTORY_DAYS`), used where the
 * environment leaves a variable unset.
 */
export function parseConfig(
  env: Record<string, string | undefined>,
  defaults: Record<string, string> = {},
): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    if (typeof value === "string" && value.trim() !== "") cleaned[key] = value;
    else if (defaults[key] !== undefined) cleaned[key] = defaults[key];
  }
  const result = schema.safeParse(cleaned);
  if (result.success) {
    const history = result.data.DATABASE_HISTORY_DAYS;
    const longest = MAX_RETENTION_DAYS - history;
    const retention = result.data.RETENTION_DAYS ?? longest;
    if (retention > longest) {
      throw new ConfigError(
        `Configuration error: RETENTION_DAYS must be at most ${longest} days, since the database keeps deleted rows restorable for ${history} more (DATABASE_HISTORY_DAYS) and metadata is deleted after three months at the latest (got "${retention}").`,
      );
    }
    if (result.data.TURN_URLS && !result.data.TURN_SECRET) {
      throw new ConfigError("Configuration error: TURN_SECRET must be set when TURN_URLS is set.");
    }
    if (Boolean(result.data.SMTP_URL) !== Boolean(result.data.MAIL_FROM)) {
      throw new ConfigError(
        `Configuration error: SMTP_URL and MAIL_FROM go together; ${result.data.SMTP_URL ? "MAIL_FROM" : "SMTP_URL"} is missing (set both to send invitations by e-mail, or neither).`,
      );
    }
    if (result.data.SMTP_URL && !result.data.PUBLIC_URL) {
      throw new ConfigError(
        "Configuration error: PUBLIC_URL must be set when SMTP_URL is set: the invitations and reminders sent by e-mail link to it.",
      );
    }
    if (result.data.SERVER_REQUEST_TIMEOUT_MS < result.data.SERVER_HEADERS_TIMEOUT_MS) {
      throw new ConfigError(
        "Configuration error: SERVER_REQUEST_TIMEOUT_MS must not be below SERVER_HEADERS_TIMEOUT_MS.",
      );
    }
    return { ...result.data, RETENTION_DAYS: retention };
  }
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? "configuration");
  const got = cleaned[variable];
  const shown =
    got === undefined || /SECRET|TOKEN|SMTP_URL/.test(variable) ? "" : ` (got "${got}")`;
  throw new ConfigError(`Configuration error: ${variable} ${issue?.message}${shown}.`);
}

/**
 * For the entry files: the configuration, or the one line that says what is wrong
 * on standard error and an exit with status 1.
 */
export function configOrExit(
  env: Record<string, string | undefined>,
  exit: (code: number) => never,
): Config {
  try {
    return parseConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    console.error(error.message);
    return exit(1);
  }
}
