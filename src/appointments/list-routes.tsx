/**
 * @module
 * `GET /appointments?range=upcoming|past`: the counsellor's appointments still
 * to come (soonest first), or those that are over (newest first). Over means
 * ended, cancelled, or past their planned end without having been started: an
 * ended or cancelled appointment moves to the past at once, whatever its date.
 */
import { Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { AppointmentList } from "../../views/pages/appointment-list.tsx";
import { CounsellorNav } from "../../views/partials/counsellor-nav.tsx";
import type { AppEnv } from "../deps.ts";
import { startOfDay } from "../time.ts";
import { appointmentFacts, isUpcoming } from "./state.ts";
import { listBetween } from "./store.ts";

const DAY = 86_400_000;

export const appointmentListRoutes = new Hono<AppEnv>().get("/appointments", async (c) => {
  const t = c.get("t");
  const { db, config, now } = c.get("deps");
  const past = c.req.query("range") === "past";
  const today = startOfDay(now(), config.TIME_ZONE);
  const moment = now();
  const counsellorId = c.get("counsellor").id;
  // Yesterday on, for the upcoming list: a session that started then may still be running.
  const rows = past
    ? (
        await listBetween(
          db,
          counsellorId,
          new Date(today.getTime() - 400 * DAY),
          new Date(today.getTime() + 400 * DAY),
          "desc",
        )
      ).filter((row) => !isUpcoming(row, moment))
    : (
        await listBetween(
          db,
          counsellorId,
          new Date(today.getTime() - DAY),
          new Date(today.getTime() + 400 * DAY),
          "asc",
        )
      ).filter((row) => isUpcoming(row, moment));
  const heading = past ? t("appt.listPast") : t("appt.listUpcoming");
  return renderPage(
    c,
    <>
      <CounsellorNav t={t} counsellor={c.get("counsellor")} />
      <AppointmentList
        t={t}
        lang={c.get("lang")}
        heading={heading}
        appointments={rows.map((appointment) => ({
          appointment,
          facts: appointmentFacts(appointment, moment, config.RETENTION_DAYS),
        }))}
        timeZone={config.TIME_ZONE}
      />
    </>,
    { title: heading },
  );
});
