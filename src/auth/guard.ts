/**
 * @module
 * Route guards for the counsellor side. Pages redirect to the sign-in page;
 * everything a counsellor may not see is answered as if it did not exist.
 */
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps.ts";
import { currentCounsellor } from "./sessions.ts";

/** Requires a signed-in counsellor; sets `c.var.counsellor`. */
export const requireCounsellor = createMiddleware<AppEnv>(async (c, next) => {
  const counsellor = await currentCounsellor(c);
  if (!counsellor) return c.redirect("/login", 303);
  c.set("counsellor", counsellor);
  c.header("Cache-Control", "no-store");
  // A reset password must be replaced before anything else.
  if (counsellor.mustChangePassword && c.req.path !== "/account/password") {
    return c.redirect("/account/password", 303);
  }
  await next();
});

/** Requires an admin; others get the 404 page. */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  if (c.get("counsellor")?.role !== "admin") return c.notFound();
  await next();
});
