/**
 * @module
 * `GET /join` and `POST /join`: the dial-in code, the client's name and consent.
 * A plain form: success is a 303 to the lobby; every error re-renders the form
 * with what was typed and changes no appointment. A further participant's code
 * works here too, under the same limits, and opens their own seat in the
 * waiting room.
 */
import { type Context, Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { JoinPage } from "../../views/pages/join.tsx";
import { checkIn, findByCode, recordKnock } from "../appointments/client-store.ts";
import { normalizeCode } from "../appointments/codes.ts";
import { joinMustKnock, knockId } from "../appointments/knock.ts";
import {
  checkInParticipant,
  findParticipantByCode,
  memberIdOf,
  type Participant,
} from "../appointments/participants.ts";
import { type Appointment, accessAt } from "../appointments/state.ts";
import type { AppEnv } from "../deps.ts";
import { client } from "../i18n/client.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatDate, formatTime, startOfDay } from "../time.ts";
import { validForm, validQuery } from "../validation.ts";
import { currentAppointment, currentParticipant, issueClientToken } from "./client-session.ts";
import {
  codeQuerySchema,
  type JoinErrors,
  type JoinValues,
  joinSchema,
  typedValues,
} from "./join-form.ts";
import { limitedCodeLookup } from "./limits.ts";
import { tooManyAttempts } from "./responses.tsx";

function showForm(
  c: Context<AppEnv>,
  values: JoinValues,
  errors: JoinErrors,
  notice?: Notice,
  status: 200 | 422 = Object.keys(errors).length > 0 || notice ? 422 : 200,
) {
  c.header("Cache-Control", "no-store");
  const t = c.get("t");
  const all = notice ? { ...errors, form: notice.text } : errors;
  return renderPage(c, <JoinPage t={t} values={values} errors={all} refresh={notice?.refresh} />, {
    title: t("join.title"),
    status,
    scripts: ["join.js"],
  });
}

interface Notice {
  text: string;
  refresh?: { seconds: number; url: string } | undefined;
}

/**
 * Why the waiting room cannot be entered now, or nothing when it is open. Too
 * early, the page reloads itself at the opening time (at least every 15 minutes).
 */
function closedNotice(
  c: Context<AppEnv>,
  appointment: Appointment,
  code: string,
): Notice | undefined {
  const { config, now } = c.get("deps");
  const t = c.get("t");
  const at = now();
  const access = accessAt(appointment, config, at);
  if (access.kind === "open") return undefined;
  if (access.kind !== "tooEarly") return { text: t(`join.error.${access.kind}`) };
  const lang = c.get("lang");
  const time = formatTime(access.opensAt, config.TIME_ZONE, lang);
  const seconds = Math.ceil((access.opensAt.getTime() - at.getTime()) / 1000);
  // A time alone means today; any other day says which.
  const today =
    startOfDay(access.opensAt, config.TIME_ZONE).getTime() ===
    startOfDay(at, config.TIME_ZONE).getTime();
  return {
    text: today
      ? t("join.error.tooEarly", { time })
      : t("join.error.tooEarlyDay", {
          date: formatDate(access.opensAt, config.TIME_ZONE, lang),
          time,
        }),
    // After `#`, so the reload does not send the code either.
    refresh: { seconds: Math.min(Math.max(seconds, 10), 900), url: `/join#code=${code}` },
  };
}

/** zod messages in the join schema are keys of the client texts. */
const isJoinError = (message: string): message is MessageKey & `join.error.${string}` =>
  message.startsWith("join.error.") && message in client.de;

const validateJoin = validForm(joinSchema, (c, failure) => {
  const t = c.get("t");
  const errors: JoinErrors = {};
  for (const field of ["code", "name", "consent"] as const) {
    const message = failure.errors[field];
    if (message) errors[field] = isJoinError(message) ? t(message) : t("join.error.code");
  }
  return showForm(c, typedValues(failure.values), errors);
});

/** Whose code it is: the client's (no `participant`) or a further participant's. */
interface CodeOwner {
  appointment: Appointment;
  participant?: Participant;
}

/** The appointment and, for a further participant's code, the participant; one counted look-up. */
async function findCodeOwner(c: Context<AppEnv>, code: string): Promise<CodeOwner | undefined> {
  const { db, serverSecret } = c.get("deps");
  const appointment = await findByCode(db, serverSecret, code);
  if (appointment) return { appointment };
  return findParticipantByCode(db, serverSecret, code);
}

/** Join routes. */
export const joinRoutes = new Hono<AppEnv>()
  .get("/join", validQuery(codeQuerySchema), async (c) => {
    const typed = c.req.valid("query").code ?? "";
    const values = { code: typed, name: "", consent: false };
    const code = normalizeCode(typed);
    if (!code) return showForm(c, values, {});
    // An invitation link or the too-early reload: a wrong code counts like a wrong
    // join; the right one never does, however often the page reloads.
    const lookup = await limitedCodeLookup(c, () => findCodeOwner(c, code));
    if (!("found" in lookup)) return showForm(c, values, {});
    const appointment = lookup.found?.appointment;
    const notice = appointment ? closedNotice(c, appointment, code) : undefined;
    return showForm(c, values, {}, notice, 200);
  })
  .post("/join", validateJoin, async (c) => {
    const { code, name, consent } = c.req.valid("form");
    const { db, now } = c.get("deps");
    const lookup = await limitedCodeLookup(c, () => findCodeOwner(c, code));
    if (!("found" in lookup)) return tooManyAttempts(c, lookup.waitSeconds);
    const t = c.get("t");
    const values = { code, name, consent: consent !== "" };
    if (!lookup.found) return showForm(c, values, { code: t("join.error.code") });
    const { appointment, participant } = lookup.found;

    const notice = closedNotice(c, appointment, code);
    if (notice) return showForm(c, values, {}, notice);

    const at = now();
    if (participant) {
      // Their own device just goes back; any other arrival waits to be let in (again).
      if ((await currentParticipant(c))?.participant.id === participant.id) {
        return c.redirect("/lobby", 303);
      }
      const wasIn = participant.admittedAt !== null;
      const tokenHash = await issueClientToken(c);
      await checkInParticipant(db, participant, { name, tokenHash }, at);
      // A seat taken over by another device: the old page leaves the call.
      if (wasIn) await c.get("deps").rooms.sendBack(appointment.id, memberIdOf(participant));
      return c.redirect("/lobby", 303);
    }
    if (joinMustKnock(appointment)) {
      // The client's own device just goes back; any other waits for the counsellor.
      if ((await currentAppointment(c))?.id === appointment.id) return c.redirect("/lobby", 303);
      const tokenHash = await issueClientToken(c);
      await recordKnock(db, appointment.id, tokenHash, name, at);
      await c.get("deps").rooms.knock(appointment.id, { id: knockId(tokenHash), name });
      return c.redirect("/lobby", 303);
    }
    const clientTokenHash = await issueClientToken(c);
    await checkIn(db, appointment, { name, clientTokenHash }, at);
    return c.redirect("/lobby", 303);
  });
