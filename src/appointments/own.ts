/**
 * @module
 * `loadOwnAppointment`: the middleware in front of every route that names an
 * appointment (`/appointments/:id…`). It finds the appointment among the
 * signed-in counsellor's own and sets `c.get("appointment")`; any other id,
 * someone else's included, answers 404 before the route runs.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps.ts";
import { findOwnAppointment } from "./store.ts";

export const loadOwnAppointment = createMiddleware<AppEnv>(async (c, next) => {
  const { db } = c.get("deps");
  const appointment = await findOwnAppointment(db, c.get("counsellor").id, c.req.param("id") ?? "");
  if (!appointment) return c.notFound();
  c.set("appointment", appointment);
  await next();
});
