/**
 * Test helper: two counsellors with one appointment each (A owns X, B owns Y),
 * an admin, and a client joined to each appointment, on a fixed clock. Every
 * actor signs in or joins for real. `snapshot()` reads every stored table but
 * the attempt counters, which a refused sign-in or join is meant to raise.
 */
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv, RoomSockets } from "../../src/deps.ts";
import { makeTestApp, type TestApp } from "./app.ts";
import { CODE, cookieFrom, formPost, insertAppointment } from "./appointments.ts";
import { addCounsellor, signIn } from "./counsellor.ts";

export const CODE_Y = "987654321098";
export const START = new Date("2026-11-25T13:00:00Z");

export type Actor = "anonymous" | "clientX" | "clientY" | "counsellorA" | "counsellorB" | "admin";
export const ACTORS: Actor[] = [
  "anonymous",
  "clientX",
  "clientY",
  "counsellorA",
  "counsellorB",
  "admin",
];

/** Answers an authorised socket request with the room and role instead of upgrading. */
const echoRooms: RoomSockets = {
  connect: async (c: Context<AppEnv>, room, role) => c.text(`${room}:${role}`),
  end: async () => {},
};

export interface World {
  t: TestApp;
  x: string;
  y: string;
  counsellorB: string;
  cookies: Record<Actor, string>;
  snapshot(): Promise<string>;
}

export async function makeWorld(): Promise<World> {
  const clock = { now: new Date("2026-11-25T12:55:00Z") };
  const t = await makeTestApp({ now: () => clock.now });
  t.deps.rooms = echoRooms;
  const a = await addCounsellor(t, { email: "a@example.org", name: "Frau A" });
  const b = await addCounsellor(t, { email: "b@example.org", name: "Herr B" });
  await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
  const x = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    startsAt: START,
    extra: { counsellorId: a },
  });
  const y = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    startsAt: START,
    code: CODE_Y,
    extra: { counsellorId: b },
  });
  const join = async (code: string) =>
    cookieFrom(await t.app.request("/join", formPost({ code, name: "Maria", consent: "yes" })));
  const cookies: Record<Actor, string> = {
    anonymous: "",
    clientX: await join(CODE),
    clientY: await join(CODE_Y),
    counsellorA: await signIn(t, "a@example.org"),
    counsellorB: await signIn(t, "b@example.org"),
    admin: await signIn(t, "admin@example.org"),
  };
  const snapshot = async () => {
    const tables = ["counsellors", "sessions", "appointments", "purge_runs"];
    const parts: unknown[] = [];
    for (const table of tables) {
      parts.push(await t.deps.db.all(sql.raw(`select * from ${table} order by 1`)));
    }
    return JSON.stringify(parts);
  };
  return { t, x, y, counsellorB: b, cookies, snapshot };
}
