/**
 * @module
 * The counsellor's dashboard: today's appointments with live status. htmx polls
 * `GET /dashboard/today`; the poll sends back the version it shows, and an
 * unchanged list is answered with an empty 204, which htmx leaves alone.
 */

import type { Context } from "hono";
import { Hono } from "hono";
import { renderPage } from "../views/page.tsx";
import { DashboardPage } from "../views/pages/dashboard.tsx";
import { CounsellorNav } from "../views/partials/counsellor-nav.tsx";
import { TodayList } from "../views/partials/today-list.tsx";
import { participantView } from "./appointments/participant-views.ts";
import { participantsOf } from "./appointments/participants.ts";
import { appointmentFacts, statusOf } from "./appointments/state.ts";
import { listBetween } from "./appointments/store.ts";
import { requireCounsellor } from "./auth/guard.ts";
import type { AppEnv } from "./deps.ts";
import { sha256Hex } from "./security/crypto.ts";
import { formatDate, startOfDay } from "./time.ts";

async function today(c: Context<AppEnv>) {
  const { db, config, now } = c.get("deps");
  const start = startOfDay(now(), config.TIME_ZONE);
  const end = new Date(start.getTime() + 36 * 3600_000);
  const rows = (await listBetween(db, c.get("counsellor").id, start, end, "asc")).filter(
    (row) => startOfDay(row.startsAt, config.TIME_ZONE).getTime() === start.getTime(),
  );
  const moment = now();
  const others = await participantsOf(
    db,
    rows.map((row) => row.id),
  );
  const people = new Map(
    rows.map((row) => [row.id, (others.get(row.id) ?? []).map((p) => participantView(c, p))]),
  );
  // The version covers everything the list shows, including statuses that change with the clock.
  const version = (
    await sha256Hex(
      JSON.stringify([
        c.get("lang"),
        rows.map((r) => [
          r.id,
          r.clientName,
          r.givenName,
          r.startsAt,
          r.deviceCheckAt,
          r.deviceCheckResult,
          r.deviceCheckPaths,
          statusOf(r, moment),
          r.checkedInAt,
          r.clientMessageAt,
          // Only an absent client's last-seen time is shown; a waiting one's changes every 15 s.
          statusOf(r, moment) === "away" ? r.lastSeenAt : null,
          people.get(r.id),
        ]),
      ]),
    )
  ).slice(0, 16);
  const list = (
    <TodayList
      t={c.get("t")}
      lang={c.get("lang")}
      appointments={rows.map((appointment) => ({
        appointment,
        facts: appointmentFacts(appointment, moment, config.RETENTION_DAYS),
        participants: people.get(appointment.id) ?? [],
      }))}
      now={moment}
      timeZone={config.TIME_ZONE}
      version={version}
    />
  );
  // Everyone who waits to be let in: clients and further participants.
  const waiting =
    rows.filter((row) => statusOf(row, moment) === "waiting").length +
    [...people.values()].flat().filter((p) => p.state === "waiting").length;
  return { list, version, waiting };
}

export const dashboardRoutes = new Hono<AppEnv>();
dashboardRoutes.use("/dashboard", requireCounsellor);
dashboardRoutes.use("/dashboard/*", requireCounsellor);

dashboardRoutes.get("/dashboard", async (c) => {
  const t = c.get("t");
  const { config, now } = c.get("deps");
  const { list, waiting } = await today(c);
  const title =
    waiting > 0
      ? `${t("dash.waitingTitle", { count: waiting })} · ${t("dash.title")}`
      : t("dash.title");
  const date = formatDate(now(), config.TIME_ZONE, c.get("lang"));
  return renderPage(
    c,
    <>
      <CounsellorNav t={t} counsellor={c.get("counsellor")} />
      <DashboardPage t={t} today={date} list={list} />
    </>,
    { title, scripts: ["htmx.js", "dashboard.js"] },
  );
});

dashboardRoutes.get("/dashboard/today", async (c) => {
  c.header("Vary", "HX-Request, X-Seen");
  const { list, version } = await today(c);
  if (c.req.header("X-Seen") === version) return c.body(null, 204);
  return c.html(list);
});
