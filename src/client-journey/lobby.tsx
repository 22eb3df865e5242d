/**
 * @module
 * The waiting room: `GET /lobby`, its polled fragment `GET /lobby/status`, and
 * `POST /lobby/leave` (sign off) with its calm confirmation `GET /signed-off`.
 * Admission sends the client on to `/call`.
 */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { counsellors } from "../../db/schema.ts";
import { renderPage } from "../../views/page.tsx";
import { LobbyPage } from "../../views/pages/lobby.tsx";
import { MessagePage } from "../../views/pages/message.tsx";
import { LobbyStatus } from "../../views/partials/lobby-status.tsx";
import type { AppEnv } from "../deps.ts";
import { purgeDueAt } from "../retention/purge.ts";
import { formatDate, formatShortDate, formatTime } from "../time.ts";
import { currentAppointment, currentPollFields, endClientSession } from "./client-session.ts";
import { lobbyStatus, statusTag, touchLastSeen } from "./lobby-status.ts";
import { noClientSession } from "./responses.tsx";

/** Waiting-room routes. */
export const lobbyRoutes = new Hono<AppEnv>()
  .get("/lobby", async (c) => {
    const appointment = await currentAppointment(c);
    if (!appointment) return noClientSession(c);
    const { db, config, now } = c.get("deps");
    const at = now();
    const status = lobbyStatus(appointment, at);
    if (status.state === "admitted") return c.redirect("/call", 303);
    await touchLastSeen(db, appointment, at);
    const [counsellor] = await db
      .select({ name: counsellors.name })
      .from(counsellors)
      .where(eq(counsellors.id, appointment.counsellorId));
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
        counsellorName={counsellor?.name}
        status={status}
        tag={await statusTag(status, lang)}
        quickExitUrl={config.QUICK_EXIT_URL}
      />,
      { title: t("lobby.title"), scripts: ["htmx.js", "quick-exit.js"] },
    );
  })
  .get("/lobby/status", async (c) => {
    const htmx = c.req.header("HX-Request") === "true";
    c.header("Vary", "HX-Request");
    c.header("Cache-Control", "private, no-cache");
    const appointment = await currentPollFields(c);
    if (!appointment) {
      // htmx does not swap a 403; send the page itself to the explanation.
      if (htmx) c.header("HX-Redirect", "/lobby");
      return noClientSession(c);
    }
    const { db, now } = c.get("deps");
    const at = now();
    const status = lobbyStatus(appointment, at);
    if (status.state === "admitted") {
      if (!htmx) return c.redirect("/call", 303);
      c.header("HX-Redirect", "/call");
      return c.body(null, 200);
    }
    await touchLastSeen(db, appointment, at);
    const tag = await statusTag(status, c.get("lang"));
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
