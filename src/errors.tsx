/**
 * @module
 * Friendly pages for unknown routes and failures, in the layout and the
 * visitor's language. Never a stack trace: the log gets the error's kind only.
 */
import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { renderPage } from "../views/page.tsx";
import { ErrorPage } from "../views/pages/error.tsx";
import { HashingBusyError } from "./auth/passwords.ts";
import type { AppEnv } from "./deps.ts";
import { asLang, translator } from "./i18n/index.ts";

/** Errors raised by a database driver (libSQL, SQLite, D1) mean "try again soon", not a bug. */
function isDatabaseError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const text = `${error.name} ${error.message} ${(error as { code?: unknown }).code ?? ""} ${
    error.cause instanceof Error ? `${error.cause.name} ${error.cause.message}` : ""
  }`;
  return /libsql|sqlite|D1_|database|Failed query/i.test(text);
}

function render(
  c: Context<AppEnv>,
  status: 400 | 403 | 404 | 413 | 500 | 503,
  kind: "badRequest" | "forbidden" | "notFound" | "tooLarge" | "unavailable" | "busy" | "internal",
) {
  // The error may have happened before the language middleware ran.
  if (!c.get("t")) {
    c.set("lang", asLang(c.get("language")));
    c.set("t", translator(c.get("lang")));
  }
  const t = c.get("t");
  c.header("Cache-Control", "no-store");
  if (status === 503) c.header("Retry-After", kind === "busy" ? "5" : "30");
  const title = t(`error.${kind}Title`);
  return renderPage(c, <ErrorPage t={t} title={title} text={t(`error.${kind}`)} />, {
    title,
    status,
  });
}

export const tooLargePage = (c: Context<AppEnv>) => render(c, 413, "tooLarge");

/** A form body that cannot be parsed (a broken multipart body, say): the visitor's error. */
export const badRequestPage = (c: Context<AppEnv>) => render(c, 400, "badRequest");

export const notFoundPage: NotFoundHandler<AppEnv> = (c) => render(c, 404, "notFound");

export const errorPage: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof HTTPException && error.status === 403) return render(c, 403, "forbidden");
  if (error instanceof HTTPException && error.status === 400) return render(c, 400, "badRequest");
  if (error instanceof HTTPException && error.status < 500) return error.getResponse();
  // Every password hashing thread is busy and enough sign-ins already wait for one.
  if (error instanceof HashingBusyError) return render(c, 503, "busy");
  const database = isDatabaseError(error);
  c.get("deps")?.log.error("request failed", {
    kind: database ? "database" : error instanceof Error ? error.name : "unknown",
  });
  return database ? render(c, 503, "unavailable") : render(c, 500, "internal");
};
