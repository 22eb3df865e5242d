import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { CODE, formPost, insertAppointment, readAppointment } from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

// 13:55 in Berlin; the appointment at 14:00 has an open waiting room.
const NOW = new Date("2026-11-25T12:55:00Z");
const START = new Date("2026-11-25T13:00:00Z");

async function setup(
  extra: Parameters<typeof insertAppointment>[2]["extra"] = {},
  startsAt = START,
) {
  // Addresses come from X-Forwarded-For, as behind a reverse proxy the operator trusts.
  t = await makeTestApp({ now: () => NOW, env: { TRUST_PROXY: "true" } });
  const id = await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt, extra });
  return { app: t.app, db: t.deps.db, id };
}

const good = { code: "1234 5678-9012", name: "  Maria Muster ", consent: "yes" };

describe("GET /join?code= (invitation link, too-early reload)", () => {
  it("keeps saying when the waiting room opens and reloads at that time", async () => {
    const { app, db, id } = await setup({}, new Date("2026-11-25T13:20:00Z"));
    const before = await readAppointment(db, id);
    const res = await app.request(`/join?code=${CODE}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("Das Wartezimmer öffnet um 14:05");
    expect(html).toContain(`<meta http-equiv="refresh" content="600; url=/join#code=${CODE}"`);
    expect(await readAppointment(db, id)).toEqual(before);
  });

  it("once open, shows the form ready for the name", async () => {
    const { app } = await setup();
    const html = await (await app.request(`/join?code=${CODE}`)).text();
    expect(html).not.toContain("refresh");
    expect(html).not.toContain('role="alert"');
    expect(html).toMatch(/<input id="name"[^>]*autofocus/);
  });

  it("shows nothing more for an unknown code, and stops looking codes up when over the limit", async () => {
    const { app } = await setup({ cancelledAt: new Date("2026-11-24T10:00:00Z") });
    expect(await (await app.request("/join?code=999999999999")).text()).not.toContain(
      'role="alert"',
    );
    for (let i = 0; i < 9; i++) await app.request("/join?code=999999999999");
    const limited = await app.request(`/join?code=${CODE}`);
    expect(limited.status).toBe(200);
    expect(await limited.text()).not.toContain("abgesagt");
  });
});

describe("join rate limits", () => {
  it("allow 10 attempts per address in 15 minutes, then say how long to wait", async () => {
    const { app } = await setup();
    // One trusted proxy appends the address it was connected from: the rightmost entry.
    const from = (ip: string) => ({ "X-Forwarded-For": `10.0.0.1, ${ip}` });
    for (let i = 0; i < 10; i++) {
      const res = await app.request(
        "/join",
        formPost({ ...good, code: `99999999999${i}` }, from("203.0.113.9")),
      );
      expect(res.status).toBe(422);
    }
    const blocked = await app.request("/join", formPost(good, from("203.0.113.9")));
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toBe("900");
    expect(await blocked.text()).toContain("warten Sie 15 Minuten");
    // Another address is not affected.
    expect((await app.request("/join", formPost(good, from("198.51.100.1")))).status).toBe(303);
  });

  it("count only wrong codes: the right one gets in however often it is used", async () => {
    const { app } = await setup();
    for (let i = 0; i < 12; i++) {
      const res = await app.request(
        "/join",
        formPost(good, { "CF-Connecting-IP": `192.0.2.${i % 2}` }),
      );
      expect(res.status).toBe(303);
    }
  });
});
