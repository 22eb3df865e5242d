/**
 * The authorisation matrix: every route × every kind of visitor → the expected
 * answer, with real sign-in and real join on a fixed clock. A refused request
 * changes nothing stored; any request leaves what belongs to others as it was.
 * Both clients are joined at once: each cookie opens its own appointment only,
 * and whatever one visitor does, the other client's cookie still opens theirs.
 * Every request writes one log line with the route pattern, never an id, code,
 * name or token. Columns: anonymous, client of X, client of Y, counsellor A
 * (owns X), counsellor B (owns Y), admin.
 *
 * Answers: a status, or a redirect written as its target: `login` (303 to
 * /login), `lobby`, `sent` (303 back to /lobby after a change), `bye` (303 to /signed-off), `exit` (the neutral page), `ok` (303 to
 * where the action leads), `out` (signed off, 303 to /login). `socket` is an accepted signalling ticket.
 */
import { describe, expect, it } from "vitest";
import { CODE } from "../helpers/appointments.ts";
import { ACTORS, type Actor, CODE_Y, makeWorld, type World } from "../helpers/world.ts";
import { ROUTES, send } from "./authorisation-routes.ts";

const EXPECTED: Record<string, string> = {
  "/": "200 200 200 200 200 200",
  "/info": "200 200 200 200 200 200",
  "/signed-off": "200 200 200 200 200 200",
  "/healthz": "200 200 200 200 200 200",
  "/join": "200 200 200 200 200 200",
  "/lobby": "403 200 200 403 403 403",
  "/lobby/status": "403 200 200 403 403 403",
  "/call": "lobby lobby lobby lobby lobby lobby",
  "/call/left": "lobby lobby lobby lobby lobby lobby",
  "/check": "200 200 200 200 200 200",
  "/check/ice-servers": "200 200 200 200 200 200",
  "/login": "200 200 200 200 200 200",
  "/setup": "403 403 403 403 403 403",
  "/dashboard": "login login login 200 200 200",
  "/dashboard/today": "login login login 200 200 200",
  "/appointments": "login login login 200 200 200",
  "/appointments/new": "login login login 200 200 200",
  "/appointments/X": "login login login 200 404 404",
  "/appointments/X/edit": "login login login 200 404 404",
  "/appointments/X/print": "login login login 200 404 404",
  "/appointments/X/invitation.ics": "login login login 200 404 404",
  "/appointments/X/participants/P/print": "login login login 200 404 404",
  "/appointments/X/participants/P/invitation.ics": "login login login 200 404 404",
  "/appointments/X/participants/PY/print": "login login login 404 404 404",
  "/appointments/X/participants/states": "login login login 200 404 404",
  "/admin/counsellors": "login login login 404 404 200",
  "/account/password": "login login login 200 200 200",
  "/rooms/X/ws X/counsellor": "socket socket socket socket socket socket",
  "/rooms/X/ws X/client": "socket socket socket socket socket socket",
  "/rooms/X/ws Y/counsellor": "403 403 403 403 403 403",
  "/rooms/X/ws Y/client": "403 403 403 403 403 403",
  "/rooms/X/ws forged": "403 403 403 403 403 403",
  // A socket address answers plain requests with 426, whatever the ticket.
  "/rooms/X/ws X/counsellor without upgrade": "426 426 426 426 426 426",
  "/logout": "404 404 404 404 404 404",
  "/lobby/leave": "404 404 404 404 404 404",
  "/leave/quick": "404 404 404 404 404 404",
  "/appointments/X/end": "login login login 404 404 404",
  "/admin/counsellors/B/deactivate": "login login login 404 404 404",
  "POST /join": "422 422 422 422 422 422",
  "POST /check/result": "403 204 204 403 403 403",
  "POST /check/token": "403 403 403 403 403 403",
  "POST /login": "401 401 401 401 401 401",
  "POST /setup": "403 403 403 403 403 403",
  "POST /appointments": "login login login 422 422 422",
  "POST /appointments/X": "login login login ok 404 404",
  "POST /appointments/X/code": "login login login ok 404 404",
  "POST /appointments/X/message": "login login login ok 404 404",
  // The matrix's server has no SMTP settings: the owner hears so, and nothing is sent or kept.
  "POST /appointments/X/email-invitation": "login login login 409 404 404",
  "POST /appointments/X/email-reminders/stop": "login login login ok 404 404",
  "POST /appointments/X/knock/admit": "login login login ok 404 404",
  "POST /appointments/X/knock/refuse": "login login login ok 404 404",
  "POST /appointments/X/turn-away": "login login login ok 404 404",
  "POST /appointments/X/participants": "login login login ok 404 404",
  "POST /appointments/X/participants/P/admit": "login login login ok 404 404",
  "POST /appointments/X/participants/P/back": "login login login ok 404 404",
  "POST /appointments/X/participants/PY/remove": "login login login 404 404 404",
  "POST /appointments/X/participants/P/remove": "login login login ok 404 404",
  "POST /appointments/X/checklist": "login login login 409 404 404",
  "POST /appointments/X/start": "login login login ok 404 404",
  "/appointments/X/call": "login login login 200 404 404",
  "POST /appointments/X/end": "login login login ok 404 404",
  // Ended sessions cannot be cancelled: the appointment page says so.
  "POST /appointments/X/cancel": "login login login 200 404 404",
  "POST /admin/counsellors": "login login login 404 404 422",
  "POST /admin/counsellors/B/deactivate": "login login login 404 404 ok",
  "POST /account/password": "login login login 422 422 422",
  "POST /lobby/message": "403 sent sent 403 403 403",
  "/lobby/message": "404 404 404 404 404 404",
  "POST /lobby/leave": "bye bye bye bye bye bye",
  "POST /leave/quick": "exit exit exit exit exit exit",
  "POST /logout": "login login login out out out",
};

const REDIRECTS: Record<string, (location: string) => boolean> = {
  login: (l) => l === "/login",
  out: (l) => l === "/login",
  lobby: (l) => l === "/lobby",
  bye: (l) => l === "/signed-off",
  sent: (l) => l === "/lobby",
  exit: (l) => l === "https://www.wikipedia.org/",
  ok: (l) => l.startsWith("/"),
};

/** Answers after which nothing stored may have changed. */
const REFUSED = new Set(["login", "lobby", "401", "403", "404", "409", "422"]);

/** The clients, the appointment's counsellor their lobby names, and who may change that appointment. */
const CLIENTS = [
  { actor: "clientX", counsellor: "Frau A", owner: "counsellorA" },
  { actor: "clientY", counsellor: "Herr B", owner: "counsellorB" },
] as const;

/** A client's lobby opens and names the counsellor of their own appointment, not the other's. */
async function expectOwnLobby(w: World, client: (typeof CLIENTS)[number], what: string) {
  const res = await send(w, client.actor, { name: "/lobby", method: "GET", path: () => "/lobby" });
  const html = await res.text();
  expect(res.status, `${what}: ${client.actor}'s lobby`).toBe(200);
  for (const other of CLIENTS) {
    const shown = html.includes(`Bei: ${other.counsellor}`);
    expect(shown, `${what}: ${client.actor}'s lobby names ${other.counsellor}`).toBe(
      other === client,
    );
  }
}

/** A route pattern: literal segments, `:parameters` and `*`, or the mark for no route. */
const PATTERN = /^(\/([a-z0-9.-]*|:[a-zA-Z]+|\*))+$|^\(unmatched\)$/;

/** The log lines of one request: one request line with a route pattern, nothing personal. */
function expectPatternLog(
  w: World,
  lines: World["logs"],
  method: string,
  status: number,
  what: string,
) {
  const requests = lines.filter((line) => line.event === "request");
  expect(
    requests.map((line) => [line.fields.method, line.fields.status]),
    `${what}: one request line`,
  ).toEqual([[method, status]]);
  expect(String(requests[0]?.fields.route), `${what}: route pattern`).toMatch(PATTERN);
  const cookieValues = Object.values(w.cookies).map((cookie) => cookie.split("=")[1] ?? "");
  const secrets = [
    w.x,
    w.y,
    w.px,
    w.py,
    w.counsellorA,
    w.counsellorB,
    w.admin,
    CODE,
    CODE_Y,
    "Maria",
    "Frau A",
    "Herr B",
    "example.org",
    "localhost",
    "ticket",
    ...cookieValues.filter(Boolean),
  ];
  for (const line of lines) {
    const text = JSON.stringify(line);
    for (const secret of secrets) expect(text, `${what}: log line`).not.toContain(secret);
  }
}

describe("authorisation matrix", () => {
  it("lists every row", () => {
    expect(ROUTES.map((r) => r.name).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(ACTORS.map((actor, column) => [actor, column] as const))(
    "every route answers %s as expected and refusals change nothing",
    async (actor, column) => {
      const w = await makeWorld();
      try {
        for (const route of ROUTES) {
          const expected = EXPECTED[route.name]?.split(" ")[column] ?? "?";
          const before = await w.snapshots(actor);
          const logFrom = w.logs.length;
          const res = await send(w, actor, route);
          const location = res.headers.get("location") ?? "";
          const body = await res.text();
          const what = `${actor} ${route.name}`;
          const redirect = REDIRECTS[expected];
          if (redirect) {
            expect(res.status, what).toBe(303);
            expect(redirect(location), `${what} → ${location}`).toBe(true);
          } else if (expected === "socket") {
            expect(res.status, what).toBe(200);
            expect(body, what).toBe(`${w.x}:${route.name.split("/")[4]}`);
          } else {
            expect(res.status, what).toBe(Number(expected));
          }
          const after = await w.snapshots(actor);
          if (REFUSED.has(expected)) expect(after.all, what).toBe(before.all);
          expect(after.others, `${what}: what belongs to others`).toBe(before.others);
          expectPatternLog(w, w.logs.slice(logFrom), route.method, res.status, what);
          const own = CLIENTS.find((client) => client.actor === actor);
          if (own && route.name === "/lobby")
            expect(body, what).toContain(`Bei: ${own.counsellor}`);
          // The other client's cookie still opens their own appointment, and only that.
          for (const client of CLIENTS) {
            if (client.actor !== actor && client.owner !== (actor as Actor)) {
              await expectOwnLobby(w, client, what);
            }
          }
        }
      } finally {
        w.t.close();
      }
    },
  );
});
