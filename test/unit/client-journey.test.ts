import { describe, expect, it } from "vitest";
import {
  type Appointment,
  accessAt,
  knockStatus,
  lobbyStatus,
} from "../../src/appointments/state.ts";
import { createCheckToken, verifyCheckToken } from "../../src/client-journey/check-token.ts";
import { joinSchema } from "../../src/client-journey/join-form.ts";
import { statusTag } from "../../src/client-journey/lobby-status.ts";
import { parseConfig } from "../../src/config.ts";

const config = parseConfig({});
const start = new Date("2026-11-25T13:00:00Z");
const at = (iso: string) => new Date(iso);
// Only the columns the waiting-room rules read; the cast keeps this test independent of the rest.
const appointment = (extra: Partial<Appointment> = {}) =>
  ({
    id: "a1",
    counsellorId: "c1",
    clientName: "X",
    startsAt: start,
    durationMinutes: 50,
    note: null,
    codeHash: "h",
    cancelledAt: null,
    checkedInAt: null,
    givenName: null,
    clientTokenHash: null,
    lastSeenAt: null,
    admittedAt: null,
    endedAt: null,
    counsellorMessage: null,
    deviceCheckAt: null,
    deviceCheckResult: null,
    updatedAt: null,
    createdAt: start,
    ...extra,
  }) as Appointment;

describe("the waiting-room window", () => {
  it("opens 15 minutes before the start and closes at the planned end", () => {
    expect(accessAt(appointment(), config, at("2026-11-25T12:44:59Z")).kind).toBe("tooEarly");
    expect(accessAt(appointment(), config, at("2026-11-25T12:45:00Z")).kind).toBe("open");
    expect(accessAt(appointment(), config, at("2026-11-25T13:50:00Z")).kind).toBe("open");
    expect(accessAt(appointment(), config, at("2026-11-25T13:50:01Z")).kind).toBe("past");
  });

  it("stays open for a session that runs over, and closes for ended or cancelled ones", () => {
    const late = at("2026-11-25T14:10:00Z");
    expect(accessAt(appointment({ admittedAt: start }), config, late).kind).toBe("open");
    expect(accessAt(appointment({ admittedAt: start, endedAt: late }), config, late).kind).toBe(
      "past",
    );
    expect(accessAt(appointment({ cancelledAt: start }), config, start).kind).toBe("cancelled");
  });

  it("follows WAITING_ROOM_OPENS_MINUTES", () => {
    const wide = parseConfig({ WAITING_ROOM_OPENS_MINUTES: "60" });
    expect(accessAt(appointment(), wide, at("2026-11-25T12:01:00Z")).kind).toBe("open");
  });
});

describe("the lobby status", () => {
  it("turns late at the start and changes its tag with the message and language", async () => {
    expect(lobbyStatus(appointment(), at("2026-11-25T12:59:59Z")).state).toBe("waiting");
    expect(lobbyStatus(appointment(), start).state).toBe("late");
    const plain = lobbyStatus(appointment(), start);
    const message = lobbyStatus(appointment({ counsellorMessage: "Gleich!" }), start);
    expect(await statusTag(plain, "de")).toBe(await statusTag(plain, "de"));
    expect(await statusTag(plain, "de")).not.toBe(await statusTag(message, "de"));
    expect(await statusTag(plain, "de")).not.toBe(await statusTag(plain, "en"));
  });
});

describe("what the waiting room shows once it is decided", () => {
  const admitted = at("2026-11-25T13:00:00Z");
  const later = at("2026-11-25T13:30:00Z");
  it("lets cancellation and the end win over admission, keeping the exchange and stopping polls", () => {
    const exchange = { counsellorMessage: " Gleich! ", clientMessage: "Kamera geht nicht" };
    const cases = [
      [{ cancelledAt: later, endedAt: later, admittedAt: admitted }, "cancelled"],
      [{ endedAt: later, admittedAt: admitted }, "ended"],
      [{ admittedAt: admitted }, "admitted"],
    ] as const;
    for (const [fields, state] of cases) {
      expect(lobbyStatus(appointment({ ...exchange, ...fields }), later)).toEqual({
        state,
        message: "Gleich!",
        reply: "Kamera geht nicht",
        polling: false,
      });
    }
    expect(lobbyStatus(appointment({ counsellorMessage: "   " }), start)).toMatchObject({
      message: null,
      reply: null,
      polling: true,
    });
  });

  it("tells a second device only whether it is let in, never the counsellor's words", () => {
    const words = { counsellorMessage: "Nur für die Person im Wartezimmer" };
    const cases = [
      [{ cancelledAt: later, endedAt: later, knockRefusedAt: later }, "cancelled", false],
      [{ endedAt: later, knockRefusedAt: later }, "ended", false],
      [{ knockRefusedAt: later }, "refused", false],
      [{}, "knocking", true],
    ] as const;
    for (const [fields, state, polling] of cases) {
      expect(knockStatus(appointment({ ...words, ...fields }))).toEqual({
        state,
        message: null,
        polling,
      });
    }
  });
});

describe("device check tokens", () => {
  const secret = "s".repeat(32);
  it("name their appointment until they expire and cannot be altered", async () => {
    const token = await createCheckToken(secret, "a1", start);
    expect(await verifyCheckToken(secret, token, start)).toBe("a1");
    expect(await verifyCheckToken(secret, token, at("2026-11-25T15:00:01Z"))).toBeUndefined();
    expect(await verifyCheckToken(secret, token.replace("a1", "a2"), start)).toBeUndefined();
    expect(await verifyCheckToken("t".repeat(32), token, start)).toBeUndefined();
    expect(await verifyCheckToken(secret, "garbage", start)).toBeUndefined();
  });
});

describe("the join form schema", () => {
  const parse = (name: string) =>
    joinSchema.safeParse({ code: "1234-5678 9012", name, consent: "yes" });
  it("normalises the code and the name", () => {
    expect(parse(" Zoe\u0308 ").data).toEqual({
      code: "123456789012",
      name: "Zoë",
      consent: "yes",
    });
  });
  it("refuses bidirectional overrides and names over 80 characters, but not 80 emoji", () => {
    expect(parse("Eve\u202Egnp.exe").success).toBe(false);
    expect(parse("a".repeat(81)).success).toBe(false);
    expect(parse("😀".repeat(80)).success).toBe(true);
  });
});
