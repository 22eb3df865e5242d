/**
 * @module
 * The waiting room: `GET /lobby`, its polled fragment `GET /lobby/status`, the
 * client's short answer `POST /lobby/message`, and `POST /lobby/leave` (sign off) with its calm confirmation `GET /signed-off`.
 * Admission sends the client on to `/call`. A further participant waits here
 * too, with their own admission (and no answer form); sent back from the call,
 * they are told so neutrally and wait again.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import { renderPage } from "../../views/page.tsx";
import { LobbyPage } from "../../views/pages/lobby.tsx";
import { MessagePage } from "../../views/pages/message.tsx";
import { LobbyStatus } from "../../views/partials/lobby-status.tsx";
import { ReplyForm } from "../../views/partials/reply-form.tsx";
import { saveClientReply } from "../appointments/client-store.ts";
import { touchParticipant } from "../appointments/participants.ts";
import {
  type Appointment,
  knockStatus,
  lobbyStatus,
  participantLobbyStatus,
  purgeDueAt,
  type LobbyStatus as Status,
  TURNED_AWAY,
} from "../appointments/state.ts";
import { counsellorName } from "../auth/counsellors.ts";
import type { AppEnv } from "../deps.ts";
import type { MessageKey } from "../i18n/index.ts";
import { formatDate, formatShortDate, formatTime } from "../time.ts";
import { type FormFailure, shortMessage, validForm } from "../validation.ts";
import {
  currentAppointment,
  currentKnock,
  currentParticipant,
  currentPollFields,
  currentTurnedAway,
  endClientSession,
  type ParticipantVisit,
} from "./client-session.ts";
import { LAST_SEEN_EVERY_MS, statusTag } from "./lobby-status.ts";
import { pollStateOf } from "./poll-state.ts";
import { noClientSession } from "./responses.tsx";

/**
 * The waiting room page, also shown again (422) when an answer was refused. A
 * second device (`as: "knock"`) waits here for the counsellor's decision; it is
 * not the client's seat, so it neither counts as seen nor gets their messages.
 */
async function showLobby(
  c: Context<AppEnv>,
  appointment: Appointment,
  options: {
    as?: "knock" | "turnedAway";
    participant?: ParticipantVisit;
    reply?: { error: MessageKey; value: string };
  } = {},
) {
  const { reply, participant } = options;
  const deps = c.get("deps");
  const { db, config } = deps;
  const at = deps.now();
  const status = participant
    ? participantLobbyStatus(appointment, participant.participant, at)
    : options.as === "knock"
      ? knockStatus(appointment)
      : options.as === "turnedAway"
        ? TURNED_AWAY
        : lobbyStatus(appointment, at);
  if (status.state === "admitted") return c.redirect("/call", 303);
  if (participant) await seenParticipant(c, participant, at);
  else if (!options.as && appointment.clientTokenHash)
    await pollStateOf(deps).touch(appointment.clientTokenHash, appointment, at);
  const name = await counsellorName(db, appointment.counsellorId);
  const lang = c.get("lang");
  const t = c.get("t");
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <LobbyPage
      t={t}
      date={formatDate(appointment.startsAt, config.TIME_ZONE, lang)}
      time={formatTime(appointment.startsAt, config.TIME_ZONE, lang)}
      deletionDate={formatShortDate(
        purgeDueAt(appointment, config.RETENTION_DAYS),
        config.TIME_ZONE,
        lang,
      )}
      counsellorName={name}
      status={status}
      tag={statusTag(status, lang)}
      quickExitUrl={config.QUICK_EXIT_URL}
      reply={reply}
      canReply={!participant}
    />,
    { title: t("lobby.title"), scripts: ["htmx.js", "quick-exit.js"], status: reply ? 422 : 200 },
  );
}

/** A waiting participant is still there: written at most every 15 s, like the client's. */
async function seenParticipant(c: Context<AppEnv>, visit: ParticipantVisit, at: Date) {
  const last = visit.participant.lastSeenAt?.getTime() ?? 0;
  if (at.getTime() - last < LAST_SEEN_EVERY_MS) return;
  await touchParticipant(c.get("deps").db, visit.participant, visit.tokenHash, at);
}

/** The client's answer to the counsellor's message. */
const replyForm = z.object({ message: shortMessage });

/**
 * Whom an answer comes from: the client's own appointment while they still
 * wait; otherwise the answer the route gives instead.
 */
async function openReply(c: Context<AppEnv>) {
  const appointment = await currentAppointment(c);
  if (!appointment) return noClientSession(c);
  const htmx = c.req.header("HX-Request") === "true";
  const status = lobbyStatus(appointment, c.get("deps").now());
  if (!status.polling) {
    if (htmx) c.header("HX-Redirect", "/lobby");
    return c.redirect("/lobby", 303);
  }
  return { appointment, status, htmx };
}

/** An answer refused: the waiting room again with the answer as typed and why. */
async function refuseReply(c: Context<AppEnv>, failure: FormFailure) {
  const open = await openReply(c);
  if (open instanceof Response) return open;
  const { appointment, status, htmx } = open;
  const error = failure.errors.message ?? "form.message.invalid";
  const value = (failure.values.message ?? "").slice(0, 1000);
  if (!htmx) return showLobby(c, appointment, { reply: { error, value } });
  // htmx swaps only successful answers: the same status, and the form with its error.
  return c.html(
    <>
      <LobbyStatus t={c.get("t")} status={status} tag={statusTag(status, c.get("lang"))} />
      <ReplyForm t={c.get("t")} error={error} value={value} oob />
    </>,
  );
}

/** Waiting-room routes. */
export const lobbyRoutes = new Hono<AppEnv>()
  .get("/lobby", async (c) => {
    const appointment = await currentAppointment(c);
    if (appointment) return showLobby(c, appointment);
    const knocking = await currentKnock(c);
    if (knocking) return showLobby(c, knocking, { as: "knock" });
    const turnedAway = await currentTurnedAway(c);
    if (turnedAway) return showLobby(c, turnedAway, { as: "turnedAway" });
    const participant = await currentParticipant(c);
    if (participant) return showLobby(c, participant.appointment, { participant });
    return noClientSession(c);
  })
  .post("/lobby/message", validForm(replyForm, refuseReply), async (c) => {
    const open = await openReply(c);
    if (open instanceof Response) return open;
    const { appointment, status, htmx } = open;
    const { message } = c.req.valid("form");
    const { db, now } = c.get("deps");
    await saveClientReply(db, appointment.id, message, now());
    if (!htmx) return c.redirect("/lobby", 303);
    const updated = { ...status, reply: message };
    return c.html(
      <>
        <LobbyStatus t={c.get("t")} status={updated} tag={statusTag(updated, c.get("lang"))} />
        <ReplyForm t={c.get("t")} oob />
      </>,
    );
  })
  .get("/lobby/status", async (c) => {
    const htmx = c.req.header("HX-Request") === "true";
    c.header("Vary", "HX-Request");
    c.header("Cache-Control", "private, no-cache");
    const deps = c.get("deps");
    const at = deps.now();
    const polled = await currentPollFields(c);
    // Not the client's cookie: perhaps a further participant's, or a second device's.
    const participant = polled ? undefined : await currentParticipant(c);
    const knocking = polled || participant ? undefined : await currentKnock(c);
    const turnedAway = polled || participant || knocking ? undefined : await currentTurnedAway(c);
    let status: Status;
    if (polled) status = lobbyStatus(polled.fields, at);
    else if (participant)
      status = participantLobbyStatus(participant.appointment, participant.participant, at);
    else if (knocking) status = knockStatus(knocking);
    else if (turnedAway) status = TURNED_AWAY;
    else {
      // htmx does not swap a 403; send the page itself to the explanation.
      if (htmx) c.header("HX-Redirect", "/lobby");
      return noClientSession(c);
    }
    if (status.state === "admitted") {
      if (!htmx) return c.redirect("/call", 303);
      c.header("HX-Redirect", "/call");
      return c.body(null, 200);
    }
    if (polled) await pollStateOf(deps).touch(polled.tokenHash, polled.fields, at);
    if (participant) await seenParticipant(c, participant, at);
    const tag = statusTag(status, c.get("lang"));
    c.header("ETag", `"${tag}"`);
    if (c.req.header("If-None-Match")?.includes(`"${tag}"`)) return c.body(null, 304);
    if (c.req.query("v") === tag) return c.body(null, 204);
    return c.html(<LobbyStatus t={c.get("t")} status={status} tag={tag} />);
  })
  .post("/lobby/leave", async (c) => {
    await endClientSession(c);
    return c.redirect("/signed-off", 303);
  })
  .get("/signed-off", (c) => {
    const t = c.get("t");
    return renderPage(
      c,
      <MessagePage
        t={t}
        title={t("signedOff.title")}
        text={t("signedOff.text")}
        link={{ href: "/", label: t("signedOff.home") }}
      />,
      { title: t("signedOff.title") },
    );
  });
