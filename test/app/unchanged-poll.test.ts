/**
 * The waiting room's unchanged poll is answered before the middleware stack
 * (`client-journey/unchanged-poll.ts`). Whichever way it is answered, a client
 * must get the same: the 204 with every security header, the cache headers and
 * the ETag, "last seen" kept, the request counted; and anything that changed
 * (the tag, the language, the admission) still reaches the full route.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { type Logger, summarising } from "../../src/log.ts";
import { joinedClient } from "../helpers/client.ts";
import { expectSecurityHeaders } from "../helpers/headers.ts";

const htmx = { "HX-Request": "true" };

/** Every header but the date, as a sorted list. */
function headerList(res: Response): string[] {
  return [...res.headers]
    .filter(([name]) => name !== "date")
    .map(([name, value]) => `${name}: ${value}`)
    .sort();
}

async function tagOf(res: Response): Promise<string> {
  const tag = /\/lobby\/status\?v=([0-9a-f]+)/.exec(await res.text())?.[1];
  if (!tag) throw new Error("no tag in the lobby status");
  return tag;
}

describe("the unchanged waiting-room poll", () => {
  for (const scheme of ["http", "https"] as const) {
    it(`answers 204 with the same headers every time over ${scheme}`, async () => {
      const client = await joinedClient({}, { pollMemory: true });
      try {
        const poll = (path: string, headers: Record<string, string> = {}) =>
          client.app.request(`${scheme}://localhost${path}`, {
            // Over HTTPS the cookie carries the `__Host-` prefix.
            headers: {
              cookie: scheme === "https" ? `__Host-${client.cookie}` : client.cookie,
              ...htmx,
              ...headers,
            },
          });
        const tag = await tagOf(await poll("/lobby/status"));
        const answers: Response[] = [];
        for (let i = 0; i < 3; i++) answers.push(await poll(`/lobby/status?v=${tag}`));
        for (const res of answers) {
          expect(res.status).toBe(204);
          expect(await res.text()).toBe("");
          expectSecurityHeaders(res, `unchanged poll over ${scheme}`, {
            https: scheme === "https",
          });
          expect(res.headers.get("cache-control")).toBe("private, no-cache");
          expect(res.headers.get("vary")).toBe("HX-Request");
          expect(res.headers.get("etag")).toBe(`"${tag}"`);
        }
        const [first, ...later] = answers.map(headerList);
        for (const list of later) expect(list).toEqual(first);
        // The same headers as the full route gives its fragment, apart from those about the body.
        const aboutTheBody = /^(content-type|content-length|content-encoding|etag|vary):/;
        const fragment = headerList(await poll("/lobby/status"));
        expect(first?.filter((line) => !aboutTheBody.test(line))).toEqual(
          fragment.filter((line) => !aboutTheBody.test(line)),
        );
      } finally {
        client.t.close();
      }
    });
  }

  it("keeps the client seen, and is counted in the request log's summary", async () => {
    const client = await joinedClient({}, { pollMemory: true });
    try {
      const lines: [string, Record<string, unknown> | undefined][] = [];
      const base: Logger = {
        info: (event, fields) => lines.push([event, fields]),
        error: (event, fields) => lines.push([event, fields]),
      };
      const log = summarising(base, 60_000);
      client.t.deps.log = log;
      const tag = await tagOf(await client.get("/lobby/status", htmx));
      for (let i = 0; i < 4; i++)
        expect((await client.get(`/lobby/status?v=${tag}`, htmx)).status).toBe(204);
      // Twenty seconds later the poll records the client as still there.
      client.clock.now = new Date(client.clock.now.getTime() + 20_000);
      expect((await client.get(`/lobby/status?v=${tag}`, htmx)).status).toBe(204);
      await client.t.pollMemory?.flush();
      const [row] = await client.db
        .select({ lastSeenAt: appointments.lastSeenAt })
        .from(appointments)
        .where(eq(appointments.id, client.id));
      expect(row?.lastSeenAt?.getTime()).toBe(client.clock.now.getTime());
      log.flush();
      expect(lines.at(-1)?.[1]).toMatchObject({
        method: "GET",
        route: "/lobby/status",
        status: 204,
        count: 5,
      });
      log.stop();
    } finally {
      client.t.close();
    }
  });

  it("hands everything that changed to the full route", async () => {
    const client = await joinedClient({}, { pollMemory: true });
    try {
      const tag = await tagOf(await client.get("/lobby/status", htmx));
      expect((await client.get(`/lobby/status?v=${tag}`, htmx)).status).toBe(204);
      // Another language: the fragment in English, with its own tag.
      const english = await client.get(`/lobby/status?v=${tag}`, {
        ...htmx,
        "Accept-Language": "en",
      });
      expect(english.status).toBe(200);
      const englishTag = await tagOf(english);
      expect(englishTag).not.toBe(tag);
      // A language remembered in the cookie: the English fragment, though the browser asks for none.
      const remembered = await client.app.request(`/lobby/status?v=${tag}`, {
        headers: { cookie: `${client.cookie}; lang=en`, ...htmx },
      });
      expect(remembered.status).toBe(200);
      expect(await tagOf(remembered)).toBe(englishTag);
      // A language chosen in the query is remembered by the full route.
      const chosen = await client.get(`/lobby/status?v=${tag}&lang=en`, htmx);
      expect(chosen.headers.get("set-cookie")).toContain("lang=en");
      // A stale tag: the fragment again.
      expect((await client.get("/lobby/status?v=0000", htmx)).status).toBe(200);
      // Let in: on to the call at the next poll.
      await client.admit();
      const admitted = await client.get(`/lobby/status?v=${tag}`, htmx);
      expect(admitted.headers.get("hx-redirect")).toBe("/call");
      // Another cookie: not this client's waiting room.
      const stranger = await client.app.request(`/lobby/status?v=${tag}`, {
        headers: { cookie: "sz_client=someone-else", ...htmx },
      });
      expect(stranger.status).toBe(403);
    } finally {
      client.t.close();
    }
  });
});
