/**
 * @module
 * The device and connection self-test: `GET /check` (with the client cookie the
 * result is saved for that appointment), `GET /check/ice-servers` for the
 * connection probe, and `POST /check/result`. The invitation's link carries the
 * code after `#` (`/check#code=…`), which the page's script exchanges for the
 * page's token (`POST /check/token`, the code in the body) before the probe, or
 * sends with the result in the POST body; an old link's `?code=` still works.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { renderPage } from "../../views/page.tsx";
import { CheckPage } from "../../views/pages/check.tsx";
import { findByCode, recordDeviceCheck } from "../appointments/client-store.ts";
import { normalizeCode } from "../appointments/codes.ts";
import { accessAt, lobbyStatus } from "../appointments/state.ts";
import type { AppEnv } from "../deps.ts";
import { badRequestPage } from "../errors.tsx";
import { iceServersFor } from "../rooms/ice.ts";
import { validForm, validQuery } from "../validation.ts";
import { CHECK_PATHS_PATTERN } from "./check-paths.ts";
import { createCheckToken, verifyCheckToken } from "./check-token.ts";
import { currentAppointment } from "./client-session.ts";
import { codeQuerySchema } from "./join-form.ts";
import { limitedCodeLookup } from "./limits.ts";
import { statusTag } from "./lobby-status.ts";
import { tooManyAttempts } from "./responses.tsx";

/** The appointment a code names, if the code is real and the appointment still ahead. */
async function appointmentIdFromCode(c: Context<AppEnv>, typed: string) {
  const code = normalizeCode(typed);
  if (!code) return {};
  const { db, serverSecret, config, now } = c.get("deps");
  const lookup = await limitedCodeLookup(c, () => findByCode(db, serverSecret, code));
  if (!("found" in lookup)) return { waitSeconds: lookup.waitSeconds };
  const appointment = lookup.found;
  if (!appointment) return {};
  const kind = accessAt(appointment, config, now()).kind;
  return kind === "cancelled" || kind === "past" ? {} : { id: appointment.id };
}

const resultSchema = z.object({
  result: z.enum(["passed", "relay", "failed"]),
  /** Which network paths worked (`check-paths.ts`); absent when the probe did not run. */
  paths: z.string().regex(CHECK_PATHS_PATTERN).optional(),
  token: z.string().max(300).optional(),
  code: z.string().max(64).optional(),
});

const tokenSchema = z.object({ code: z.string().max(64) });

/** The header the probe sends the page's token in (never the URL). */
export const CHECK_TOKEN_HEADER = "X-Check-Token";

/** Device check routes. */
export const checkRoutes = new Hono<AppEnv>()
  .get("/check", validQuery(codeQuerySchema), async (c) => {
    const { serverSecret, now } = c.get("deps");
    const t = c.get("t");
    const appointment = await currentAppointment(c);
    let id = appointment?.id;
    let notice: string | undefined;
    const typed = c.req.valid("query").code;
    if (!id && typed !== undefined) {
      const found = await appointmentIdFromCode(c, typed);
      if (found.waitSeconds !== undefined) return tooManyAttempts(c, found.waitSeconds);
      id = found.id;
      if (!id) notice = t("check.codeUnknown");
    }
    const token = id ? await createCheckToken(serverSecret, id, now()) : undefined;
    c.header("Cache-Control", "no-store");
    // A waiting client keeps the waiting room's status here: the admission reaches them mid-test.
    const status = appointment && lobbyStatus(appointment, now());
    const waiting = status?.polling ? { status, tag: statusTag(status, c.get("lang")) } : undefined;
    return renderPage(c, <CheckPage t={t} token={token} notice={notice} waiting={waiting} />, {
      title: t("check.title"),
      scripts: waiting ? ["check.js", "htmx.js"] : ["check.js"],
    });
  })
  .get("/check/ice-servers", async (c) => {
    c.header("Cache-Control", "no-store");
    const { config, serverSecret, now } = c.get("deps");
    // TURN credentials only for a client with an appointment (the page's token, or the
    // client cookie): a relay is not for anyone who opens the page. Everyone else gets
    // the STUN servers, and the page says the relays were not tested.
    const token = c.req.header(CHECK_TOKEN_HEADER);
    const id =
      (token && token.length <= 300
        ? await verifyCheckToken(serverSecret, token, now())
        : undefined) ?? (await currentAppointment(c))?.id;
    const servers = id
      ? await iceServersFor(config, id, "client", now())
      : await iceServersFor({ ...config, TURN_URLS: undefined }, "check", "client", now());
    return c.json({ iceServers: servers });
  })
  .post("/check/token", validForm(tokenSchema, badRequestPage), async (c) => {
    // The invitation's `#code=`, sent in the body before the probe: looked up under the
    // same limits as a join, answered with the token the page would carry for `?code=`.
    const { serverSecret, now } = c.get("deps");
    const found = await appointmentIdFromCode(c, c.req.valid("form").code);
    if (found.waitSeconds !== undefined) return tooManyAttempts(c, found.waitSeconds);
    if (!found.id) return c.body(null, 403);
    c.header("Cache-Control", "no-store");
    return c.json({ token: await createCheckToken(serverSecret, found.id, now()) });
  })
  .post("/check/result", validForm(resultSchema, badRequestPage), async (c) => {
    const { result, paths, token, code } = c.req.valid("form");
    const { db, serverSecret, now } = c.get("deps");
    const at = now();
    let id =
      (token ? await verifyCheckToken(serverSecret, token, at) : undefined) ??
      (await currentAppointment(c))?.id;
    if (!id && code !== undefined) {
      // The invitation's `#code=`, sent in the body: looked up under the same limits as a join.
      const found = await appointmentIdFromCode(c, code);
      if (found.waitSeconds !== undefined) return tooManyAttempts(c, found.waitSeconds);
      id = found.id;
    }
    if (!id) return c.body(null, 403);
    await recordDeviceCheck(db, id, { result, paths }, at);
    return c.body(null, 204);
  });
