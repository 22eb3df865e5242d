/**
 * The request log as Node and Deno write it: one line per request with the route
 * pattern, except unchanged polls, which a summary line counts.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { type Logger, summarising } from "../../src/log.ts";
import { joinedClient } from "../helpers/client.ts";

type Line = [string, Record<string, unknown> | undefined];

function recording() {
  const lines: Line[] = [];
  const base: Logger = {
    info: (event, fields) => lines.push([event, fields]),
    error: (event, fields) => lines.push([event, fields]),
  };
  return { lines, log: summarising(base, 60_000) };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the request log", () => {
  it("counts unchanged polls into one summary line and writes every other request", async () => {
    const client = await joinedClient({ counsellorMessage: "Bis gleich" });
    try {
      const { lines, log } = recording();
      client.t.deps.log = log;
      const first = await client.get("/lobby/status", { "HX-Request": "true" });
      const tag = /\?v=([0-9a-f]+)/.exec(await first.text())?.[1];
      for (let i = 0; i < 5; i++) {
        const res = await client.get(`/lobby/status?v=${tag}`, { "HX-Request": "true" });
        expect(res.status).toBe(204);
      }
      await client.get(`/appointments/${client.id}?code=123456789012`);
      expect(lines.map(([, fields]) => [fields?.route, fields?.status])).toEqual([
        ["/lobby/status", 200],
        ["/appointments/:id", 303],
      ]);
      log.flush();
      const summary = lines.at(-1);
      expect(summary?.[0]).toBe("request");
      expect(summary?.[1]).toMatchObject({
        method: "GET",
        route: "/lobby/status",
        status: 204,
        count: 5,
        period_s: 60,
      });
      // Route patterns only: no id, code, name or message anywhere.
      const written = JSON.stringify(lines);
      for (const secret of [client.id, "123456789012", "Maria", "Bis gleich", tag ?? "?"])
        expect(written).not.toContain(secret);
      log.flush();
      expect(lines.at(-1)).toBe(summary);
      log.stop();
    } finally {
      client.t.close();
    }
  });

  it("writes the summary once a minute by itself", () => {
    vi.useFakeTimers();
    const { lines, log } = recording();
    log.count?.("request", { method: "GET", route: "/dashboard/today", status: 204 }, 3);
    log.count?.("request", { method: "GET", route: "/dashboard/today", status: 204 }, 7);
    expect(lines).toEqual([]);
    vi.advanceTimersByTime(60_000);
    expect(lines).toEqual([
      [
        "request",
        {
          method: "GET",
          route: "/dashboard/today",
          status: 204,
          count: 2,
          ms_max: 7,
          ms_total: 10,
          period_s: 60,
        },
      ],
    ]);
    log.stop();
  });
});
