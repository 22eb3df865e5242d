/**
 * @module
 * Who a call page may meet, by member id, as its viewer should see them: the
 * counsellor by name, the client by the name they typed (the counsellor also
 * sees the name they know), further participants by name and role. The viewer
 * is left out. The call page hands this to its script as `data-people`.
 */
import type { Context } from "hono";
import { listParticipants, memberIdOf, roleLabel } from "../appointments/participants.ts";
import type { Appointment } from "../appointments/state.ts";
import { counsellorName } from "../auth/counsellors.ts";
import type { AppEnv } from "../deps.ts";

/**
 * A member of a room: the counsellor, the client, or a further participant
 * (`p-` and their id). The rooms' own type (`src/rooms/wire.ts`) is the same.
 */
export type MemberId = "counsellor" | "client" | `p-${string}`;

/** One person as a call page shows them. */
export interface CallPerson {
  name: string;
  role: string;
}

/** Everyone in the appointment but `viewer`, by member id, in the viewer's language. */
export async function callPeople(
  c: Context<AppEnv>,
  appointment: Appointment,
  viewer: MemberId,
): Promise<Record<string, CallPerson>> {
  const { db } = c.get("deps");
  const t = c.get("t");
  const counsellor = await counsellorName(db, appointment.counsellorId);
  const byCounsellor = viewer === "counsellor";
  const people: Record<string, CallPerson> = {
    counsellor: { name: counsellor ?? "", role: t("participant.roleCounsellor") },
    client: {
      name: byCounsellor
        ? appointment.clientName
        : (appointment.givenName ?? t("participant.roleClient")),
      role: t("participant.roleClient"),
    },
  };
  for (const p of await listParticipants(db, appointment.id)) {
    // Others see the name the person typed; the counsellor the name they know them by.
    const name = byCounsellor ? p.name : (p.givenName ?? p.name);
    people[memberIdOf(p)] = { name, role: roleLabel(t, p) };
  }
  delete people[viewer];
  return people;
}
