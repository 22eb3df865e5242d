/**
 * @module
 * `POST /appointments/:id/email-invitation`: sends the client the neutral
 * invitation by e-mail and keeps the address for the chosen reminders. A bad
 * address gets the page again with the message next to the field; a mail
 * server that does not take the mail gets the page with a plain sentence and
 * everything typed, and nothing is stored. The reminders can be stopped on
 * their own (`…/email-reminders/stop`), which deletes the address at once.
 */
import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../deps.ts";
import { appointmentMail } from "../mail/messages.ts";
import { publicOrigin } from "../security/request.ts";
import { email, validForm } from "../validation.ts";
import { loadOwnAppointment } from "./own.ts";
import { showAppointment } from "./page-routes.tsx";
import { NO_REMINDERS, REMINDER_CHOICES, reminderColumns } from "./reminders.ts";
import { isOpen } from "./state.ts";
import { revealCode, updateOwnAppointment } from "./store.ts";

const mailForm = z.object({
  to: email,
  reminders: z.enum(REMINDER_CHOICES, { error: "mail.reminders.invalid" }),
  lang: z.enum(["de", "en"]).catch("de"),
});

const validMail = validForm(mailForm, (c, { values, errors }) =>
  showAppointment(c, { mailForm: { values, errors }, status: 422 }),
);

export const emailRoutes = new Hono<AppEnv>()
  // Stopping only removes data, so it works whatever state the appointment is in.
  .post("/appointments/:id/email-reminders/stop", loadOwnAppointment, async (c) => {
    const { db, now } = c.get("deps");
    const a = c.get("appointment");
    await updateOwnAppointment(db, a.counsellorId, a.id, NO_REMINDERS, now());
    return c.redirect(`/appointments/${a.id}?reminders=stopped`, 303);
  })
  .post(
    "/appointments/:id/email-invitation",
    loadOwnAppointment,
    async (c, next) => {
      const t = c.get("t");
      if (!isOpen(c.get("appointment"))) return showAppointment(c, { notice: t("appt.notOpen") });
      // Workers, or no SMTP settings: the page already says so; a stray post changes nothing.
      if (!c.get("deps").mailer) {
        return showAppointment(c, { notice: t("mail.notConfigured"), status: 409 });
      }
      await next();
    },
    validMail,
    async (c) => {
      const { db, mailer, now, serverSecret, config, log } = c.get("deps");
      const a = c.get("appointment");
      const input = c.req.valid("form");
      const code = await revealCode(serverSecret, a);
      // A code that cannot be unsealed (the server secret changed) cannot be sent.
      if (!mailer || !code)
        return showAppointment(c, { notice: c.get("t")("mail.refused"), status: 409 });
      const result = await mailer.send(
        appointmentMail("invitation", {
          lang: input.lang,
          to: input.to,
          origin: publicOrigin(c),
          code,
          startsAt: a.startsAt,
          durationMinutes: a.durationMinutes,
          timeZone: config.TIME_ZONE,
        }),
      );
      if (!result.sent) {
        log.error("invitation mail not sent", { reason: result.reason, code: result.code });
        const failure = result.reason === "unreachable" ? "mail.unreachable" : "mail.refused";
        const values = { to: input.to, reminders: input.reminders, lang: input.lang };
        return showAppointment(c, { mailForm: { values, failure }, status: 502 });
      }
      // The latest choice wins: a new address or "no reminder" replaces what was kept.
      const columns = reminderColumns(input.reminders, input.to, input.lang, a.startsAt, now());
      await updateOwnAppointment(db, a.counsellorId, a.id, columns, now());
      return c.redirect(`/appointments/${a.id}?mailed=1`, 303);
    },
  );
