/**
 * Test helper: an app with a fixed, movable clock and a client who joined an
 * appointment starting at 14:00 Berlin time at 13:55.
 */
import { eq } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { cookieFrom, formPost, insertAppointment } from "./appointments.ts";

const START = new Date("2026-11-25T13:00:00Z");

/** Joins a client; `clock.now` can be moved on, `admit()` sets `admittedAt`. The caller closes `t`. */
export async function joinedClient(
  extra: Parameters<typeof insertAppointment>[2]["extra"] = {},
  options: { pollMemory?: boolean } = {},
) {
  const clock = { now: new Date("2026-11-25T12:55:00Z") };
  const t: TestApp = await makeTestApp({
    now: () => clock.now,
    env: { RETENTION_DAYS: "30" },
    ...options,
  });
  const id = await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt: START, extra });
  const res = await t.app.request(
    "/join",
    formPost({ code: "123456789012", name: "Maria", consent: "yes" }),
  );
  const cookie = cookieFrom(res);
  const app = t.app;
  const db = t.deps.db;
  const get = (path: string, headers: Record<string, string> = {}) =>
    app.request(path, { headers: { Cookie: cookie, ...headers } });
  const admit = () =>
    db.update(appointments).set({ admittedAt: clock.now }).where(eq(appointments.id, id));
  return { t, app, db, id, clock, cookie, get, admit };
}
