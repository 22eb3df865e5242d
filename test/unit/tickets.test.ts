import { describe, expect, it } from "vitest";
import { mintTicket, TICKET_TTL_MS, verifyTicket } from "../../src/rooms/tickets.ts";
import { hmacHex } from "../../src/security/crypto.ts";

const SECRET = "unit-secret-unit-secret-unit-secret-01";
const now = new Date("2026-05-04T09:00:00Z");
/** A further participant's member id: `p-` and their id. */
const PARTICIPANT = "p-0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d";

describe("signalling tickets", () => {
  it("grant the room and member they were minted for", async () => {
    const ticket = await mintTicket(SECRET, "appt-1", "client", now);
    expect(await verifyTicket(SECRET, ticket, now)).toEqual({
      ok: true,
      room: "appt-1",
      member: "client",
    });
    const participant = await mintTicket(SECRET, "appt-1", PARTICIPANT, now);
    expect(await verifyTicket(SECRET, participant, now)).toEqual({
      ok: true,
      room: "appt-1",
      member: PARTICIPANT,
    });
  });

  it("expire after two minutes", async () => {
    const ticket = await mintTicket(SECRET, "appt-1", "client", now);
    const later = new Date(now.getTime() + TICKET_TTL_MS);
    expect(TICKET_TTL_MS).toBe(120_000);
    expect(await verifyTicket(SECRET, ticket, later)).toEqual({ ok: false, reason: "expired" });
  });

  it("are refused when signed with another secret", async () => {
    const ticket = await mintTicket(`${SECRET}x`, "appt-1", "counsellor", now);
    expect(await verifyTicket(SECRET, ticket, now)).toEqual({ ok: false, reason: "forged" });
  });

  it("are refused when the payload is changed (another room or member)", async () => {
    const ticket = await mintTicket(SECRET, "appt-1", "client", now);
    const [, mac] = ticket.split(".");
    for (const payload of [
      { r: "appt-2", o: "client", e: now.getTime() + TICKET_TTL_MS },
      { r: "appt-1", o: "counsellor", e: now.getTime() + TICKET_TTL_MS },
      { r: "appt-1", o: PARTICIPANT, e: now.getTime() + TICKET_TTL_MS },
    ]) {
      const body = Buffer.from(JSON.stringify(payload)).toString("base64url");
      expect(await verifyTicket(SECRET, `${body}.${mac}`, now)).toEqual({
        ok: false,
        reason: "forged",
      });
    }
  });

  it("are refused when malformed", async () => {
    for (const ticket of ["", "abc", "a.b.c", "."]) {
      expect((await verifyTicket(SECRET, ticket, now)).ok).toBe(false);
    }
  });

  it("travel URL-safe without padding, and read back whatever the room id", async () => {
    // Room ids whose payloads cover every base64 character, "+" and "/" included.
    const rooms = Array.from({ length: 64 }, (_, i) => `appt-${"~?>".repeat(i % 5)}${i}-ü`);
    for (const room of rooms) {
      const ticket = await mintTicket(SECRET, room, "counsellor", now);
      expect(ticket).toMatch(/^[A-Za-z0-9_-]+\.[0-9a-f]{64}$/);
      expect(await verifyTicket(SECRET, ticket, now)).toEqual({
        ok: true,
        room,
        member: "counsellor",
      });
    }
  });

  it("are refused when correctly signed but not a grant", async () => {
    const signed = async (payload: string) => {
      const body = Buffer.from(payload).toString("base64url");
      return `${body}.${await hmacHex(SECRET, `ticket:${body}`)}`;
    };
    const later = now.getTime() + TICKET_TTL_MS;
    for (const payload of [
      "not json",
      JSON.stringify({ r: 1, o: "client", e: later }),
      JSON.stringify({ o: "client", e: later }),
      JSON.stringify({ r: "appt-1", o: "admin", e: later }),
      JSON.stringify({ r: "appt-1", o: "p-", e: later }),
      JSON.stringify({ r: "appt-1", o: "p-../../x", e: later }),
      JSON.stringify({ r: "appt-1", o: ["client"], e: later }),
      JSON.stringify({ r: "appt-1", e: later }),
      JSON.stringify({ r: "appt-1", o: "client", e: String(later) }),
      JSON.stringify({ r: "appt-1", o: "client" }),
    ]) {
      expect(await verifyTicket(SECRET, await signed(payload), now), payload).toEqual({
        ok: false,
        reason: "malformed",
      });
    }
    // The same MAC without the ticket prefix is another use of the secret, not a ticket.
    const body = Buffer.from(JSON.stringify({ r: "appt-1", o: "client", e: later })).toString(
      "base64url",
    );
    expect(await verifyTicket(SECRET, `${body}.${await hmacHex(SECRET, body)}`, now)).toEqual({
      ok: false,
      reason: "forged",
    });
  });

  it("tell a malformed ticket from a forged one", async () => {
    const ticket = await mintTicket(SECRET, "appt-1", "client", now);
    for (const bad of ["", "abc", "a.b.c", ".", `${ticket}.x`, `.${ticket.split(".")[1]}`]) {
      expect(await verifyTicket(SECRET, bad, now), bad).toEqual({ ok: false, reason: "malformed" });
    }
    expect(await verifyTicket(SECRET, `${ticket}0`, now)).toEqual({ ok: false, reason: "forged" });
  });
});
