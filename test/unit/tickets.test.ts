import { describe, expect, it } from "vitest";
import { mintTicket, TICKET_TTL_MS, verifyTicket } from "../../src/rooms/tickets.ts";

const SECRET = "unit-secret-unit-secret-unit-secret-01";
const now = new Date("2026-05-04T09:00:00Z");

describe("signalling tickets", () => {
  it("grant the room and role they were minted for", async () => {
    const ticket = await mintTicket(SECRET, "appt-1", "client", now);
    expect(await verifyTicket(SECRET, ticket, now)).toEqual({
      ok: true,
      room: "appt-1",
      role: "client",
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

  it("are refused when the payload is changed (another room or role)", async () => {
    const ticket = await mintTicket(SECRET, "appt-1", "client", now);
    const [, mac] = ticket.split(".");
    for (const payload of [
      { r: "appt-2", o: "client", e: now.getTime() + TICKET_TTL_MS },
      { r: "appt-1", o: "counsellor", e: now.getTime() + TICKET_TTL_MS },
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
});
