/**
 * @module
 * The appointment form: validated with zod, times read in the office's time
 * zone, messages as i18n keys.
 */
import { z } from "zod";
import type { AppointmentFormValues } from "../../views/model.ts";
import type { MessageKey } from "../i18n/index.ts";
import { zonedToInstant } from "../time.ts";
import { fieldErrors, personName } from "../validation.ts";
import type { AppointmentInput } from "./store.ts";

export type { AppointmentFormValues };

const fields = z.object({
  clientName: personName,
  date: z
    .string({ error: "appt.date.invalid" })
    .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "appt.date.invalid" }),
  time: z
    .string({ error: "appt.time.invalid" })
    .regex(/^\d{2}:\d{2}$/, { error: "appt.time.invalid" }),
  durationMinutes: z.coerce
    .number({ error: "appt.duration.invalid" })
    .int({ error: "appt.duration.invalid" })
    .min(5, { error: "appt.duration.invalid" })
    .max(240, { error: "appt.duration.invalid" }),
  note: z
    .string()
    .transform((value) => value.normalize("NFC").trim())
    .pipe(z.string().max(1000, { error: "appt.note.tooLong" }))
    .optional(),
});

/** What the form showed, to render it again as typed. */
export type ParsedForm =
  | { ok: true; input: AppointmentInput }
  | { ok: false; errors: Record<string, MessageKey>; values: AppointmentFormValues };

export function parseAppointmentForm(
  body: Record<string, unknown>,
  timeZone: string,
  now: Date,
): ParsedForm {
  const values: AppointmentFormValues = {
    clientName: String(body.clientName ?? ""),
    date: String(body.date ?? ""),
    time: String(body.time ?? ""),
    durationMinutes: String(body.durationMinutes ?? ""),
    note: String(body.note ?? ""),
  };
  const parsed = fields.safeParse(values);
  const errors: Record<string, MessageKey> = parsed.success ? {} : fieldErrors(parsed.error);
  if (!parsed.success) return { ok: false, errors, values };
  const startsAt = zonedToInstant(parsed.data.date, parsed.data.time, timeZone);
  if (!startsAt) return { ok: false, errors: { date: "appt.date.invalid" }, values };
  if (startsAt.getTime() + parsed.data.durationMinutes * 60_000 < now.getTime()) {
    return { ok: false, errors: { date: "appt.date.past" }, values };
  }
  return {
    ok: true,
    input: {
      clientName: parsed.data.clientName,
      startsAt,
      durationMinutes: parsed.data.durationMinutes,
      note: parsed.data.note || undefined,
    },
  };
}
