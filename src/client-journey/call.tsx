/**
 * @module
 * `GET /call` for the client: only with a current cookie and after admission
 * (otherwise back to the waiting room). The call itself replaces the view.
 */
import { Hono } from "hono";
import { renderPage } from "../../views/page.tsx";
import { ClientCallPage } from "../../views/pages/call-client.tsx";
import type { AppEnv } from "../deps.ts";
import { currentAppointment } from "./client-session.ts";
import { lobbyStatus } from "./lobby-status.ts";

/** The client's call route. */
export const clientCallRoutes = new Hono<AppEnv>().get("/call", async (c) => {
  const appointment = await currentAppointment(c);
  if (!appointment || lobbyStatus(appointment, c.get("deps").now()).state !== "admitted") {
    return c.redirect("/lobby", 303);
  }
  const t = c.get("t");
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <ClientCallPage t={t} quickExitUrl={c.get("deps").config.QUICK_EXIT_URL} />,
    { title: t("call.title"), scripts: ["quick-exit.js"] },
  );
});
