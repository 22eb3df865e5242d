/**
 * @module
 * The counsellor's appointment routes: create, show (with the invitation), edit,
 * cancel, new code, message to the waiting room, start and end. Every route is
 * scoped to the signed-in counsellor; anything else answers 404.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { Appointment } from "../../views/model.ts";
import { renderPage } from "../../views/page.tsx";
import { AppointmentFormPage } from "../../views/pages/appointment-form.tsx";
import { EndSession } from "../../views/partials/end-session.tsx";
import { KnockNotice } from "../../views/partials/knock-notice.tsx";
import { requireCounsellor } from "../auth/guard.ts";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { renderCallPage } from "../rooms/call-page.tsx";
import { instantToZoned } from "../time.ts";
import { type AppointmentFormValues, parseAppointmentForm } from "./form.ts";
import { admitKnock, pendingKnock, refuseKnock } from "./knock.ts";
import { appointmentListRoutes } from "./list-routes.tsx";
import { loadOwnAppointment } from "./own.ts";
import { appointmentPageRoutes, showAppointment, withNav } from "./page-routes.tsx";
import { isOpen } from "./state.ts";
import { createAppointment, replaceCode, updateOwnAppointment } from "./store.ts";

export const appointmentRoutes = new Hono<AppEnv>();
appointmentRoutes.use("/appointments", requireCounsellor);
appointmentRoutes.use("/appointments/*", requireCounsellor);
appointmentRoutes.route("/", appointmentListRoutes);

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

appointmentRoutes.post("/appointments", async (c) => {
  const { db, config, now, serverSecret } = c.get("deps");
  const parsed = parseAppointmentForm(await c.req.parseBody(), config.TIME_ZONE, now());
  if (!parsed.ok) return formPage(c, undefined, parsed.values, parsed.errors);
  const id = await createAppointment(db, serverSecret, c.get("counsellor").id, parsed.input, now());
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

/** Only an open appointment changes; an ended or cancelled one shows why not. */
const openOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!isOpen(c.get("appointment"))) {
    return showAppointment(c, { notice: c.get("t")("appt.notOpen") });
  }
  await next();
});

appointmentRoutes.get("/appointments/:id/edit", loadOwnAppointment, openOnly, (c) =>
  formPage(c, c.get("appointment").id, editValues(c, c.get("appointment"))),
);

appointmentRoutes.post("/appointments/:id", loadOwnAppointment, openOnly, async (c) => {
  const { db, config, now } = c.get("deps");
  const counsellorId = c.get("counsellor").id;
  const appointment = c.get("appointment");
  const parsed = parseAppointmentForm(await c.req.parseBody(), config.TIME_ZONE, now());
  if (!parsed.ok) return formPage(c, appointment.id, parsed.values, parsed.errors);
  await updateOwnAppointment(
    db,
    counsellorId,
    appointment.id,
    { ...parsed.input, note: parsed.input.note ?? null },
    now(),
  );
  return c.redirect(`/appointments/${appointment.id}`, 303);
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
  await updateOwnAppointment(
    c.get("deps").db,
    a.counsellorId,
    a.id,
    { cancelledAt: c.get("deps").now() },
    c.get("deps").now(),
  );
  return c.redirect(`/appointments/${a.id}`, 303);
});

change("code", async (c, a) => {
  const { db, serverSecret, now } = c.get("deps");
  await replaceCode(db, serverSecret, a.counsellorId, a.id, now());
  return c.redirect(`/appointments/${a.id}?code=1`, 303);
});

change("message", async (c, a) => {
  const body = await c.req.parseBody();
  const message = String(body.message ?? "")
    .normalize("NFC")
    .trim();
  if (message.length > 200)
    return showAppointment(c, { messageError: "appt.message.tooLong", status: 422 });
  const { db, now } = c.get("deps");
  await updateOwnAppointment(
    db,
    a.counsellorId,
    a.id,
    { counsellorMessage: message || null },
    now(),
  );
  return c.redirect(`/appointments/${a.id}?message=1`, 303);
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
function knockAnswer(path: "admit" | "refuse") {
  change(`knock/${path}`, async (c, a) => {
    const { db, now, rooms } = c.get("deps");
    const body = await c.req.parseBody();
    const id = String(body.knock ?? "");
    const done =
      path === "admit" ? await admitKnock(db, a, id, now()) : await refuseKnock(db, a, id, now());
    if (done) {
      if (path === "admit") await rooms.release(a.id, "client");
      await rooms.knock(a.id, null);
    }
    if (c.req.header("HX-Request") === "true") return c.body(null, done ? 204 : 409);
    if (body.from === "call" && done) return c.redirect(`/appointments/${a.id}/call`, 303);
    const flash = done ? (path === "admit" ? "admitted" : "refused") : "changed";
    return c.redirect(`/appointments/${a.id}?knock=${flash}`, 303);
  });
}
knockAnswer("admit");
knockAnswer("refuse");

change("end", async (c, a) => {
  const { db, now } = c.get("deps");
  // The client keeps their cookie, so their page can say that the session has ended.
  await updateOwnAppointment(db, a.counsellorId, a.id, { endedAt: now() }, now());
  // Both call pages hear "bye" and stop reconnecting.
  await c.get("deps").rooms.end(a.id);
  return c.redirect("/dashboard", 303);
});

// The counsellor's call page, with "end session" above the call.
appointmentRoutes.get("/appointments/:id/call", loadOwnAppointment, async (c) => {
  const appointment = c.get("appointment");
  if (!appointment.admittedAt || appointment.endedAt || appointment.cancelledAt) {
    return c.notFound();
  }
  const t = c.get("t");
  return renderCallPage(c, {
    room: appointment.id,
    role: "counsellor",
    endUrl: `/appointments/${appointment.id}`,
    title: t("appt.title", { name: appointment.clientName }),
    before: (
      <>
        <EndSession t={t} appointmentId={appointment.id} />
        <KnockNotice
          t={t}
          appointmentId={appointment.id}
          knock={pendingKnock(appointment)}
          from="call"
        />
      </>
    ),
  });
});

// After `/appointments/new`, which `/appointments/:id` would otherwise take.
appointmentRoutes.route("/", appointmentPageRoutes);
