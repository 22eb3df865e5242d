import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { hashCode, normalizeCode } from "../../src/appointments/codes.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { addCounsellor, get, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

// Wednesday 25 November 2026, 09:00 in Berlin.
const NOW = new Date("2026-11-25T08:00:00Z");

async function setup() {
  t = await makeTestApp({ now: () => NOW });
  await addCounsellor(t, { email: "anna@example.org", name: "Anna Beraterin" });
  await addCounsellor(t, { email: "bob@example.org", name: "Bob" });
  return {
    app: t,
    anna: await signIn(t, "anna@example.org"),
    bob: await signIn(t, "bob@example.org"),
  };
}

const good = {
  clientName: "Frau Müller",
  date: "2026-11-25",
  time: "14:30",
  durationMinutes: "50",
  note: "Zweites Gespräch",
};

async function create(app: TestApp, cookie: string, data: Record<string, string> = good) {
  const res = await app.app.request("/appointments", post(data, cookie));
  expect(res.status).toBe(303);
  const id = /^\/appointments\/([0-9a-f-]{36})\?created=1$/.exec(
    res.headers.get("location") ?? "",
  )?.[1];
  expect(id).toBeDefined();
  return id as string;
}

describe("creating appointments", () => {
  it("stores the time in the office zone and shows the invitation with a 12-digit code", async () => {
    const { app, anna } = await setup();
    const id = await create(app, anna);
    const [row] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(row?.startsAt.toISOString()).toBe("2026-11-25T13:30:00.000Z");
    expect(row?.clientName).toBe("Frau Müller");

    const html = await (await app.app.request(`/appointments/${id}`, get(anna))).text();
    const code = /data-dial-in-code="(\d+)"/.exec(html)?.[1] ?? "";
    expect(code).toMatch(/^\d{12}$/);
    expect(html).toContain(`${code.slice(0, 4)} ${code.slice(4, 8)} ${code.slice(8)}`);
    // Stored only as HMAC and sealed, never in clear.
    expect(row?.codeHash).toBe(await hashCode(app.deps.serverSecret, code));
    expect(JSON.stringify(row)).not.toContain(code);
    // The invitation: date, time, address with code, /check, /info, the advice.
    expect(html).toContain("Mittwoch, 25. November 2026 um 14:30 Uhr (50 Minuten)");
    expect(html).toContain(`http://localhost/join#code=${code}`);
    expect(html).toContain(`http://localhost/check#code=${code}`);
    expect(html).toContain("http://localhost/info");
    expect(html).toContain("ruhigen, gut beleuchteten Ort");
    expect(html).toContain("etwa 5 Minuten vor dem Termin");
    expect(html).toMatch(/href="mailto:\?subject=Ihre%20Videosprechstunde/);
    // Deletion date: end (15:20) + 90 days.
    expect(html).toContain(
      "Die Daten dieses Termins werden am Dienstag, 23. Februar 2027 gelöscht.",
    );
  });

  it("offers the invitation in English on request and as a valid calendar file", async () => {
    const { app, anna } = await setup();
    const id = await create(app, anna);
    const en = await (await app.app.request(`/appointments/${id}?invite=en`, get(anna))).text();
    expect(en).toContain(
      "Your video consultation is on Wednesday, 25 November 2026 at 14:30 (50 minutes).",
    );
    const ics = await app.app.request(`/appointments/${id}/invitation.ics`, get(anna));
    expect(ics.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    const text = await ics.text();
    expect(text.startsWith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")).toBe(true);
    expect(text).toContain("DTSTART:20261125T133000Z\r\n");
    expect(text).toContain("DTEND:20261125T142000Z\r\n");
    expect(text.trimEnd().endsWith("END:VCALENDAR")).toBe(true);
    for (const line of text.split("\r\n"))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    const unfolded = text.replace(/\r\n /g, "");
    expect(unfolded).toMatch(/URL:http:\/\/localhost\/join#code=\d{12}/);
    // The English invitation's addresses open English pages, whatever the browser says.
    expect(en).toMatch(/http:\/\/localhost\/join\?lang=en#code=\d{12}/);
    expect(en).toContain("http://localhost/check?lang=en");
    expect(en).toContain("http://localhost/info?lang=en");
    const enIcs = await (
      await app.app.request(`/appointments/${id}/invitation.ics?invite=en`, get(anna))
    ).text();
    expect(enIcs.replace(/\r\n /g, "")).toMatch(
      /URL:http:\/\/localhost\/join\?lang=en#code=\d{12}/,
    );
    const germanBrowser = await app.app.request(/\/join\?lang=en#code=\d{12}/.exec(en)?.[0] ?? "", {
      headers: { "Accept-Language": "de-DE" },
    });
    expect(await germanBrowser.text()).toContain("Enter the waiting room");
    // The device check and the information page too, and a German choice remembered
    // from an earlier visit does not win over the invitation's language.
    for (const path of [/\/check\?lang=en#code=\d{12}/, /\/info\?lang=en/]) {
      const link = path.exec(en)?.[0] ?? "";
      expect(link, String(path)).not.toBe("");
      const opened = await app.app.request(link, {
        headers: { "Accept-Language": "de-DE", Cookie: "lang=de" },
      });
      expect(await opened.text()).toMatch(/<html lang="en"/);
    }
    // The print view and the mail of the English invitation carry the same links.
    const enPrint = await (
      await app.app.request(`/appointments/${id}/print?invite=en`, get(anna))
    ).text();
    expect(enPrint).toMatch(/http:\/\/localhost\/join\?lang=en#code=\d{12}/);
    expect(decodeURIComponent(/href="(mailto:[^"]+)"/.exec(en)?.[1] ?? "")).toContain(
      "http://localhost/join?lang=en#code=",
    );
    const print = await (await app.app.request(`/appointments/${id}/print`, get(anna))).text();
    expect(print).toContain("So nehmen Sie teil:");
  });

  it.each([
    [{ ...good, clientName: "" }, "Bitte geben Sie einen Namen ein."],
    [{ ...good, clientName: "x".repeat(81) }, "höchstens 80 Zeichen"],
    [{ ...good, clientName: "Frau\u0007Müller" }, "Zeichen, die nicht erlaubt sind"],
    [{ ...good, date: "2026-02-30" }, "gültiges Datum"],
    [{ ...good, date: "25.11.2026" }, "gültiges Datum"],
    [{ ...good, time: "25:00" }, "gültiges Datum"],
    [{ ...good, time: "2pm" }, "gültige Uhrzeit"],
    [{ ...good, date: "2026-11-24" }, "in der Vergangenheit"],
    [{ ...good, durationMinutes: "0" }, "zwischen 5 und 240 Minuten"],
    [{ ...good, durationMinutes: "abc" }, "zwischen 5 und 240 Minuten"],
    [{ ...good, note: "n".repeat(1001) }, "höchstens 1000 Zeichen"],
  ])("refuses bad input %#, keeps what was typed and stores nothing", async (data, message) => {
    const { app, anna } = await setup();
    const res = await app.app.request("/appointments", post(data as Record<string, string>, anna));
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain(message);
    // What was typed comes back in the form (checked on plain names; the rest is escaped).
    if (/^[\p{L} ]+$/u.test(data.clientName)) expect(html).toContain(`value="${data.clientName}"`);
    expect(html).toContain(`value="${data.date}"`);
    expect(await app.deps.db.select().from(appointments)).toHaveLength(0);
  });

  it("escapes names everywhere", async () => {
    const { app, anna } = await setup();
    const id = await create(app, anna, { ...good, clientName: "<script>alert(1)</script>" });
    const html = await (await app.app.request(`/appointments/${id}`, get(anna))).text();
    expect(html).not.toContain("<script>alert(1)");
    expect(html).toContain("&lt;script&gt;");
  });
});

describe("changing appointments", () => {
  it("edits, replaces the code, sends a message, and cancels", async () => {
    const { app, anna } = await setup();
    const id = await create(app, anna);
    const before = await (await app.app.request(`/appointments/${id}`, get(anna))).text();
    const oldCode = /data-dial-in-code="(\d+)"/.exec(before)?.[1] ?? "";

    const edit = await app.app.request(
      `/appointments/${id}`,
      post({ ...good, time: "15:00", durationMinutes: "30" }, anna),
    );
    expect(edit.status).toBe(303);
    const [edited] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(edited?.startsAt.toISOString()).toBe("2026-11-25T14:00:00.000Z");
    expect(edited?.durationMinutes).toBe(30);

    expect((await app.app.request(`/appointments/${id}/code`, post({}, anna))).status).toBe(303);
    const after = await (await app.app.request(`/appointments/${id}?code=1`, get(anna))).text();
    const newCode = /data-dial-in-code="(\d+)"/.exec(after)?.[1] ?? "";
    expect(newCode).toMatch(/^\d{12}$/);
    expect(newCode).not.toBe(oldCode);
    const [row] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(row?.codeHash).toBe(await hashCode(app.deps.serverSecret, normalizeCode(newCode) ?? ""));

    expect(
      (
        await app.app.request(
          `/appointments/${id}/message`,
          post({ message: "Ich komme fünf Minuten später" }, anna),
        )
      ).status,
    ).toBe(303);
    const tooLong = await app.app.request(
      `/appointments/${id}/message`,
      post({ message: "x".repeat(201) }, anna),
    );
    expect(tooLong.status).toBe(422);
    const [messaged] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(messaged?.counsellorMessage).toBe("Ich komme fünf Minuten später");

    expect((await app.app.request(`/appointments/${id}/cancel`, post({}, anna))).status).toBe(303);
    const cancelled = await (await app.app.request(`/appointments/${id}`, get(anna))).text();
    expect(cancelled).toContain("Dieser Termin wurde abgesagt.");
    const refused = await app.app.request(
      `/appointments/${id}`,
      post({ ...good, time: "16:00" }, anna),
    );
    expect(await refused.text()).toContain("kann nicht mehr geändert werden");
    const [still] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(still?.startsAt.toISOString()).toBe("2026-11-25T14:00:00.000Z");
  });

  it("starts (admits) and ends a session", async () => {
    const { app, anna } = await setup();
    const id = await create(app, anna);
    await app.deps.db
      .update(appointments)
      .set({ checkedInAt: NOW, givenName: "Maria M." })
      .where(eq(appointments.id, id));
    const start = await app.app.request(`/appointments/${id}/start`, post({}, anna));
    expect(start.status).toBe(303);
    expect(start.headers.get("location")).toBe(`/appointments/${id}/call`);
    const [admitted] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(admitted?.admittedAt?.getTime()).toBe(NOW.getTime());
    expect((await app.app.request(`/appointments/${id}/call`, get(anna))).status).toBe(200);
    const end = await app.app.request(`/appointments/${id}/end`, post({}, anna));
    expect(end.headers.get("location")).toBe("/dashboard");
    const [ended] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(ended?.endedAt?.getTime()).toBe(NOW.getTime());
  });
});

describe("authorisation", () => {
  it("hides one counsellor's appointments from another: every route is 404 and nothing changes", async () => {
    const { app, anna, bob } = await setup();
    const id = await create(app, anna);
    for (const path of ["", "/edit", "/print", "/invitation.ics", "/call"]) {
      expect((await app.app.request(`/appointments/${id}${path}`, get(bob))).status, path).toBe(
        404,
      );
    }
    for (const action of ["cancel", "code", "message", "start", "end"]) {
      expect(
        (await app.app.request(`/appointments/${id}/${action}`, post({ message: "x" }, bob)))
          .status,
        action,
      ).toBe(404);
    }
    expect(
      (await app.app.request(`/appointments/${id}`, post({ ...good, time: "16:00" }, bob))).status,
    ).toBe(404);
    const [row] = await app.deps.db.select().from(appointments).where(eq(appointments.id, id));
    expect(row?.cancelledAt).toBeNull();
    expect(row?.admittedAt).toBeNull();
    expect(row?.startsAt.toISOString()).toBe("2026-11-25T13:30:00.000Z");
    const list = await (await app.app.request("/appointments?range=upcoming", get(bob))).text();
    expect(list).not.toContain("Frau Müller");
  });

  it("sends anonymous visitors to the sign-in page and keeps admin pages from counsellors", async () => {
    const { app, anna } = await setup();
    for (const path of [
      "/dashboard",
      "/appointments/new",
      "/appointments?range=past",
      "/admin/counsellors",
    ]) {
      const res = await app.app.request(path);
      expect(res.status, path).toBe(303);
      expect(res.headers.get("location")).toBe("/login");
    }
    expect((await app.app.request("/admin/counsellors", get(anna))).status).toBe(404);
  });
});

describe("the lists", () => {
  it("moves an ended or cancelled appointment from the upcoming list to the past at once", async () => {
    const { app, anna } = await setup();
    const ended = await create(app, anna, { ...good, clientName: "Herr Beendet" });
    const cancelled = await create(app, anna, {
      ...good,
      clientName: "Frau Abgesagt",
      date: "2026-12-03",
    });
    await create(app, anna, { ...good, clientName: "Frau Später", date: "2026-12-01" });
    const list = async (range: string) =>
      (await app.app.request(`/appointments?range=${range}`, get(anna))).text();
    expect(await list("upcoming")).toContain("Herr Beendet");
    expect(await list("past")).not.toContain("Herr Beendet");

    expect((await app.app.request(`/appointments/${ended}/start`, post({}, anna))).status).toBe(
      303,
    );
    expect((await app.app.request(`/appointments/${ended}/end`, post({}, anna))).status).toBe(303);
    expect(
      (await app.app.request(`/appointments/${cancelled}/cancel`, post({}, anna))).status,
    ).toBe(303);
    const upcoming = await list("upcoming");
    expect(upcoming).not.toContain("Herr Beendet");
    expect(upcoming).not.toContain("Frau Abgesagt");
    expect(upcoming).toContain("Frau Später");
    const past = await list("past");
    expect(past).toContain("Herr Beendet");
    expect(past).toContain("Frau Abgesagt");
    expect(past).not.toContain("Frau Später");
  });
});

describe("concurrency", () => {
  it("loses no appointment when many are created at once", async () => {
    const { app, anna } = await setup();
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        app.app.request("/appointments", post({ ...good, clientName: `Person ${i}` }, anna)),
      ),
    );
    expect(results.map((res) => res.status)).toEqual(Array(25).fill(303));
    const rows = await app.deps.db.select().from(appointments);
    expect(rows).toHaveLength(25);
    expect(new Set(rows.map((row) => row.codeHash)).size).toBe(25);
  });
});
