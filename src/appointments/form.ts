/**
 * @module
 * The appointment form: validated with zod (through `validForm`), times read
 * in the office's time zone, messages as i18n keys.
 */
import { z } from "zod";
import type { AppointmentFormValues } from "../../views/model.ts";
import type { MessageKey } from "../i18n/index.ts";
import { zonedToInstant } from "../time.ts";
import { personName } from "../validation.ts";
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

/**
 * The appointment form's rules: times read in the office's `timeZone`, and an
 * appointment that would already be over at `now` refused. What passes is what
 * the store takes.
 */
export function appointmentForm(timeZone: string, now: Date) {
  return fields.transform((data, ctx): AppointmentInput => {
    const startsAt = zonedToInstant(data.date, data.time, timeZone);
    const past = startsAt && startsAt.getTime() + data.durationMinutes * 60_000 < now.getTime();
    if (!startsAt || past) {
      const message: MessageKey = startsAt ? "appt.date.past" : "appt.date.invalid";
      ctx.addIssue({ code: "custom", path: ["date"], message });
      return z.NEVER;
    }
    return {
      clientName: data.clientName,
      startsAt,
      durationMinutes: data.durationMinutes,
      note: data.note || undefined,
    };
  });
}
