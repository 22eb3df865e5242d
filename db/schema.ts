/**
 * @module
 * The one database schema, shared by every runtime (libSQL file, remote libSQL, D1).
 * drizzle-kit turns changes here into SQL files under `db/migrations`; those are
 * applied at start (Node, Deno) or with `wrangler d1 migrations apply` (edge).
 *
 * Invariant: every row holding personal data hangs off an appointment or a
 * counsellor, so the retention purge can find it.
 */
import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

const createdAt = () =>
  integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`);

/** Counsellors (and admins) who sign in to the dashboard. */
export const counsellors = sqliteTable("counsellors", {
  id: text("id").primaryKey(),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  /** argon2id encoded hash; never the password. */
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["counsellor", "admin"] })
    .notNull()
    .default("counsellor"),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  /** Set when an admin reset the password: the next sign-in must choose a new one. */
  mustChangePassword: integer("must_change_password", { mode: "boolean" }).notNull().default(false),
  createdAt: createdAt(),
});

/** Signed-in counsellor sessions. The id is a hash of the cookie token, never the token. */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    counsellorId: text("counsellor_id")
      .notNull()
      .references(() => counsellors.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    createdAt: createdAt(),
  },
  (table) => [
    index("sessions_counsellor_idx").on(table.counsellorId),
    index("sessions_expires_idx").on(table.expiresAt),
  ],
);

/**
 * Appointments and their waiting-room state. The state lives here (not in memory)
 * so a waiting client survives a restart and every runtime sees the same thing.
 */
export const appointments = sqliteTable(
  "appointments",
  {
    id: text("id").primaryKey(),
    counsellorId: text("counsellor_id")
      .notNull()
      .references(() => counsellors.id, { onDelete: "cascade" }),
    /** The name as the counsellor knows the client. */
    clientName: text("client_name").notNull(),
    startsAt: integer("starts_at", { mode: "timestamp_ms" }).notNull(),
    durationMinutes: integer("duration_minutes").notNull(),
    note: text("note"),
    /** HMAC of the normalised dial-in code; the code itself is never stored. */
    codeHash: text("code_hash").notNull().unique(),
    /**
     * The code sealed (AES-GCM) under the server secret, so the counsellor can
     * show the invitation again. Lookups use codeHash only.
     */
    codeSealed: text("code_sealed").notNull().default(""),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    /** Waiting room: when the client checked in and the name they typed. */
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }),
    givenName: text("given_name"),
    /** Hash of the client's cookie token: the cookie opens exactly this appointment. */
    clientTokenHash: text("client_token_hash"),
    /** Written at most every ~15 s by the lobby poll. */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }),
    admittedAt: integer("admitted_at", { mode: "timestamp_ms" }),
    /**
     * Another device that joined with the code after the client was let in: it
     * waits for the counsellor to let it in instead or to refuse it, and never
     * reaches the call on its own. Its cookie's hash, the name it typed, when it
     * asked, and when the counsellor refused it (its page then says so).
     */
    knockTokenHash: text("knock_token_hash"),
    knockName: text("knock_name"),
    knockAt: integer("knock_at", { mode: "timestamp_ms" }),
    knockRefusedAt: integer("knock_refused_at", { mode: "timestamp_ms" }),
    /**
     * A waiting person the counsellor turned away (wrong person, a duplicate
     * device) without cancelling: that device's cookie hash, so its page can say
     * so neutrally, and when. The appointment stays open for the right client.
     */
    turnedAwayTokenHash: text("turned_away_token_hash"),
    turnedAwayAt: integer("turned_away_at", { mode: "timestamp_ms" }),
    /**
     * The counsellor's start checklist on the call page: the client's identity
     * confirmed, the client alone and undisturbed (or who else is present), and
     * a phone number for when the connection fails. The number and who is
     * present are cleared when the session ends; all of it goes with the row.
     */
    identityConfirmedAt: integer("identity_confirmed_at", { mode: "timestamp_ms" }),
    undisturbedAt: integer("undisturbed_at", { mode: "timestamp_ms" }),
    othersPresent: text("others_present"),
    contactPhone: text("contact_phone"),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    /** A short message from the counsellor to the waiting client. */
    counsellorMessage: text("counsellor_message"),
    /**
     * The waiting client's short answer ("Meine Kamera geht nicht"); a new one
     * replaces it. It lives on the appointment's row, so it goes with it.
     */
    clientMessage: text("client_message"),
    clientMessageAt: integer("client_message_at", { mode: "timestamp_ms" }),
    /** The client's device check reached with this appointment's code. */
    deviceCheckAt: integer("device_check_at", { mode: "timestamp_ms" }),
    deviceCheckResult: text("device_check_result", { enum: ["passed", "relay", "failed"] }),
    /**
     * Which network paths that check found working, as `direct=yes,udp-relay=no,tcp-relay=unknown`
     * (`src/client-journey/check-paths.ts`); null when the check did not probe them.
     */
    deviceCheckPaths: text("device_check_paths"),
    /**
     * Reminders by e-mail: the client's address and the language of the mail,
     * kept only while a reminder is still to go out (24 h and 1 h before the
     * start, each sent once) and cleared after the last one, at the start, or
     * when the appointment is cancelled; the row's purge takes them in any case.
     * The due times follow `startsAt`, so moving the appointment moves them.
     */
    mailTo: text("mail_to"),
    mailLang: text("mail_lang", { enum: ["de", "en"] }),
    remindDayBefore: integer("remind_day_before", { mode: "boolean" }).notNull().default(false),
    remindHourBefore: integer("remind_hour_before", { mode: "boolean" }).notNull().default(false),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [
    index("appointments_counsellor_starts_idx").on(table.counsellorId, table.startsAt),
    index("appointments_starts_idx").on(table.startsAt),
    // The waiting room finds its appointment by the cookie's hash on every poll.
    index("appointments_client_token_idx").on(table.clientTokenHash),
    index("appointments_knock_token_idx").on(table.knockTokenHash),
    index("appointments_turned_away_token_idx").on(table.turnedAwayTokenHash),
    // The reminder tick runs every minute and looks only at rows with an address.
    index("appointments_mail_idx").on(table.startsAt).where(sql`${table.mailTo} is not null`),
  ],
);

/**
 * Further people in an appointment besides the client (an interpreter, a
 * companion, a partner, a colleague in training), at most two, each with their
 * own code and their own waiting-room state. Rows go with their appointment
 * (cascade, and the purge deletes them explicitly for databases without
 * foreign keys).
 */
export const participants = sqliteTable(
  "participants",
  {
    id: text("id").primaryKey(),
    appointmentId: text("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    /** The name as the counsellor knows the person. */
    name: text("name").notNull(),
    /** A preset role, or `other` with `roleText`. */
    role: text("role", {
      enum: ["interpreter", "signInterpreter", "companion", "partner", "trainee", "other"],
    }).notNull(),
    roleText: text("role_text"),
    /** HMAC of the normalised dial-in code, as for appointments (same purpose, so codes never clash). */
    codeHash: text("code_hash").notNull().unique(),
    /** The code sealed under the server secret, for the invitation. */
    codeSealed: text("code_sealed").notNull(),
    /** Waiting room: when the person checked in and the name they typed. */
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }),
    givenName: text("given_name"),
    /** Hash of this person's cookie token: the cookie opens exactly this seat. */
    tokenHash: text("token_hash"),
    /** Written at most every ~15 s by the waiting room's poll. */
    lastSeenAt: integer("last_seen_at", { mode: "timestamp_ms" }),
    /** Set when the counsellor let the person in; cleared when sent back. */
    admittedAt: integer("admitted_at", { mode: "timestamp_ms" }),
    /** Set when the counsellor sent the person back to the waiting room; cleared on admission. */
    sentBackAt: integer("sent_back_at", { mode: "timestamp_ms" }),
    /** Set when the person signed off. */
    leftAt: integer("left_at", { mode: "timestamp_ms" }),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }),
    createdAt: createdAt(),
  },
  (table) => [
    index("participants_appointment_idx").on(table.appointmentId),
    // The waiting room finds a participant by the cookie's hash on every poll.
    index("participants_token_idx").on(table.tokenHash),
  ],
);

/**
 * Fixed-window counters for rate limits (sign-in, join). Keys are HMACs (server secret) of an
 * address or code plus a purpose, never the address or code itself.
 */
export const rateLimits = sqliteTable(
  "rate_limits",
  {
    key: text("key").primaryKey(),
    count: integer("count").notNull(),
    resetAt: integer("reset_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("rate_limits_reset_idx").on(table.resetAt)],
);

/** One row per purge run: when, and how many rows per table. Counts only, never personal data. */
export const purgeRuns = sqliteTable(
  "purge_runs",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ranAt: integer("ran_at", { mode: "timestamp_ms" }).notNull(),
    /** JSON object: table name → rows deleted. */
    counts: text("counts").notNull(),
  },
  (table) => [index("purge_runs_ran_at_idx").on(table.ranAt)],
);

/**
 * Which appointments changed, in order, so that a process keeping the waiting
 * room's poll state in memory (`src/client-journey/poll-memory.ts`) re-reads only
 * those rows instead of every waiting client's. Written by triggers on
 * `appointments` (migration 0013) for every insert, delete and change of what a
 * poll reads, never by the poll's own "last seen"; the triggers keep the last
 * 1,000 entries, and the purge deletes entries older than an hour. Holds no more
 * than the appointment's id.
 */
export const pollChanges = sqliteTable("poll_changes", {
  seq: integer("seq").primaryKey({ autoIncrement: true }),
  appointmentId: text("appointment_id").notNull(),
  at: integer("at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
});

/**
 * The service's own settings, one row per name. No personal data: for now only the
 * key check, an HMAC under the server secret of a fixed label, which tells at start
 * whether the secret is still the one the stored codes were made with.
 */
export const settings = sqliteTable("settings", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});

/** Every table, for code that must cover all of them (the retention test, for one). */
export const tables = {
  counsellors,
  sessions,
  appointments,
  participants,
  rateLimits,
  purgeRuns,
  settings,
  pollChanges,
};
