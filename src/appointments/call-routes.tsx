/**
 * @module
 * The counsellor's call page (`GET /appointments/:id/call`, with "end session"
 * in its control bar and the knock notice above) and its start checklist (`POST
 * /appointments/:id/checklist`): identity confirmed, alone and undisturbed (or
 * who else is present), a phone number for when the connection fails. Only
 * while the session runs; the number and who was present are cleared when it
 * ends (`routes.tsx`, "end"), and everything goes with the appointment.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { Appointment } from "../../views/model.ts";
import { KnockNotice } from "../../views/partials/knock-notice.tsx";
import { type ChecklistValues, StartChecklist } from "../../views/partials/start-checklist.tsx";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { renderCallPage } from "../rooms/call-page.tsx";
import { callPeople } from "../rooms/call-people.ts";
import { validForm } from "../validation.ts";
import { pendingKnock } from "./knock.ts";
import { loadOwnAppointment } from "./own.ts";
import { liveStates } from "./participant-routes.tsx";
import { isRunning } from "./state.ts";
import { updateOwnAppointment } from "./store.ts";

const ticked = z
  .string()
  .optional()
  .transform((value) => value === "yes");

const checklistForm = z.object({
  identity: ticked,
  undisturbed: ticked,
  present: z
    .string()
    .catch("")
    .transform((value) => value.normalize("NFC").trim())
    .pipe(z.string().max(200, { error: "checklist.presentTooLong" })),
  phone: z
    .string()
    .catch("")
    .transform((value) => value.trim())
    .pipe(z.string().regex(/^[0-9+\-/() ]{0,40}$/, { error: "checklist.phoneInvalid" })),
});

/** The checklist as stored on the appointment. */
export function checklistOf(appointment: Appointment): ChecklistValues {
  return {
    identity: appointment.identityConfirmedAt !== null,
    undisturbed: appointment.undisturbedAt !== null,
    present: appointment.othersPresent ?? "",
    phone: appointment.contactPhone ?? "",
  };
}

function answer(
  c: Context<AppEnv>,
  values: ChecklistValues,
  extra: { errors?: Record<string, MessageKey>; saved?: boolean },
) {
  const id = c.get("appointment").id;
  if (c.req.header("HX-Request") !== "true") return c.redirect(`/appointments/${id}/call`, 303);
  return c.html(
    <StartChecklist
      t={c.get("t")}
      action={`/appointments/${id}/checklist`}
      values={values}
      {...extra}
    />,
    extra.errors ? 422 : 200,
  );
}

const validChecklist = validForm(checklistForm, (c, { values, errors }) =>
  answer(
    c,
    {
      identity: values.identity === "yes",
      undisturbed: values.undisturbed === "yes",
      present: (values.present ?? "").slice(0, 200),
      phone: (values.phone ?? "").slice(0, 40),
    },
    { errors },
  ),
);

export const callRoutes = new Hono<AppEnv>();

// The counsellor's call page, with "end session" above the call.
callRoutes.get("/appointments/:id/call", loadOwnAppointment, async (c) => {
  const appointment = c.get("appointment");
  if (!isRunning(appointment)) return c.notFound();
  const t = c.get("t");
  return renderCallPage(c, {
    room: appointment.id,
    member: "counsellor",
    people: await callPeople(c, appointment, "counsellor"),
    endUrl: `/appointments/${appointment.id}`,
    title: t("appt.title", { name: appointment.clientName }),
    peerName: appointment.givenName ?? appointment.clientName,
    endAction: `/appointments/${appointment.id}/end`,
    side: (
      <>
        {await liveStates(c)}
        <StartChecklist
          t={t}
          action={`/appointments/${appointment.id}/checklist`}
          values={checklistOf(appointment)}
        />
      </>
    ),
    scripts: ["htmx.js"],
    before: (
      <KnockNotice
        t={t}
        appointmentId={appointment.id}
        knock={pendingKnock(appointment)}
        from="call"
      />
    ),
  });
});

callRoutes.post(
  "/appointments/:id/checklist",
  loadOwnAppointment,
  async (c, next) => (isRunning(c.get("appointment")) ? next() : c.body(null, 409)),
  validChecklist,
  async (c) => {
    const { db, now } = c.get("deps");
    const a = c.get("appointment");
    const form = c.req.valid("form");
    const at = now();
    await updateOwnAppointment(
      db,
      a.counsellorId,
      a.id,
      {
        identityConfirmedAt: form.identity ? (a.identityConfirmedAt ?? at) : null,
        undisturbedAt: form.undisturbed ? (a.undisturbedAt ?? at) : null,
        othersPresent: form.present || null,
        contactPhone: form.phone || null,
      },
      at,
    );
    return answer(c, form, { saved: true });
  },
);
