/**
 * @module
 * One appointment as its counsellor sees it: the page with the invitation,
 * the invitation as a calendar file, and its print view. `showAppointment` is
 * also what the changing routes answer with when they refuse a change.
 */
import type { Context } from "hono";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import type { ParticipantForm } from "../../views/model.ts";
import { renderPage } from "../../views/page.tsx";
import { AppointmentPage } from "../../views/pages/appointment.tsx";
import { InvitationPrintPage } from "../../views/pages/invitation-print.tsx";
import { CounsellorNav } from "../../views/partials/counsellor-nav.tsx";
import {
  EmailInvitation,
  type EmailInvitationForm,
} from "../../views/partials/email-invitation.tsx";
import { Invitation } from "../../views/partials/invitation.tsx";
import { KnockNotice } from "../../views/partials/knock-notice.tsx";
import { Participants } from "../../views/partials/participants.tsx";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { publicOrigin } from "../security/request.ts";
import { formatCode } from "./codes.ts";
import { type InvitationData, invitationIcs, invitationText, mailtoLink } from "./invitation.ts";
import { pendingKnock } from "./knock.ts";
import { loadOwnAppointment } from "./own.ts";
import { participantInvitationViews, roleChoices } from "./participant-views.ts";
import { MAX_PARTICIPANTS } from "./participants.ts";
import { pendingReminders } from "./reminders.ts";
import { appointmentFacts, isOpen } from "./state.ts";
import { revealCode } from "./store.ts";

/** The counsellor's navigation above a page's content. */
export function withNav(c: Context<AppEnv>, content: unknown) {
  return (
    <>
      <CounsellorNav t={c.get("t")} counsellor={c.get("counsellor")} />
      {content}
    </>
  );
}

/** The invitation for the loaded appointment, in `?invite=`'s language or the page's. */
export async function invitationOf(c: Context<AppEnv>): Promise<InvitationData> {
  const { config, serverSecret } = c.get("deps");
  const appointment = c.get("appointment");
  const invite = c.req.query("invite");
  return {
    lang: invite === "en" ? "en" : invite === "de" ? "de" : c.get("lang"),
    origin: publicOrigin(c),
    code: (await revealCode(serverSecret, appointment)) ?? "",
    startsAt: appointment.startsAt,
    durationMinutes: appointment.durationMinutes,
    counsellorName: c.get("counsellor").name,
    timeZone: config.TIME_ZONE,
    appointmentId: appointment.id,
  };
}

const notices: Record<string, MessageKey> = {
  created: "appt.created",
  code: "appt.codeReplaced",
  message: "appt.messageSent",
  turned: "appt.turnedAway",
  notTurned: "appt.notTurnedAway",
  added: "participant.added",
  removed: "participant.removed",
};

/** After the counsellor answered another device (`?knock=…`). */
const knockNotices: Record<string, MessageKey> = {
  admitted: "knock.admitted",
  refused: "knock.refused",
  changed: "knock.changed",
};

/** An invitation as a calendar file (the client's or a further participant's). */
export function invitationCalendar(c: Context<AppEnv>, invitation: InvitationData) {
  c.header("Content-Type", "text/calendar; charset=utf-8");
  c.header("Content-Disposition", 'attachment; filename="videosprechstunde.ics"');
  return c.body(invitationIcs(invitation, c.get("deps").now()));
}

/** An invitation as a page to print (the client's or a further participant's). */
export function invitationPrint(c: Context<AppEnv>, invitation: InvitationData) {
  const t = c.get("t");
  return renderPage(
    c,
    <InvitationPrintPage
      t={t}
      appointmentId={c.get("appointment").id}
      lang={invitation.lang}
      text={invitationText(invitation)}
    />,
    { title: t("invite.title") },
  );
}

/** The loaded appointment's page, with a notice (`?created=1`, …, or `extra.notice`). */
export async function showAppointment(
  c: Context<AppEnv>,
  extra: {
    notice?: string;
    messageError?: MessageKey;
    /** The e-mail form again, with what was typed and what went wrong. */
    mailForm?: EmailInvitationForm;
    /** The further participants' add form again, with what was typed and what went wrong. */
    participantForm?: ParticipantForm;
    status?: 200 | 409 | 422 | 502;
  } = {},
) {
  const appointment = c.get("appointment");
  const invitation = await invitationOf(c);
  const t = c.get("t");
  const { config, now, mailer } = c.get("deps");
  const facts = appointmentFacts(appointment, now(), config.RETENTION_DAYS);
  const flash = Object.keys(notices).find((key) => c.req.query(key) === "1");
  const knockFlash = knockNotices[c.req.query("knock") ?? ""];
  const pending = pendingReminders(appointment);
  const people = await participantInvitationViews(c, invitation);
  // The address never travels in the redirect's URL: it is named from the row, where
  // it is kept for the reminders; without reminders it is not kept, and not named.
  const mailNotice =
    c.req.query("mailed") === "1"
      ? pending
        ? t("mail.sentTo", pending)
        : t("mail.sent")
      : c.req.query("reminders") === "stopped"
        ? t("mail.stopped")
        : undefined;
  return renderPage(
    c,
    withNav(
      c,
      <AppointmentPage
        t={t}
        lang={c.get("lang")}
        appointment={appointment}
        facts={facts}
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
        <Participants
          t={t}
          appointmentId={appointment.id}
          inviteLang={invitation.lang}
          participants={people}
          roles={roleChoices(c)}
          open={facts.open}
          canAdd={people.length < MAX_PARTICIPANTS}
          form={extra.participantForm}
        />
        {facts.open ? (
          <EmailInvitation
            t={t}
            appointmentId={appointment.id}
            configured={mailer !== null}
            inviteLang={invitation.lang}
            form={extra.mailForm}
            pending={pending}
            notice={mailNotice}
          />
        ) : null}
      </AppointmentPage>,
    ),
    {
      title: t("appt.title", { name: appointment.clientName }),
      scripts: ["copy.js"],
      status: extra.status ?? 200,
    },
  );
}

/** Only an open appointment changes; an ended or cancelled one shows why not. */
export const openOnly = createMiddleware<AppEnv>(async (c, next) => {
  if (!isOpen(c.get("appointment"))) {
    return showAppointment(c, { notice: c.get("t")("appt.notOpen") });
  }
  await next();
});

export const appointmentPageRoutes = new Hono<AppEnv>()
  .get("/appointments/:id", loadOwnAppointment, (c) => showAppointment(c))
  .get("/appointments/:id/invitation.ics", loadOwnAppointment, async (c) =>
    invitationCalendar(c, await invitationOf(c)),
  )
  .get("/appointments/:id/print", loadOwnAppointment, async (c) =>
    invitationPrint(c, await invitationOf(c)),
  );
