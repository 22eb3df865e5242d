/**
 * @module
 * `GET /join` and `POST /join`: the dial-in code, the client's name and consent.
 * A plain form: success is a 303 to the lobby; every error re-renders the form
 * with what was typed and changes no appointment.
 */
import { type Context, Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { JoinPage } from "../../views/pages/join.tsx";
import { checkIn, findByCode, recordKnock } from "../appointments/client-store.ts";
import { normalizeCode } from "../appointments/codes.ts";
import { joinMustKnock, knockId } from "../appointments/knock.ts";
import { type Appointment, accessAt } from "../appointments/state.ts";
import type { AppEnv } from "../deps.ts";
import { client } from "../i18n/client.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatDate, formatTime, startOfDay } from "../time.ts";
import { validForm, validQuery } from "../validation.ts";
import { currentAppointment, issueClientToken } from "./client-session.ts";
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

/** Join routes. */
export const joinRoutes = new Hono<AppEnv>()
  .get("/join", validQuery(codeQuerySchema), async (c) => {
    const typed = c.req.valid("query").code ?? "";
    const values = { code: typed, name: "", consent: false };
    const code = normalizeCode(typed);
    if (!code) return showForm(c, values, {});
    // An invitation link or the too-early reload: a wrong code counts like a wrong
    // join; the right one never does, however often the page reloads.
    const { db, serverSecret } = c.get("deps");
    const lookup = await limitedCodeLookup(c, () => findByCode(db, serverSecret, code));
    if (!("found" in lookup)) return showForm(c, values, {});
    const appointment = lookup.found;
    const notice = appointment ? closedNotice(c, appointment, code) : undefined;
    return showForm(c, values, {}, notice, 200);
  })
  .post("/join", validateJoin, async (c) => {
    const { code, name, consent } = c.req.valid("form");
    const { db, serverSecret, now } = c.get("deps");
    const lookup = await limitedCodeLookup(c, () => findByCode(db, serverSecret, code));
    if (!("found" in lookup)) return tooManyAttempts(c, lookup.waitSeconds);
    const t = c.get("t");
    const values = { code, name, consent: consent !== "" };
    const appointment = lookup.found;
    if (!appointment) return showForm(c, values, { code: t("join.error.code") });

    const notice = closedNotice(c, appointment, code);
    if (notice) return showForm(c, values, {}, notice);

    const at = now();
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
