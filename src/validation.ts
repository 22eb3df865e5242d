/**
 * @module
 * Field rules shared by every form, as zod schemas whose messages are i18n keys
 * (the route translates them). Names are trimmed, NFC-normalised, length-limited
 * and free of control characters; everything is rendered escaped by JSX.
 */
import { z } from "zod";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./auth/passwords.ts";
import type { MessageKey } from "./i18n/index.ts";

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]/;

const key = (k: MessageKey) => ({ error: k });

/** A person's name as typed: 1–80 characters after trimming. */
export const personName = z
  .string(key("form.name.required"))
  .transform((value) => value.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, key("form.name.required"))
      .max(80, key("form.name.tooLong"))
      .refine((value) => !CONTROL.test(value), key("form.name.invalid")),
  );

/** A short message in the waiting room: 1–200 characters after trimming, no control characters. */
export const shortMessage = z
  .string(key("form.message.required"))
  .transform((value) => value.normalize("NFC").trim())
  .pipe(
    z
      .string()
      .min(1, key("form.message.required"))
      .max(200, key("form.message.tooLong"))
      .refine((value) => !CONTROL.test(value), key("form.message.invalid")),
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
