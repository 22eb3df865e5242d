/**
 * Test helper: two counsellors with one appointment each (A owns X, B owns Y),
 * an admin, and a client joined to each appointment at the same time, on a
 * fixed clock. Every actor signs in or joins for real. `snapshot()` reads every
 * stored table but the attempt counters, which a refused sign-in or join is
 * meant to raise; `snapshots(actor).others` leaves out, in addition, the rows the
 * actor may change. Every log line the app writes is kept in `logs`.
 */
import { sql } from "drizzle-orm";
import type { Context } from "hono";
import { addParticipant } from "../../src/appointments/participants.ts";
import type { AppEnv, RoomSockets } from "../../src/deps.ts";
import type { Logger } from "../../src/log.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
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

/** Answers an authorised socket request with the room and member instead of upgrading. */
const echoRooms: RoomSockets = {
  connect: async (c: Context<AppEnv>, room, member) => c.text(`${room}:${member}`),
  end: async () => {},
  release: async () => {},
  sendBack: async () => {},
  knock: async () => {},
};

export interface LogLine {
  level: "info" | "error";
  event: string;
  fields: Record<string, string | number | boolean>;
}

export interface World {
  t: TestApp;
  x: string;
  y: string;
  /** A further participant of X and one of Y. */
  px: string;
  py: string;
  counsellorA: string;
  counsellorB: string;
  admin: string;
  cookies: Record<Actor, string>;
  logs: LogLine[];
  snapshot(): Promise<string>;
  /** Everything, and everything but what `actor` may change, from one read. */
  snapshots(actor: Actor): Promise<{ all: string; others: string }>;
}

/** Tables of things people did; attempt counters and the migration journal are not. */
const SKIPPED_TABLES = new Set(["rate_limits", "__drizzle_migrations", "sqlite_sequence"]);

export async function makeWorld(): Promise<World> {
  const clock = { now: new Date("2026-11-25T12:55:00Z") };
  const logs: LogLine[] = [];
  const log: Logger = {
    info: (event, fields = {}) => logs.push({ level: "info", event, fields }),
    error: (event, fields = {}) => logs.push({ level: "error", event, fields }),
  };
  const t = await makeTestApp({ now: () => clock.now, log });
  t.deps.rooms = echoRooms;
  const a = await addCounsellor(t, { email: "a@example.org", name: "Frau A" });
  const b = await addCounsellor(t, { email: "b@example.org", name: "Herr B" });
  const admin = await addCounsellor(t, {
    email: "admin@example.org",
    name: "Admin",
    role: "admin",
  });
  const x = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    startsAt: START,
    extra: { counsellorId: a },
  });
  const y = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    startsAt: START,
    code: CODE_Y,
    extra: { counsellorId: b },
  });
  const participant = async (appointmentId: string) =>
    (await addParticipant(
      t.deps.db,
      t.deps.serverSecret,
      appointmentId,
      { name: "Dolmetscherin", role: "interpreter", roleText: null },
      clock.now,
    )) ?? "";
  const px = await participant(x);
  const py = await participant(y);
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
  // The schema is migrated once and stays; every table but the skipped ones.
  const tables = (
    await t.deps.db.all<{ name: string }>(
      sql.raw("select name from sqlite_master where type = 'table' order by name"),
    )
  )
    .map((r) => r.name)
    .filter((name) => !SKIPPED_TABLES.has(name));
  const read = async () => {
    const rows = new Map<string, Record<string, unknown>[]>();
    for (const table of tables) {
      rows.set(
        table,
        await t.deps.db.all<Record<string, unknown>>(sql.raw(`select * from ${table} order by 1`)),
      );
    }
    return rows;
  };
  // What each actor may change: its own appointment, or its own account (with its
  // sessions) and appointment; the admin also the account it may deactivate.
  const owns: Record<Actor, { appointments: string[]; counsellors: string[] }> = {
    anonymous: { appointments: [], counsellors: [] },
    clientX: { appointments: [x], counsellors: [] },
    clientY: { appointments: [y], counsellors: [] },
    counsellorA: { appointments: [x], counsellors: [a] },
    counsellorB: { appointments: [y], counsellors: [b] },
    admin: { appointments: [], counsellors: [admin, b] },
  };
  const othersOf = (actor: Actor, rows: Map<string, Record<string, unknown>[]>) => {
    const own = owns[actor];
    const isOwn = (table: string, row: Record<string, unknown>) => {
      const appointment = table === "appointments" ? row.id : row.appointment_id;
      const counsellor =
        table === "counsellors" ? row.id : table === "appointments" ? null : row.counsellor_id;
      return (
        own.appointments.includes(String(appointment)) ||
        own.counsellors.includes(String(counsellor))
      );
    };
    return JSON.stringify([...rows].map(([table, list]) => list.filter((r) => !isOwn(table, r))));
  };
  const snapshot = async () => JSON.stringify([...(await read()).values()]);
  const snapshots = async (actor: Actor) => {
    const rows = await read();
    return { all: JSON.stringify([...rows.values()]), others: othersOf(actor, rows) };
  };
  return {
    t,
    x,
    y,
    px,
    py,
    counsellorA: a,
    counsellorB: b,
    admin,
    cookies,
    logs,
    snapshot,
    snapshots,
  };
}
