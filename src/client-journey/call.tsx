/**
 * @module
 * The client's call: `GET /call` only with a current cookie and after admission
 * (otherwise back to the waiting room), and `GET /call/left`, where hanging up
 * leads: back into the call while it runs, or the sign-off once it has ended.
 * A further participant's cookie opens their own call page (member `p-<id>`)
 * only while they are let in and the session is not over.
 */
import { type Context, Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { CallLeftPage } from "../../views/pages/call-left.tsx";
import { QuickExit } from "../../views/partials/quick-exit.tsx";
import { memberIdOf } from "../appointments/participants.ts";
import { type Appointment, lobbyStatus, participantLobbyStatus } from "../appointments/state.ts";
import { counsellorName } from "../auth/counsellors.ts";
import type { AppEnv } from "../deps.ts";
import { renderCallPage } from "../rooms/call-page.tsx";
import { callPeople } from "../rooms/call-people.ts";
import type { MemberId } from "../rooms/wire.ts";
import { currentAppointment, currentParticipant, endClientSession } from "./client-session.ts";

/** The call page of the client or a further participant (`member`) in `appointment`. */
async function callPageOf(c: Context<AppEnv>, appointment: Appointment, member: MemberId) {
  const t = c.get("t");
  return renderCallPage(c, {
    room: appointment.id,
    member,
    people: await callPeople(c, appointment, member),
    lobbyUrl: "/lobby",
    endUrl: "/call/left",
    peerName:
      (await counsellorName(c.get("deps").db, appointment.counsellorId)) ?? t("call.chatPeer"),
    before: <QuickExit t={t} url={c.get("deps").config.QUICK_EXIT_URL} />,
    scripts: ["quick-exit.js"],
  });
}

/** A further participant's call page, or their waiting room while they are not let in. */
async function participantCall(c: Context<AppEnv>) {
  const visit = await currentParticipant(c);
  const at = c.get("deps").now();
  if (
    !visit ||
    participantLobbyStatus(visit.appointment, visit.participant, at).state !== "admitted"
  )
    return c.redirect("/lobby", 303);
  return callPageOf(c, visit.appointment, memberIdOf(visit.participant));
}

/** The client's call routes. */
export const clientCallRoutes = new Hono<AppEnv>()
  .get("/call", async (c) => {
    const appointment = await currentAppointment(c);
    if (!appointment) return participantCall(c);
    if (lobbyStatus(appointment, c.get("deps").now()).state !== "admitted") {
      return c.redirect("/lobby", 303);
    }
    return callPageOf(c, appointment, "client");
  })
  .get("/call/left", async (c) => {
    const at = c.get("deps").now();
    const appointment = await currentAppointment(c);
    const visit = appointment ? undefined : await currentParticipant(c);
    const state = appointment
      ? lobbyStatus(appointment, at).state
      : visit && participantLobbyStatus(visit.appointment, visit.participant, at).state;
    if (!state) return c.redirect("/lobby", 303);
    const t = c.get("t");
    // Not yet let in: this page is not theirs yet, the waiting room is.
    if (state === "waiting" || state === "late") return c.redirect("/lobby", 303);
    const running = state === "admitted";
    c.header("Cache-Control", "no-store");
    // Once the session is over the cookie has nothing left to open: it goes now.
    if (!running) await endClientSession(c);
    return renderPage(c, <CallLeftPage t={t} running={running} />, {
      title: running ? t("left.heading") : t("left.endedHeading"),
    });
  });
