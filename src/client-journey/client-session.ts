import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { findByToken, signOff, withdrawKnock } from "../appointments/client-store.ts";
import { pendingKnock } from "../appointments/knock.ts";
import {
  findParticipantByToken,
  type Participant,
  signOffParticipant,
} from "../appointments/participants.ts";
import type { Appointment, PollFields } from "../appointments/state.ts";
import type { AppEnv } from "../deps.ts";
import { randomToken, sha256Hex } from "../security/crypto.ts";
import { isHttps } from "../security/request.ts";
import { pollStateOf } from "./poll-state.ts";

/** The cookie's name: `__Host-` prefixed over HTTPS, where browsers enforce what it promises. */
export function clientCookieName(c: Context<AppEnv>): string {
  return isHttps(c) ? "__Host-sz_client" : "sz_client";
}

/** Sets a fresh token cookie and returns its hash, to store on the appointment. */
export async function issueClientToken(c: Context<AppEnv>): Promise<string> {
  const token = randomToken();
  const secure = isHttps(c);
  setCookie(c, clientCookieName(c), token, {
    httpOnly: true,
    sameSite: "Lax",
    path: "/",
    secure,
  });
  return sha256Hex(token);
}

/** The client's token from their cookie, or `undefined` without a plausible one. */
function clientToken(c: Context<AppEnv>): string | undefined {
  const token = getCookie(c, clientCookieName(c));
  return token && token.length <= 200 ? token : undefined;
}

/**
 * The hash of the client's token, or `undefined` without a plausible cookie;
 * remembered by the in-memory poll state where the process keeps one.
 */
export function tokenHashOf(c: Context<AppEnv>): string | undefined {
  const token = clientToken(c);
  if (!token) return undefined;
  return pollStateOf(c.get("deps")).hashOf?.(token) ?? sha256Hex(token);
}

/** The appointment the client's cookie opens, if the cookie is current. */
export async function currentAppointment(c: Context<AppEnv>): Promise<Appointment | undefined> {
  const hash = tokenHashOf(c);
  if (!hash) return undefined;
  return findByToken(c.get("deps").db, hash);
}

/** What the waiting room's poll needs of the client's appointment, if the cookie is current. */
export async function currentPollFields(
  c: Context<AppEnv>,
): Promise<{ tokenHash: string; fields: PollFields } | undefined> {
  const tokenHash = tokenHashOf(c);
  if (!tokenHash) return undefined;
  const fields = await pollStateOf(c.get("deps")).read(tokenHash);
  return fields && { tokenHash, fields };
}

/**
 * The appointment a second device's cookie knocks at (see `appointments/knock.ts`):
 * it opens no call, only the waiting room's answer to the request.
 */
export async function currentKnock(c: Context<AppEnv>): Promise<Appointment | undefined> {
  const hash = tokenHashOf(c);
  if (!hash) return undefined;
  return findByToken(c.get("deps").db, hash, "knock");
}

/** A further participant's seat, opened by their cookie: the participant and their appointment. */
export interface ParticipantVisit {
  participant: Participant;
  appointment: Appointment;
  tokenHash: string;
}

/** The further participant whose cookie this is, if the cookie is current. */
export async function currentParticipant(
  c: Context<AppEnv>,
): Promise<ParticipantVisit | undefined> {
  const tokenHash = tokenHashOf(c);
  if (!tokenHash) return undefined;
  const found = await findParticipantByToken(c.get("deps").db, tokenHash);
  return found && { ...found, tokenHash };
}

/** The appointment at which the counsellor turned this device away, if so. */
export async function currentTurnedAway(c: Context<AppEnv>): Promise<Appointment | undefined> {
  const hash = tokenHashOf(c);
  if (!hash) return undefined;
  return findByToken(c.get("deps").db, hash, "turnedAway");
}

/**
 * Signs the client off: forgets the stored token hash (or withdraws a second
 * device's request, or signs a further participant off) and deletes the cookie. A client who leaves before being
 * let in also takes their arrival with them (check-in time, typed name, last
 * seen, their answer), so the counsellor no longer sees them waiting; once admitted, the
 * session's record stays as it is.
 */
export async function endClientSession(c: Context<AppEnv>): Promise<void> {
  const { db, now, rooms } = c.get("deps");
  const appointment = await currentAppointment(c);
  if (appointment) {
    await signOff(db, appointment, now());
  } else {
    const knocking = await currentKnock(c);
    if (knocking) {
      await withdrawKnock(db, knocking.id, now());
      if (pendingKnock(knocking)) await rooms.knock(knocking.id, null);
    } else {
      const visit = await currentParticipant(c);
      if (visit) await signOffParticipant(db, visit.participant, now());
    }
  }
  deleteCookie(c, clientCookieName(c), { path: "/", secure: isHttps(c), httpOnly: true });
}
