/**
 * The authorisation matrix's rows: every route of the app, in an order where a
 * request that succeeds does not hide the next row (ending, cancelling and
 * signing off come last).
 */
import { mintTicket } from "../../src/rooms/tickets.ts";
import { socketProtocols } from "../../src/rooms/wire.ts";
import type { Actor, World } from "../helpers/world.ts";
import { START } from "../helpers/world.ts";

export interface Route {
  name: string;
  method: "GET" | "POST";
  path: (w: World) => string | Promise<string>;
  form?: Record<string, string>;
  /** Sent as a plain request instead of a WebSocket upgrade. */
  plain?: boolean;
  /** The subprotocols a call page would offer (its ticket and session). */
  protocols?: (w: World) => Promise<string[]>;
}

const get = (name: string, path: Route["path"] = () => name): Route => ({
  name,
  method: "GET",
  path,
});
const post = (
  name: string,
  form: Record<string, string> = {},
  path: Route["path"] = () => name,
): Route => ({
  name: `POST ${name}`,
  method: "POST",
  path,
  form,
});
const session = "s".repeat(22);
const socket = (role: "counsellor" | "client", of: "x" | "y"): Route => ({
  ...get(`/rooms/X/ws ${of.toUpperCase()}/${role}`, (w) => `/rooms/${w.x}/ws`),
  protocols: async (w) =>
    socketProtocols(await mintTicket(w.t.deps.serverSecret, w[of], role, START), session),
});

export const ROUTES: Route[] = [
  get("/"),
  get("/info"),
  get("/healthz"),
  get("/join"),
  get("/lobby"),
  get("/lobby/status"),
  get("/call"),
  get("/call/left"),
  get("/check"),
  get("/check/ice-servers"),
  get("/login"),
  get("/setup"),
  get("/dashboard"),
  get("/dashboard/today"),
  get("/appointments"),
  get("/appointments/new"),
  get("/appointments/X", (w) => `/appointments/${w.x}`),
  get("/appointments/X/edit", (w) => `/appointments/${w.x}/edit`),
  get("/signed-off"),
  get("/appointments/X/print", (w) => `/appointments/${w.x}/print`),
  get("/appointments/X/invitation.ics", (w) => `/appointments/${w.x}/invitation.ics`),
  get(
    "/appointments/X/participants/P/print",
    (w) => `/appointments/${w.x}/participants/${w.px}/print`,
  ),
  get(
    "/appointments/X/participants/P/invitation.ics",
    (w) => `/appointments/${w.x}/participants/${w.px}/invitation.ics`,
  ),
  // Another appointment's participant under X's address: nobody's.
  get(
    "/appointments/X/participants/PY/print",
    (w) => `/appointments/${w.x}/participants/${w.py}/print`,
  ),
  get("/appointments/X/participants/states", (w) => `/appointments/${w.x}/participants/states`),
  get("/admin/counsellors"),
  get("/account/password"),
  socket("counsellor", "x"),
  socket("client", "x"),
  socket("counsellor", "y"),
  socket("client", "y"),
  {
    ...get("/rooms/X/ws forged", (w) => `/rooms/${w.x}/ws`),
    protocols: async () => socketProtocols("abc.def", session),
  },
  {
    ...socket("counsellor", "x"),
    name: "/rooms/X/ws X/counsellor without upgrade",
    plain: true,
  },
  // No state change on GET: the actions answer only to POST.
  get("/logout"),
  get("/lobby/leave"),
  get("/lobby/message"),
  get("/leave/quick"),
  get("/appointments/X/end", (w) => `/appointments/${w.x}/end`),
  get("/admin/counsellors/B/deactivate", (w) => `/admin/counsellors/${w.counsellorB}/deactivate`),
  post("/join", { code: "000000000000", name: "Eve", consent: "yes" }),
  post("/check/result", { result: "passed" }),
  post("/check/token", { code: "000000000000" }),
  post("/login", { email: "a@example.org", password: "wrong password" }),
  post("/setup", {
    token: "wrong-token-wrong-token",
    name: "Eve",
    email: "e@example.org",
    password: "long enough password",
  }),
  post("/appointments", { clientName: "", date: "", time: "", durationMinutes: "" }),
  post(
    "/appointments/X",
    { clientName: "Neu", date: "2026-11-25", time: "14:00", durationMinutes: "50" },
    (w) => `/appointments/${w.x}`,
  ),
  post("/appointments/X/code", {}, (w) => `/appointments/${w.x}/code`),
  post("/appointments/X/message", { message: "Gleich" }, (w) => `/appointments/${w.x}/message`),
  post(
    "/appointments/X/email-invitation",
    { to: "klient@example.net", reminders: "both", lang: "de" },
    (w) => `/appointments/${w.x}/email-invitation`,
  ),
  post(
    "/appointments/X/email-reminders/stop",
    {},
    (w) => `/appointments/${w.x}/email-reminders/stop`,
  ),
  post("/appointments/X/knock/admit", { knock: "0" }, (w) => `/appointments/${w.x}/knock/admit`),
  post("/appointments/X/knock/refuse", { knock: "0" }, (w) => `/appointments/${w.x}/knock/refuse`),
  post("/appointments/X/turn-away", {}, (w) => `/appointments/${w.x}/turn-away`),
  post(
    "/appointments/X/participants",
    { name: "Herr Begleiter", role: "companion" },
    (w) => `/appointments/${w.x}/participants`,
  ),
  post(
    "/appointments/X/participants/P/admit",
    {},
    (w) => `/appointments/${w.x}/participants/${w.px}/admit`,
  ),
  post(
    "/appointments/X/participants/P/back",
    {},
    (w) => `/appointments/${w.x}/participants/${w.px}/back`,
  ),
  post(
    "/appointments/X/participants/PY/remove",
    {},
    (w) => `/appointments/${w.x}/participants/${w.py}/remove`,
  ),
  post(
    "/appointments/X/participants/P/remove",
    {},
    (w) => `/appointments/${w.x}/participants/${w.px}/remove`,
  ),
  post("/appointments/X/checklist", { identity: "yes" }, (w) => `/appointments/${w.x}/checklist`),
  post("/appointments/X/start", {}, (w) => `/appointments/${w.x}/start`),
  get("/appointments/X/call", (w) => `/appointments/${w.x}/call`),
  post("/appointments/X/end", {}, (w) => `/appointments/${w.x}/end`),
  post("/appointments/X/cancel", {}, (w) => `/appointments/${w.x}/cancel`),
  post("/admin/counsellors", { name: "", email: "", role: "counsellor" }),
  post(
    "/admin/counsellors/B/deactivate",
    {},
    (w) => `/admin/counsellors/${w.counsellorB}/deactivate`,
  ),
  post("/account/password", { current: "wrong", password: "", confirm: "" }),
  post("/lobby/message", { message: "Meine Kamera geht nicht" }),
  post("/lobby/leave"),
  post("/leave/quick"),
  post("/logout"),
];

/** Sends one row's request as one actor: same-origin, with the actor's cookie and a socket upgrade. */
export async function send(w: World, actor: Actor, route: Route): Promise<Response> {
  const path = await route.path(w);
  const headers: Record<string, string> = { origin: "http://localhost" };
  if (!route.plain) headers.upgrade = "websocket";
  if (route.protocols) headers["sec-websocket-protocol"] = (await route.protocols(w)).join(", ");
  const cookie = w.cookies[actor];
  if (cookie) headers.cookie = cookie;
  if (route.method === "GET") return w.t.app.request(path, { headers });
  headers["content-type"] = "application/x-www-form-urlencoded";
  return w.t.app.request(path, { method: "POST", headers, body: new URLSearchParams(route.form) });
}
