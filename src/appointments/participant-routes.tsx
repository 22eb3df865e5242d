/**
 * @module
 * The counsellor's routes for further participants: add one (`POST
 * /appointments/:id/participants`), let one in, send one back to the waiting
 * room, remove one (`POST …/participants/:pid/admit|back|remove`), and their
 * invitation as print page and calendar file. Every route works on the
 * counsellor's own appointment only (the changes on an open one); anything else
 * is 404.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import type { ParticipantForm } from "../../views/model.ts";
import { ParticipantStates } from "../../views/partials/participants.tsx";
import type { AppEnv } from "../deps.ts";
import { badRequestPage } from "../errors.tsx";
import type { MessageKey } from "../i18n/index.ts";
import { nameRule, personName, validForm } from "../validation.ts";
import { loadOwnAppointment } from "./own.ts";
import {
  invitationCalendar,
  invitationOf,
  invitationPrint,
  openOnly,
  showAppointment,
} from "./page-routes.tsx";
import { participantInvitation, participantViews } from "./participant-views.ts";
import {
  addParticipant,
  findParticipant,
  memberIdOf,
  PARTICIPANT_ROLES,
  type ParticipantInput,
  participantStatus,
  removeParticipant,
  updateParticipant,
} from "./participants.ts";
import { isRunning } from "./state.ts";

/** A role the counsellor types: the one name rule, with the role's message. */
const typedRole = nameRule<MessageKey>({
  required: "participant.error.role",
  tooLong: "participant.error.role",
  invalid: "participant.error.role",
});

/** `role` is a preset or `other`, which takes `roleText`. */
const participantSchema = z
  .object({
    name: personName,
    role: z.enum([...PARTICIPANT_ROLES, "other"], { error: "participant.error.role" }),
    roleText: z.string().max(200, { error: "participant.error.role" }).optional(),
  })
  .transform((form, ctx): ParticipantInput => {
    if (form.role !== "other") return { name: form.name, role: form.role, roleText: null };
    const typed = typedRole.safeParse(form.roleText ?? "");
    if (!typed.success || [...typed.data].length > 60) {
      ctx.addIssue({ code: "custom", path: ["roleText"], message: "participant.error.role" });
      return z.NEVER;
    }
    return { name: form.name, role: "other", roleText: typed.data };
  });

const FIELDS = ["name", "role", "roleText"] as const;

/** The appointment page again with the add form, what was typed, and why not (422). */
function refuse(c: Context<AppEnv>, form: ParticipantForm) {
  return showAppointment(c, { participantForm: form, status: 422 });
}

const validParticipant = validForm(participantSchema, (c, failure) => {
  const errors: ParticipantForm["errors"] = {};
  for (const field of FIELDS) if (failure.errors[field]) errors[field] = failure.errors[field];
  if (Object.keys(errors).length === 0) errors.name = "form.name.required";
  const values = Object.fromEntries(
    FIELDS.map((field) => [field, (failure.values[field] ?? "").slice(0, 200)]),
  );
  return refuse(c, { errors, values });
});

/** The call page's list of participants with their states and buttons (`ParticipantStates`). */
export async function liveStates(c: Context<AppEnv>) {
  const a = c.get("appointment");
  return (
    <ParticipantStates
      t={c.get("t")}
      appointmentId={a.id}
      participants={await participantViews(c, a)}
      live={`/appointments/${a.id}/participants/states`}
    />
  );
}

/** Where an admit or send-back leads: back to the call page it came from while the call runs. */
const fromForm = z.object({ from: z.string().catch("") });

export const participantRoutes = new Hono<AppEnv>()
  .post(
    "/appointments/:id/participants",
    loadOwnAppointment,
    openOnly,
    validParticipant,
    async (c) => {
      const { db, serverSecret, now } = c.get("deps");
      const a = c.get("appointment");
      const input = c.req.valid("form");
      const id = await addParticipant(db, serverSecret, a.id, input, now());
      if (!id) {
        const values = { name: input.name, role: input.role, roleText: input.roleText ?? "" };
        return refuse(c, { errors: { form: "participant.full" }, values });
      }
      return c.redirect(`/appointments/${a.id}?added=1#participant-${id}`, 303);
    },
  )
  .get("/appointments/:id/participants/states", loadOwnAppointment, async (c) => {
    c.header("Cache-Control", "no-store");
    return c.html(await liveStates(c));
  })
  .get("/appointments/:id/participants/:pid/invitation.ics", loadOwnAppointment, async (c) => {
    const invitation = await invitationFor(c);
    return invitation ? invitationCalendar(c, invitation) : c.notFound();
  })
  .get("/appointments/:id/participants/:pid/print", loadOwnAppointment, async (c) => {
    const invitation = await invitationFor(c);
    return invitation ? invitationPrint(c, invitation) : c.notFound();
  });

type Action = "admit" | "back" | "remove";

/** Let in, send back, remove: one handler, three literal paths (logs carry the pattern). */
function participantAction(action: Action) {
  participantRoutes.post(
    `/appointments/:id/participants/:pid/${action}`,
    loadOwnAppointment,
    openOnly,
    validForm(fromForm, badRequestPage),
    async (c) => {
      const { db, now, rooms } = c.get("deps");
      const a = c.get("appointment");
      const p = await findParticipant(db, a.id, c.req.param("pid"));
      if (!p) return c.notFound();
      const page = `/appointments/${a.id}`;
      const back = c.req.valid("form").from === "call" && isRunning(a) ? `${page}/call` : page;
      const state = participantStatus(p);
      const at = now();
      // From the call page with script: the list again, and the call goes on.
      const done = async () =>
        c.req.header("HX-Request") === "true" ? c.html(await liveStates(c)) : c.redirect(back, 303);
      switch (action) {
        case "admit":
          if (state === "waiting") {
            await updateParticipant(db, a.id, p.id, { admittedAt: at, sentBackAt: null }, at);
          }
          return done();
        case "back":
          if (state === "inSession") {
            // Waiting again from now on; their waiting room says so neutrally.
            const changes = { admittedAt: null, sentBackAt: at, checkedInAt: at, lastSeenAt: at };
            await updateParticipant(db, a.id, p.id, changes, at);
            // Their call page goes back to the waiting room; the others stay connected.
            await rooms.sendBack(a.id, memberIdOf(p));
          }
          return done();
        default:
          // The code and the cookie open nothing from now on; a live page leaves the call.
          await removeParticipant(db, a.id, p.id);
          await rooms.sendBack(a.id, memberIdOf(p));
          return c.redirect(`${page}?removed=1`, 303);
      }
    },
  );
}
participantAction("admit");
participantAction("back");
participantAction("remove");

/** The invitation of the participant named in the path, or `undefined` when there is none. */
async function invitationFor(c: Context<AppEnv>) {
  const a = c.get("appointment");
  const p = await findParticipant(c.get("deps").db, a.id, c.req.param("pid") ?? "");
  return p && participantInvitation(c, await invitationOf(c), p);
}
