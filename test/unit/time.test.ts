import { describe, expect, it } from "vitest";
import { formatDate, formatTime, instantToZoned, zonedToInstant } from "../../src/time.ts";

describe("office time", () => {
  it("turns a Berlin wall-clock time into the right instant in winter and summer", () => {
    expect(zonedToInstant("2026-11-25", "14:30", "Europe/Berlin")?.toISOString()).toBe(
      "2026-11-25T13:30:00.000Z",
    );
    expect(zonedToInstant("2026-07-01", "09:00", "Europe/Berlin")?.toISOString()).toBe(
      "2026-07-01T07:00:00.000Z",
    );
  });

  it("refuses impossible dates and times", () => {
    expect(zonedToInstant("2026-02-30", "10:00", "Europe/Berlin")).toBeUndefined();
    expect(zonedToInstant("2026-11-25", "24:00", "Europe/Berlin")).toBeUndefined();
    expect(zonedToInstant("25.11.2026", "10:00", "Europe/Berlin")).toBeUndefined();
  });

  it("round-trips and formats in German and English", () => {
    const instant = new Date("2026-03-29T08:15:00Z");
    expect(instantToZoned(instant, "Europe/Berlin")).toEqual({ date: "2026-03-29", time: "10:15" });
    expect(formatDate(instant, "Europe/Berlin", "de")).toBe("Sonntag, 29. März 2026");
    expect(formatDate(instant, "Europe/Berlin", "en")).toBe("Sunday, 29 March 2026");
    expect(formatTime(instant, "Europe/Berlin", "de")).toBe("10:15");
  });
});
