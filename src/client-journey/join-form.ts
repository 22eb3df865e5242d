/**
 * @module
 * The join form's zod schema. Error messages are i18n keys, so the page can show
 * each one in the visitor's language next to its field.
 */
import { z } from "zod";
import type { JoinErrors, JoinValues } from "../../views/model.ts";
import { normalizeCode } from "../appointments/codes.ts";
import { NAME_MAX, nameRule } from "../validation.ts";

export type { JoinErrors, JoinValues };

export { NAME_MAX };

/** A name as the client types it: the one name rule, with the join form's messages. */
export const nameSchema = nameRule({
  required: "join.error.nameEmpty",
  tooLong: "join.error.nameLong",
  invalid: "join.error.nameChars",
});

/** A dial-in code as typed → its bare digits; anything else gets the one generic message. */
export const codeSchema = z
  .string({ error: "join.error.code" })
  .max(64, { error: "join.error.code" })
  .refine((value) => normalizeCode(value) !== undefined, { error: "join.error.code" })
  .transform((value) => normalizeCode(value) ?? "");

/** The join form: `code`, `name` and the `consent` checkbox. */
export const joinSchema = z.object({
  code: codeSchema,
  name: nameSchema,
  consent: z.string({ error: "join.error.consent" }).min(1, { error: "join.error.consent" }),
});

/** `?code=` on a link: anything too long is ignored rather than refused. */
export const codeQuerySchema = z.object({
  code: z.string().max(64).optional().catch(undefined),
});

/** Which field each error belongs to; `form` is about the appointment itself. */
/** Reads the raw form body the validator saw, for echoing it back. */
export function typedValues(data: unknown): JoinValues {
  const record = (data ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === "string" ? value.slice(0, 200) : "");
  return {
    code: text(record.code),
    name: text(record.name),
    consent: typeof record.consent === "string" && record.consent !== "",
  };
}
