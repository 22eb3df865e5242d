/**
 * The appointment's own rules, at their edges: which status wins, when a
 * waiting client counts as gone, when an appointment stops being upcoming, and
 * whom the counsellor can turn away.
 */
import { describe, expect, it } from "vitest";
import {
  type Appointment,
  AWAY_AFTER_MS,
  canTurnAway,
  isOpen,
  isRunning,
  isUpcoming,
  lastSeen,
  statusOf,
} from "../../src/appointments/state.ts";

const start = new Date("2026-11-25T13:00:00Z");
const end = new Date("2026-11-25T13:50:00Z");
const plus = (date: Date, ms: number) => new Date(date.getTime() + ms);
// Only the columns the rules read; the cast keeps this test independent of the rest.
const appointment = (extra: Partial<Appointment> = {}) =>
  ({
    id: "a1",
    startsAt: start,
    durationMinutes: 50,
    cancelledAt: null,
    endedAt: null,
    admittedAt: null,
    checkedInAt: null,
    lastSeenAt: null,
    clientTokenHash: null,
    ...extra,
  }) as Appointment;

describe("the status of an appointment", () => {
  const before = plus(start, -60_000);
  it("lets cancellation win over the end, the end over the session, the session over waiting", () => {
    const all = { admittedAt: start, checkedInAt: start, lastSeenAt: start };
    expect(statusOf(appointment({ ...all, endedAt: end, cancelledAt: end }), end)).toBe(
      "cancelled",
    );
    expect(statusOf(appointment({ ...all, endedAt: end }), end)).toBe("ended");
    expect(statusOf(appointment(all), plus(end, 3_600_000))).toBe("inSession");
    expect(statusOf(appointment({ checkedInAt: before }), before)).toBe("waiting");
    expect(statusOf(appointment(), before)).toBe("scheduled");
  });

  it("calls a waiting client away only after AWAY_AFTER_MS without a poll", () => {
    const waiting = appointment({ checkedInAt: before, lastSeenAt: start });
    expect(statusOf(waiting, plus(start, AWAY_AFTER_MS))).toBe("waiting");
    expect(statusOf(waiting, plus(start, AWAY_AFTER_MS + 1))).toBe("away");
    // Never polled since arriving: the arrival counts as the last sign of life.
    const arrived = appointment({ checkedInAt: start });
    expect(lastSeen(arrived)).toEqual(start);
    expect(statusOf(arrived, plus(start, AWAY_AFTER_MS + 1))).toBe("away");
  });

  it("counts nobody coming as a no-show only once the planned end has passed", () => {
    expect(statusOf(appointment(), end)).toBe("scheduled");
    expect(statusOf(appointment(), plus(end, 1))).toBe("noShow");
  });
});

describe("the small rules", () => {
  it("say whether the appointment is open, running and upcoming", () => {
    expect(isOpen(appointment())).toBe(true);
    expect(isOpen(appointment({ endedAt: end }))).toBe(false);
    expect(isOpen(appointment({ cancelledAt: end }))).toBe(false);

    expect(isRunning(appointment())).toBe(false);
    expect(isRunning(appointment({ admittedAt: start }))).toBe(true);
    expect(isRunning(appointment({ admittedAt: start, endedAt: end }))).toBe(false);
    expect(isRunning(appointment({ admittedAt: start, cancelledAt: end }))).toBe(false);

    expect(isUpcoming(appointment(), end)).toBe(true);
    expect(isUpcoming(appointment(), plus(end, 1))).toBe(false);
    // A session that runs over its planned end is still on the list.
    expect(isUpcoming(appointment({ admittedAt: start }), plus(end, 3_600_000))).toBe(true);
    expect(isUpcoming(appointment({ admittedAt: start, endedAt: end }), end)).toBe(false);
    expect(isUpcoming(appointment({ cancelledAt: start }), start)).toBe(false);
  });

  it("let the counsellor turn away only someone who waits and was not let in", () => {
    const waiting = { checkedInAt: start, admittedAt: null, clientTokenHash: "h" };
    expect(canTurnAway(waiting)).toBe(true);
    expect(canTurnAway({ ...waiting, checkedInAt: null })).toBe(false);
    expect(canTurnAway({ ...waiting, admittedAt: start })).toBe(false);
    expect(canTurnAway({ ...waiting, clientTokenHash: null })).toBe(false);
  });
});
