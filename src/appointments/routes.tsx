/**
 * @module
 * The counsellor's appointment routes: create, show (with the invitation), edit,
 * cancel, new code, message to the waiting room, start and end. Every route is
 * scoped to the signed-in counsellor; anything else answers 404.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { AppointmentPage } from "../../views/pages/appointment.tsx";
import { AppointmentFormPage } from "../../views/pages/appointment-form.tsx";
import { CounsellorNav } from "../../views/partials/counsellor-nav.tsx";
import { Invitation } from "../../views/partials/invitation.tsx";
import { KnockNotice } from "../../views/partials/knock-notice.tsx";
import { requireCounsellor } from "../auth/guard.ts";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { renderCallPage } from "../rooms/call-page.tsx";
import { publicOrigin } from "../security/request.ts";
import { instantToZoned } from "../time.ts";
import { formatCode } from "./codes.ts";
import { type AppointmentFormValues, parseAppointmentForm } from "./form.ts";
import { type InvitationData, invitationIcs, invitationText, mailtoLink } from "./invitation.ts";
import { admitKnock, pendingKnock, refuseKnock } from "./knock.ts";
import { appointmentListRoutes } from "./list-routes.tsx";
import { appointmentFacts, isOpen } from "./state.ts";
import {
  createAppointment,
  findOwnAppointment,
  replaceCode,
  revealCode,
  updateOwnAppointment,
} from "./store.ts";

type Ctx = Context<AppEnv, "/appointments/:id">;

export const appointmentRoutes = new Hono<AppEnv>();
appointmentRoutes.use("/appointments", requireCounsellor);
appointmentRoutes.use("/appointments/*", requireCounsellor);
appointmentRoutes.route("/", appointmentListRoutes);

function withNav(c: Context<AppEnv>, content: unknown) {
  return (
    <>
      <CounsellorNav t={c.get("t")} counsellor={c.get("counsellor")} />
      {content}
    </>
  );
}

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

/** The appointment and the invitation data, or `undefined` for anyone else's id. */
async function load(c: Ctx) {
  const { db, config, serverSecret } = c.get("deps");
  const counsellor = c.get("counsellor");
  const appointment = await findOwnAppointment(db, counsellor.id, c.req.param("id"));
  if (!appointment) return undefined;
  const inviteLang =
    c.req.query("invite") === "en" ? "en" : c.req.query("invite") === "de" ? "de" : c.get("lang");
  const invitation: InvitationData = {
    lang: inviteLang,
    origin: publicOrigin(c),
    code: (await revealCode(serverSecret, appointment)) ?? "",
    startsAt: appointment.startsAt,
    durationMinutes: appointment.durationMinutes,
    counsellorName: counsellor.name,
    timeZone: config.TIME_ZONE,
    appointmentId: appointment.id,
  };
  return { appointment, invitation };
}

async function showAppointment(
  c: Ctx,
  extra: { notice?: string; messageError?: MessageKey; status?: 200 | 422 } = {},
) {
  const loaded = await load(c);
  if (!loaded) return c.notFound();
  const { appointment, invitation } = loaded;
  const t = c.get("t");
  const { config, now } = c.get("deps");
  const notices: Record<string, MessageKey> = {
    created: "appt.created",
    code: "appt.codeReplaced",
    message: "appt.messageSent",
  };
  const flash = Object.keys(notices).find((key) => c.req.query(key) === "1");
  const knockNotices: Record<string, MessageKey> = {
    admitted: "knock.admitted",
    refused: "knock.refused",
    changed: "knock.changed",
  };
  const knockFlash = knockNotices[c.req.query("knock") ?? ""];
  return renderPage(
    c,
    withNav(
      c,
      <AppointmentPage
        t={t}
        lang={c.get("lang")}
        appointment={appointment}
        facts={appointmentFacts(appointment, now(), config.RETENTION_DAYS)}
        now={now()}
        timeZone={config.TIME_ZONE}
        notice={
          extra.notice ??
          (knockFlash ? t(knockFlash) : flash ? t(notices[flash] as MessageKey) : undefined)
        }
        messageError={extra.messageError}
        knock={
          <KnockNotice
            t={t}
            appointmentId={appointment.id}
            knock={pendingKnock(appointment)}
            from="appointment"
          />
        }
      >
        <Invitation
          t={t}
          appointmentId={appointment.id}
          inviteLang={invitation.lang}
          code={invitation.code}
          formattedCode={formatCode(invitation.code)}
          text={invitationText(invitation)}
          mailto={mailtoLink(invitation)}
        />
      </AppointmentPage>,
    ),
    {
      title: t("appt.title", { name: appointment.clientName }),
      scripts: ["copy.js"],
      status: extra.status ?? 200,
    },
  );
}

appointmentRoutes.get("/appointments/:id", (c) => showAppointment(c));

appointmentRoutes.get("/appointments/:id/invitation.ics", async (c) => {
  const loaded = await load(c);
  if (!loaded) return c.notFound();
  c.header("Content-Type", "text/calendar; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="videosprechstunde.ics"');
  return c.body(invitationIcs(loaded.invitation, c.get("deps").now()));
});

appointmentRoutes.get("/appointments/:id/print", async (c) => {
  const loaded = await load(c);
  if (!loaded) return c.notFound();
  const t = c.get("t");
  return renderPage(
    c,
    <>
      <h1 class="print-title">{t("invite.title")}</h1>
      <pre class="invitation-print" lang={loaded.invitation.lang}>
        {invitationText(loaded.invitation)}
      </pre>
      <p class="no-print">
        <a href={`/appointments/${loaded.appointment.id}`}>{t("appt.open")}</a>
      </p>
    </>,
    { title: t("invite.title") },
  );
});

function editValues(
  c: Ctx,
  appointment: NonNullable<Awaited<ReturnType<typeof findOwnAppointment>>>,
) {
  const zoned = instantToZoned(appointment.startsAt, c.get("deps").config.TIME_ZONE);
  return {
    clientName: appointment.clientName,
    date: zoned.date,
    time: zoned.time,
    durationMinutes: String(appointment.durationMinutes),
    note: appointment.note ?? "",
  };
}

appointmentRoutes.get("/appointments/:id/edit", async (c) => {
  const appointment = await findOwnAppointment(
    c.get("deps").db,
    c.get("counsellor").id,
    c.req.param("id"),
  );
  if (!appointment) return c.notFound();
  if (!isOpen(appointment)) return showAppointment(c, { notice: c.get("t")("appt.notOpen") });
  return formPage(c, appointment.id, editValues(c, appointment));
});

appointmentRoutes.post("/appointments/:id", async (c) => {
  const { db, config, now } = c.get("deps");
  const counsellorId = c.get("counsellor").id;
  const appointment = await findOwnAppointment(db, counsellorId, c.req.param("id"));
  if (!appointment) return c.notFound();
  if (!isOpen(appointment)) return showAppointment(c, { notice: c.get("t")("appt.notOpen") });
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
  apply: (
    c: Ctx,
    appointment: NonNullable<Awaited<ReturnType<typeof findOwnAppointment>>>,
  ) => Promise<Response>,
) {
  appointmentRoutes.post(`/appointments/:id/${path}`, async (c) => {
    const appointment = await findOwnAppointment(
      c.get("deps").db,
      c.get("counsellor").id,
      c.req.param("id"),
    );
    if (!appointment) return c.notFound();
    if (!isOpen(appointment)) return showAppointment(c, { notice: c.get("t")("appt.notOpen") });
    return apply(c, appointment);
  });
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
      if (path === "admit") await rooms?.release(a.id, "client");
      await rooms?.knock(a.id, null);
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
appointmentRoutes.get("/appointments/:id/call", async (c) => {
  const appointment = await findOwnAppointment(
    c.get("deps").db,
    c.get("counsellor").id,
    c.req.param("id"),
  );
  if (!appointment?.admittedAt || appointment.endedAt || appointment.cancelledAt)
    return c.notFound();
  const t = c.get("t");
  return renderCallPage(c, {
    room: appointment.id,
    role: "counsellor",
    endUrl: `/appointments/${appointment.id}`,
    title: t("appt.title", { name: appointment.clientName }),
    before: (
      <>
        <form method="post" action={`/appointments/${appointment.id}/end`} class="end-session">
          <button type="submit" class="button danger">
            {t("appt.end")}
          </button>
        </form>
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
