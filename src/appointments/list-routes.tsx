/**
 * @module
 * `GET /appointments?range=upcoming|past`: the counsellor's appointments from
 * tomorrow on, or before today, newest first for the past.
 */
import { Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { AppointmentList } from "../../views/pages/appointment-list.tsx";
import { CounsellorNav } from "../../views/partials/counsellor-nav.tsx";
import type { AppEnv } from "../deps.ts";
import { startOfDay } from "../time.ts";
import { listBetween } from "./store.ts";

const DAY = 86_400_000;

export const appointmentListRoutes = new Hono<AppEnv>().get("/appointments", async (c) => {
  const t = c.get("t");
  const { db, config, now } = c.get("deps");
  const past = c.req.query("range") === "past";
  const today = startOfDay(now(), config.TIME_ZONE);
  const rows = past
    ? await listBetween(
        db,
        c.get("counsellor").id,
        new Date(today.getTime() - 400 * DAY),
        today,
        "desc",
      )
    : await listBetween(
        db,
        c.get("counsellor").id,
        today,
        new Date(today.getTime() + 400 * DAY),
        "asc",
      );
  const heading = past ? t("appt.listPast") : t("appt.listUpcoming");
  return renderPage(
    c,
    <>
      <CounsellorNav t={t} counsellor={c.get("counsellor")} />
      <AppointmentList
        t={t}
        lang={c.get("lang")}
        heading={heading}
        appointments={rows}
        now={now()}
        timeZone={config.TIME_ZONE}
      />
    </>,
    { title: heading },
  );
});
