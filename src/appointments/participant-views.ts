/**
 * @module
 * What the counsellor's pages show of further participants, derived from their
 * rows: the state in words (with the time since they wait), the role in the
 * page's language, and on the appointment page their code and invitation.
 */
import type { Context } from "hono";
import type { ParticipantInvitationView, ParticipantView } from "../../views/model.ts";
import type { AppEnv } from "../deps.ts";
import { formatTime } from "../time.ts";
import { formatCode } from "./codes.ts";
import { type InvitationData, invitationText, mailtoLink } from "./invitation.ts";
import {
  listParticipants,
  PARTICIPANT_ROLES,
  type Participant,
  participantStatus,
  revealParticipantCode,
  roleLabel,
} from "./participants.ts";
import type { Appointment } from "./state.ts";

/** One participant's state for the counsellor, in the page's language. */
export function participantView(c: Context<AppEnv>, p: Participant): ParticipantView {
  const t = c.get("t");
  const { config } = c.get("deps");
  const state = participantStatus(p);
  return {
    id: p.id,
    name: p.name,
    role: roleLabel(t, p),
    state,
    stateText:
      state === "waiting" && p.checkedInAt
        ? t("participant.status.waiting", {
            time: formatTime(p.checkedInAt, config.TIME_ZONE, c.get("lang")),
          })
        : t(`participant.status.${state}`),
    givenName: p.givenName,
  };
}

/** Every participant of the appointment with their state. */
export async function participantViews(
  c: Context<AppEnv>,
  appointment: Pick<Appointment, "id">,
): Promise<ParticipantView[]> {
  const rows = await listParticipants(c.get("deps").db, appointment.id);
  return rows.map((p) => participantView(c, p));
}

/** A participant's invitation: the appointment's, with their own code and role. */
export async function participantInvitation(
  c: Context<AppEnv>,
  base: InvitationData,
  p: Participant,
): Promise<InvitationData> {
  const code = (await revealParticipantCode(c.get("deps").serverSecret, p)) ?? "";
  return { ...base, code, participant: { id: p.id, role: p.role, roleText: p.roleText } };
}

/** Every participant with state, code and invitation, for the appointment page. */
export async function participantInvitationViews(
  c: Context<AppEnv>,
  base: InvitationData,
): Promise<ParticipantInvitationView[]> {
  const views: ParticipantInvitationView[] = [];
  for (const p of await listParticipants(c.get("deps").db, base.appointmentId)) {
    const invitation = await participantInvitation(c, base, p);
    views.push({
      ...participantView(c, p),
      code: invitation.code,
      formattedCode: formatCode(invitation.code),
      text: invitationText(invitation),
      mailto: mailtoLink(invitation),
    });
  }
  return views;
}

/** The roles the add form offers, in the page's language; `other` takes a typed role. */
export function roleChoices(c: Context<AppEnv>): { value: string; label: string }[] {
  const t = c.get("t");
  return [...PARTICIPANT_ROLES, "other" as const].map((value) => ({
    value,
    label: t(`participant.role.${value}`),
  }));
}
