/**
 * @module
 * The counsellor's appointment routes: create, show (with the invitation), edit,
 * cancel, new code, message to the waiting room, the invitation by e-mail,
 * start and end. Every route is
 * scoped to the signed-in counsellor; anything else answers 404.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { z } from "zod";
import type { Appointment } from "../../views/model.ts";
import { renderPage } from "../../views/page.tsx";
import { AppointmentFormPage } from "../../views/pages/appointment-form.tsx";
import { requireCounsellor } from "../auth/guard.ts";
import type { AppEnv } from "../deps.ts";
import { badRequestPage } from "../errors.tsx";
import type { MessageKey } from "../i18n/index.ts";
import { instantToZoned } from "../time.ts";
import { validForm } from "../validation.ts";
import { callRoutes } from "./call-routes.tsx";
import { turnAway } from "./client-store.ts";
import { emailRoutes } from "./email-routes.tsx";
import { type AppointmentFormValues, appointmentForm } from "./form.ts";
import { answerKnock } from "./knock.ts";
import { appointmentListRoutes } from "./list-routes.tsx";
import { loadOwnAppointment } from "./own.ts";
import { appointmentPageRoutes, openOnly, showAppointment, withNav } from "./page-routes.tsx";
import { participantRoutes } from "./participant-routes.tsx";
import { NO_REMINDERS } from "./reminders.ts";
import { canTurnAway } from "./state.ts";
import { createAppointment, replaceCode, updateOwnAppointment } from "./store.ts";

export const appointmentRoutes = new Hono<AppEnv>();
appointmentRoutes.use("/appointments", requireCounsellor);
appointmentRoutes.use("/appointments/*", requireCounsellor);
appointmentRoutes.route("/", appointmentListRoutes);
appointmentRoutes.route("/", callRoutes);
appointmentRoutes.route("/", emailRoutes);
appointmentRoutes.route("/", participantRoutes);

/** The create or edit form, as first shown or again with what was typed and the errors. */
function formPage(
  c: Context<AppEnv>,
  edit: string | undefined,
  values: AppointmentFormValues,
  errors?: Record<string, MessageKey>,
) {
  const t = c.get("t");
  const heading = edit ? t("appt.editTitle") : t("appt.newTitle");
  return renderPage(
    c,
    withNav(
      c,
      <AppointmentFormPage
        t={t}
        action={edit ? `/appointments/${edit}` : "/appointments"}
        heading={heading}
        submit={edit ? t("appt.save") : t("appt.create")}
        values={values}
        errors={errors}
      />,
    ),
    { title: heading, status: errors ? 422 : 200 },
  );
}

appointmentRoutes.get("/appointments/new", (c) => {
  const { config, now } = c.get("deps");
  const today = instantToZoned(now(), config.TIME_ZONE).date;
  return formPage(c, undefined, { date: today, durationMinutes: "50" });
});

/** The form's rules at this request: the office's time zone and the clock. */
const rulesNow = (c: Context<AppEnv>) =>
  appointmentForm(c.get("deps").config.TIME_ZONE, c.get("deps").now());

const validNew = validForm(rulesNow, (c, { values, errors }) =>
  formPage(c, undefined, values, errors),
);

appointmentRoutes.post("/appointments", validNew, async (c) => {
  const { db, now, serverSecret } = c.get("deps");
  const input = c.req.valid("form");
  const id = await createAppointment(db, serverSecret, c.get("counsellor").id, input, now());
  return c.redirect(`/appointments/${id}?created=1`, 303);
});

function editValues(c: Context<AppEnv>, appointment: Appointment): AppointmentFormValues {
  const zoned = instantToZoned(appointment.startsAt, c.get("deps").config.TIME_ZONE);
  return {
    clientName: appointment.clientName,
    date: zoned.date,
    time: zoned.time,
    durationMinutes: String(appointment.durationMinutes),
    note: appointment.note ?? "",
  };
}

appointmentRoutes.get("/appointments/:id/edit", loadOwnAppointment, openOnly, (c) =>
  formPage(c, c.get("appointment").id, editValues(c, c.get("appointment"))),
);

const validEdit = validForm(rulesNow, (c, { values, errors }) =>
  formPage(c, c.get("appointment").id, values, errors),
);

appointmentRoutes.post("/appointments/:id", loadOwnAppointment, openOnly, validEdit, async (c) => {
  const { db, now } = c.get("deps");
  const id = c.get("appointment").id;
  const input = c.req.valid("form");
  const changes = { ...input, note: input.note ?? null };
  await updateOwnAppointment(db, c.get("counsellor").id, id, changes, now());
  return c.redirect(`/appointments/${id}`, 303);
});

/** A state change on an open appointment of the counsellor's own; 404 for anything else. */
function change(
  path: string,
  apply: (c: Context<AppEnv>, appointment: Appointment) => Promise<Response>,
) {
  appointmentRoutes.post(`/appointments/:id/${path}`, loadOwnAppointment, openOnly, (c) =>
    apply(c, c.get("appointment")),
  );
}

change("cancel", async (c, a) => {
  const { db, now } = c.get("deps");
  // No reminder for a cancelled appointment, and its address goes at once.
  await updateOwnAppointment(
    db,
    a.counsellorId,
    a.id,
    { cancelledAt: now(), ...NO_REMINDERS },
    now(),
  );
  return c.redirect(`/appointments/${a.id}`, 303);
});

change("code", async (c, a) => {
  const { db, serverSecret, now } = c.get("deps");
  await replaceCode(db, serverSecret, a.counsellorId, a.id, now());
  return c.redirect(`/appointments/${a.id}?code=1`, 303);
});

/** The counsellor's message to the waiting room; empty clears it. */
const messageForm = z.object({
  message: z
    .string()
    .catch("")
    .transform((value) => value.normalize("NFC").trim())
    .pipe(z.string().max(200, { error: "appt.message.tooLong" })),
});

const validMessage = validForm(messageForm, (c, { errors }) =>
  showAppointment(c, { messageError: errors.message ?? "appt.message.tooLong", status: 422 }),
);

appointmentRoutes.post(
  "/appointments/:id/message",
  loadOwnAppointment,
  openOnly,
  validMessage,
  async (c) => {
    const { db, now } = c.get("deps");
    const a = c.get("appointment");
    const { message } = c.req.valid("form");
    const changes = { counsellorMessage: message || null };
    await updateOwnAppointment(db, a.counsellorId, a.id, changes, now());
    return c.redirect(`/appointments/${a.id}?message=1`, 303);
  },
);

// A waiting person who should not come in (wrong person, duplicate device): a neutral note for
// them, and the appointment stays for the right client.
change("turn-away", async (c, a) => {
  const { db, now } = c.get("deps");
  const done = canTurnAway(a) && (await turnAway(db, a, now()));
  return c.redirect(`/appointments/${a.id}?${done ? "turned" : "notTurned"}=1`, 303);
});

change("start", async (c, a) => {
  const { db, now } = c.get("deps");
  // Starting admits the waiting client; if nobody waits yet, they are admitted on arrival.
  if (!a.admittedAt)
    await updateOwnAppointment(db, a.counsellorId, a.id, { admittedAt: now() }, now());
  return c.redirect(`/appointments/${a.id}/call`, 303);
});

/**
 * The counsellor's answer to another device's request: let it in instead of the
 * client's current device (whose socket is closed for good), or refuse it. The
 * call page sends these with `HX-Request` and stays in the call (204).
 */
const knockForm = z.object({ knock: z.string().catch(""), from: z.string().catch("") });

function knockAnswer(path: "admit" | "refuse") {
  appointmentRoutes.post(
    `/appointments/:id/knock/${path}`,
    loadOwnAppointment,
    openOnly,
    validForm(knockForm, badRequestPage),
    async (c) => {
      const { db, now, rooms } = c.get("deps");
      const a = c.get("appointment");
      const { knock, from } = c.req.valid("form");
      const done = await answerKnock(db, a, knock, path, now());
      if (done) {
        if (path === "admit") await rooms.release(a.id, "client");
        await rooms.knock(a.id, null);
      }
      if (c.req.header("HX-Request") === "true") return c.body(null, done ? 204 : 409);
      if (from === "call" && done) return c.redirect(`/appointments/${a.id}/call`, 303);
      const flash = done ? (path === "admit" ? "admitted" : "refused") : "changed";
      return c.redirect(`/appointments/${a.id}?knock=${flash}`, 303);
    },
  );
}
knockAnswer("admit");
knockAnswer("refuse");

change("end", async (c, a) => {
  const { db, now } = c.get("deps");
  // The client keeps their cookie, so their page can say that the session has ended.
  // The checklist's phone number and who was present were for this session only.
  const ended = { endedAt: now(), contactPhone: null, othersPresent: null };
  await updateOwnAppointment(db, a.counsellorId, a.id, ended, now());
  // Both call pages hear "bye" and stop reconnecting.
  await c.get("deps").rooms.end(a.id);
  return c.redirect("/dashboard", 303);
});

// After `/appointments/new`, which `/appointments/:id` would otherwise take.
appointmentRoutes.route("/", appointmentPageRoutes);
