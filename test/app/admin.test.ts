import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { counsellors } from "../../db/schema.ts";
import { counsellorName } from "../../src/auth/counsellors.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounsellor, get, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("account administration", () => {
  it("adds a counsellor with a temporary password that must be changed", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
    const admin = await signIn(t, "admin@example.org");
    const res = await t.app.request(
      "/admin/counsellors",
      post({ name: "Carla", email: "carla@example.org", role: "counsellor" }, admin),
    );
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Carla wurde hinzugefügt.");
    expect(html).toContain("<title>Beraterinnen und Berater");
    const temporary = /Vorläufiges Passwort für Carla: (\S+)/.exec(html)?.[1] ?? "";
    const [carla] = await t.deps.db
      .select()
      .from(counsellors)
      .where(eq(counsellors.email, "carla@example.org"));
    expect(carla?.mustChangePassword).toBe(true);
    expect(carla?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const login = await t.app.request(
      "/login",
      post({ email: "carla@example.org", password: temporary }),
    );
    expect(login.headers.get("location")).toBe("/account/password");
  });

  it("labels the form by the person being added, not the admin", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
    const admin = await signIn(t, "admin@example.org");
    const de = await (await t.app.request("/admin/counsellors", get(admin))).text();
    expect(de).toContain("Name (so sehen ihn Ratsuchende)");
    expect(de).toContain("E-Mail-Adresse (zum Anmelden)");
    expect(de).not.toContain("Ihr Name");
    const en = await (
      await t.app.request("/admin/counsellors", get(admin, { "Accept-Language": "en" }))
    ).text();
    expect(en).toContain("Name (as clients will see it)");
    expect(en).not.toContain("Your name");
    // The form shown again after a refused entry says the same.
    const refused = await t.app.request(
      "/admin/counsellors",
      post({ name: "", email: "neu@example.org", role: "counsellor" }, admin),
    );
    expect(refused.status).toBe(422);
    const again = await refused.text();
    expect(again).toContain("Name (so sehen ihn Ratsuchende)");
    expect(again).not.toContain("Ihr Name");
  });

  it("refuses a taken e-mail and bad fields without storing anything", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
    const admin = await signIn(t, "admin@example.org");
    const taken = await t.app.request(
      "/admin/counsellors",
      post({ name: "X", email: "ADMIN@example.org" }, admin),
    );
    expect(taken.status).toBe(422);
    expect(await taken.text()).toContain("Für diese E-Mail-Adresse gibt es schon ein Konto.");
    const bad = await t.app.request("/admin/counsellors", post({ name: "", email: "nope" }, admin));
    expect(bad.status).toBe(422);
    expect(await t.deps.db.select().from(counsellors)).toHaveLength(1);
  });

  it("adds one account when the same form arrives twice at once (a double click)", async () => {
    t = await makeTestApp();
    await addCounsellor(t, { email: "admin@example.org", name: "Admin", role: "admin" });
    const admin = await signIn(t, "admin@example.org");
    const form = { name: "Carla", email: "carla@example.org", role: "counsellor" };
    const answers = await Promise.all([
      t.app.request("/admin/counsellors", post(form, admin)),
      t.app.request("/admin/counsellors", post(form, admin)),
    ]);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 422]);
    const refused = answers.find((res) => res.status === 422);
    expect(await refused?.text()).toContain("Für diese E-Mail-Adresse gibt es schon ein Konto.");
    const carla = await t.deps.db
      .select()
      .from(counsellors)
      .where(eq(counsellors.email, "carla@example.org"));
    expect(carla).toHaveLength(1);
  });

  it("names a counsellor to clients by id, and nobody once the account is gone", async () => {
    t = await makeTestApp();
    const id = await addCounsellor(t, { email: "carla@example.org", name: "Carla Beispiel" });
    expect(await counsellorName(t.deps.db, id)).toBe("Carla Beispiel");
    await t.deps.db.delete(counsellors).where(eq(counsellors.id, id));
    expect(await counsellorName(t.deps.db, id)).toBeUndefined();
  });

  it("does not let an admin deactivate themselves, and ignores unknown ids and actions", async () => {
    t = await makeTestApp();
    const adminId = await addCounsellor(t, {
      email: "admin@example.org",
      name: "Admin",
      role: "admin",
    });
    const admin = await signIn(t, "admin@example.org");
    const self = await t.app.request(`/admin/counsellors/${adminId}/deactivate`, post({}, admin));
    expect(await self.text()).toContain("nicht deaktivieren");
    expect(
      (await t.app.request("/admin/counsellors/nope/deactivate", post({}, admin))).status,
    ).toBe(404);
    expect(
      (await t.app.request(`/admin/counsellors/${adminId}/delete`, post({}, admin))).status,
    ).toBe(404);
    expect((await t.app.request("/dashboard", get(admin))).status).toBe(200);
  });
});
