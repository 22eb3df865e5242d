/**
 * @module
 * How a route takes a form, and the field rules shared by every form: zod
 * schemas whose messages are i18n keys (the route translates them). Names are
 * trimmed, NFC-normalised, length-limited and free of control characters;
 * everything is rendered escaped by JSX.
 *
 * Every form goes through `validForm`: the schema checks the body's text, a
 * failure gets the route's own page with the typed values and the first
 * message per field, and the handler reads `c.req.valid("form")`.
 */
import type { Context } from "hono";
import { validator } from "hono/validator";
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./auth/passwords.ts";
import type { AppEnv } from "./deps.ts";
import { badRequestPage } from "./errors.tsx";
import type { MessageKey } from "./i18n/index.ts";

/**
 * Never part of a person's name: control characters, line and paragraph separators,
 * invisible characters (zero-width space/joiners, word joiner, BOM) and every bidi
 * control (marks, embeddings, overrides, isolates, the Arabic letter mark), which can
 * make a name look like another one.
 */
const NAME_FORBIDDEN = /[\p{Cc}\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/u;

/** The longest name accepted, in characters (code points). */
export const NAME_MAX = 80;

/**
 * The one rule for every person's name (a client's, a counsellor's, a further
 * participant's): trimmed, NFC, 1–80 characters, nothing from `NAME_FORBIDDEN`.
 * Each form brings its own message keys.
 */
export function nameRule<K extends string>(messages: { required: K; tooLong: K; invalid: K }) {
  // Checked before trimming too: trim() would silently drop a leading BOM.
  return z
    .string({ error: messages.required })
    .refine((value) => !NAME_FORBIDDEN.test(value), { error: messages.invalid })
    .transform((value) => value.normalize("NFC").trim())
    .pipe(
      z
        .string()
        .min(1, { error: messages.required })
        .refine((value) => [...value].length <= NAME_MAX, { error: messages.tooLong }),
    );
}

const key = (k: MessageKey) => ({ error: k });

/** A person's name as typed on the counsellor's forms. */
export const personName = nameRule<MessageKey>({
  required: "form.name.required",
  tooLong: "form.name.tooLong",
  invalid: "form.name.invalid",
});

/** A short message in the waiting room: 1–200 characters after trimming, no control characters. */
export const shortMessage = z
  .string(key("form.message.required"))
  .transform((value) => value.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, key("form.message.required"))
      .max(200, key("form.message.tooLong"))
      .refine((value) => !NAME_FORBIDDEN.test(value), key("form.message.invalid")),
  );

export const email = z
  .string(key("form.email.invalid"))
  .transform((value) => value.normalize("NFC").trim().toLowerCase())
  .pipe(z.email(key("form.email.invalid")).max(200, key("form.email.invalid")));

export const newPassword = z
  .string(key("form.password.tooShort"))
  .min(PASSWORD_MIN_LENGTH, key("form.password.tooShort"))
  .max(PASSWORD_MAX_LENGTH, key("form.password.tooLong"));

/** The first message key per field, for re-rendering a form. */
export function fieldErrors(error: z.ZodError): Record<string, MessageKey> {
  const out: Record<string, MessageKey> = {};
  for (const issue of error.issues) {
    const field = String(issue.path[0] ?? "_form");
    out[field] ??= issue.message as MessageKey;
  }
  return out;
}

/** A form as typed: every field as text (a repeated field counts once, a file not at all). */
export type FormValues = Record<string, string>;

/** A form that did not pass: the first message per field and the text as typed. */
export interface FormFailure {
  errors: Record<string, MessageKey>;
  values: FormValues;
}

function textValues(body: Record<string, unknown>): FormValues {
  const values: FormValues = {};
  for (const [field, value] of Object.entries(body)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (typeof first === "string") values[field] = first;
  }
  return values;
}

/**
 * The one way a route validates a form. `schema` may depend on the request
 * (the office's time zone, the clock); `invalid` answers with the form again.
 */
export function validForm<S extends z.ZodType>(
  schema: S | ((c: Context<AppEnv>) => S),
  invalid: (c: Context<AppEnv>, failure: FormFailure) => Response | Promise<Response>,
) {
  return validator("form", async (body, c: Context<AppEnv>) => {
    const values = textValues(body);
    const rules = schema instanceof z.ZodType ? schema : schema(c);
    const parsed = await rules.safeParseAsync(values);
    if (!parsed.success) return invalid(c, { errors: fieldErrors(parsed.error), values });
    return parsed.data;
  });
}

/** A link's query, the same way: a query no schema accepts is a localised 400. */
export function validQuery<S extends z.ZodType>(schema: S) {
  return validator("query", async (query, c: Context<AppEnv>) => {
    const parsed = await schema.safeParseAsync(query);
    if (!parsed.success) return badRequestPage(c);
    return parsed.data;
  });
}
