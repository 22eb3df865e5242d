/**
 * @module
 * The two refusals every client page can give: too many attempts (429, with the
 * minutes to wait) and no current client cookie (403, with the way to join).
 */
import type { Context } from "hono";
import { renderPage } from "../../views/page.tsx";
import { MessagePage } from "../../views/pages/message.tsx";
import type { AppEnv } from "../deps.ts";

/** 429 with `Retry-After` and "please wait N minutes" (whole minutes, rounded up). */
export function tooManyAttempts(c: Context<AppEnv>, seconds: number) {
  const t = c.get("t");
  const minutes = Math.max(1, Math.ceil(seconds / 60));
  c.header("Retry-After", String(seconds));
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <MessagePage t={t} title={t("limit.title")} text={t("limit.text", { minutes })} />,
    { title: t("limit.title"), status: 429 },
  );
}

/**
 * 403: the cookie is missing, forged or replaced by a newer join. (403 rather
 * than 401: there is no HTTP authentication scheme to offer.)
 */
export function noClientSession(c: Context<AppEnv>) {
  const t = c.get("t");
  c.header("Cache-Control", "no-store");
  return renderPage(
    c,
    <MessagePage
      t={t}
      title={t("session.title")}
      text={t("session.text")}
      link={{ href: "/join", label: t("session.cta") }}
    />,
    { title: t("session.title"), status: 403 },
  );
}
