/**
 * @module
 * `GET /join` and `POST /join`: the dial-in code, the client's name and consent.
 * A plain form: success is a 303 to the lobby; every error re-renders the form
 * with what was typed and changes no appointment.
 */
import { zValidator } from "@hono/zod-validator";
import { eq } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { appointments } from "../../db/schema.ts";
import { renderPage } from "../../views/page.tsx";
import { JoinPage } from "../../views/pages/join.tsx";
import type { AppEnv } from "../deps.ts";
import { client } from "../i18n/client.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatTime } from "../time.ts";
import { accessAt, findByCode } from "./appointment-access.ts";
import { issueClientToken } from "./client-session.ts";
import { clientCsrf } from "./csrf.ts";
import { type JoinErrors, type JoinValues, joinSchema, typedValues } from "./join-form.ts";
import { limitCodeAttempt } from "./limits.ts";
import { tooManyAttempts } from "./responses.tsx";

function showForm(
  c: Context<AppEnv>,
  values: JoinValues,
  errors: JoinErrors,
  refresh?: { seconds: number; url: string },
) {
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <JoinPage t={c.get("t")} values={values} errors={errors} refresh={refresh} />,
    {
      title: c.get("t")("join.title"),
      status: Object.keys(errors).length > 0 ? 422 : 200,
    },
  );
}

/** zod messages in the join schema are keys of the client texts. */
const isJoinError = (message: string): message is MessageKey & `join.error.${string}` =>
  message.startsWith("join.error.") && message in client.de;

const validateJoin = zValidator("form", joinSchema, async (result, hookContext) => {
  if (result.success) return;
  // The validator's hook is typed with the bare Env; this middleware only runs in the app.
  const c = hookContext as unknown as Context<AppEnv>;
  const minutes = await limitCodeAttempt(c, undefined);
  if (minutes !== undefined) return tooManyAttempts(c, minutes);
  const t = c.get("t");
  const errors: JoinErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0];
    if ((field === "code" || field === "name" || field === "consent") && !errors[field]) {
      errors[field] = isJoinError(issue.message) ? t(issue.message) : t("join.error.code");
    }
  }
  return showForm(c, typedValues(result.data), errors);
});

/** Join routes. */
export const joinRoutes = new Hono<AppEnv>()
  .get("/join", (c) => {
    const code = (c.req.query("code") ?? "").slice(0, 64);
    return showForm(c, { code, name: "", consent: false }, {});
  })
  .post("/join", clientCsrf, validateJoin, async (c) => {
    const { code, name, consent } = c.req.valid("form");
    const minutes = await limitCodeAttempt(c, code);
    if (minutes !== undefined) return tooManyAttempts(c, minutes);
    const { db, serverSecret, config, now } = c.get("deps");
    const t = c.get("t");
    const values = { code, name, consent: consent !== "" };
    const appointment = await findByCode(db, serverSecret, code);
    if (!appointment) return showForm(c, values, { code: t("join.error.code") });

    const at = now();
    const access = accessAt(appointment, config, at);
    if (access.kind === "tooEarly") {
      const time = formatTime(access.opensAt, config.TIME_ZONE, c.get("lang"));
      const seconds = Math.ceil((access.opensAt.getTime() - at.getTime()) / 1000);
      return showForm(
        c,
        values,
        { form: t("join.error.tooEarly", { time }) },
        { seconds: Math.min(Math.max(seconds, 10), 900), url: `/join?code=${code}` },
      );
    }
    if (access.kind !== "open")
      return showForm(c, values, { form: t(`join.error.${access.kind}`) });

    const clientTokenHash = await issueClientToken(c);
    await db
      .update(appointments)
      .set({
        checkedInAt: appointment.checkedInAt ?? at,
        givenName: name,
        lastSeenAt: at,
        clientTokenHash,
        updatedAt: at,
      })
      .where(eq(appointments.id, appointment.id));
    return c.redirect("/lobby", 303);
  });
