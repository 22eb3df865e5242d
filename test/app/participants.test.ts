/**
 * Further participants (interpreter, companion, …): the counsellor adds up to
 * two, each with their own code and invitation; each joins through the normal
 * join form, waits, is let in to a call page of their own (member `p-<id>`), can
 * be sent back and let in again, signs off like the client; removing one ends
 * their code at once; everything goes with the appointment.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments, participants } from "../../db/schema.ts";
import { purgeExpired } from "../../src/retention/purge.ts";
import { socketProtocols } from "../../src/rooms/wire.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { CODE, cookieFrom, formPost } from "../helpers/appointments.ts";
import { addCounsellor, get, officeWithAppointment, post, signIn } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const START = new Date("2026-11-25T13:00:00Z");

async function office() {
  const clock = { now: new Date("2026-11-25T12:58:00Z") };
  t = await makeTestApp({ now: () => clock.now });
  const sentBack: string[] = [];
  t.deps.rooms = {
    ...t.deps.rooms,
    sendBack: async (room, member) => void sentBack.push(`${room} ${member}`),
  };
  const o = await officeWithAppointment(t, START);
  const app = o.app;
  const base = `/appointments/${o.id}`;
  const page = async (lang = "de") =>
    (await app.request(base, get(o.counsellor, { "Accept-Language": lang }))).text();
  /** A same-origin form post as the counsellor, in `lang`. */
  const send = (path: string, fields: Record<string, string>, headers = {}) => {
    const init = post(fields, o.counsellor);
    return app.request(path, {
      ...init,
      headers: { ...(init.headers as Record<string, string>), ...headers },
    });
  };
  const add = (fields: Record<string, string>, lang = "de") =>
    send(`${base}/participants`, fields, { "accept-language": lang });
  /** Each participant on the appointment page: id and code, in order. */
  const listed = async () =>
    [
      ...(await page()).matchAll(/data-participant="([^"]+)"[\s\S]*?data-dial-in-code="(\d{12})"/g),
    ].map((m) => ({ id: m[1] ?? "", code: m[2] ?? "" }));
  const joinWith = async (code: string, name: string) => {
    const res = await app.request("/join", formPost({ code, name, consent: "yes" }));
    return { res, cookie: cookieFrom(res) };
  };
  const act = (pid: string, action: string, fields: Record<string, string> = {}, headers = {}) =>
    send(`${base}/participants/${pid}/${action}`, fields, headers);
  const rows = () =>
    t?.deps.db.select().from(participants).where(eq(participants.appointmentId, o.id)) ?? [];
  return { ...o, clock, base, page, add, listed, joinWith, act, rows, sentBack };
}

describe("further participants on the appointment", () => {
  it("are added with a name and a role, at most two, each with a code of their own", async () => {
    const s = await office();
    const first = await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toMatch(new RegExp(`^${s.base}\\?added=1`));
    const second = await s.add({ name: "Herr Opa", role: "other", roleText: "Großvater" });
    expect(second.status).toBe(303);

    const flash = await s.app.request(first.headers.get("location") ?? "", get(s.counsellor));
    expect(await flash.text()).toContain("Die Person wurde hinzugefügt");
    const html = await s.page();
    expect(html).toContain("Frau Dolmetsch · Dolmetscher/in");
    expect(html).toContain("Herr Opa · Großvater");
    // The client's code keeps its place, outside the participants.
    const clientCode = html.indexOf("data-dial-in-code=");
    expect(clientCode).toBeGreaterThan(0);
    expect(clientCode).toBeLessThan(html.indexOf("data-participant="));
    const people = await s.listed();
    expect(people).toHaveLength(2);
    const codes = new Set([CODE, ...people.map((p) => p.code)]);
    expect(codes.size).toBe(3);
    // Their invitation explains the role and that the code is theirs alone.
    expect(html).toContain("Sie sind als Dolmetscher/in eingeladen");
    expect(html).toContain("Sie sind eingeladen als: Großvater.");
    expect(html).toContain("gilt nur für Sie");
    expect(html).toMatch(/href="mailto:\?subject=/);

    const [p] = people;
    const ics = await s.app.request(
      `${s.base}/participants/${p?.id}/invitation.ics?invite=en`,
      get(s.counsellor),
    );
    expect(ics.headers.get("content-type")).toContain("text/calendar");
    const calendar = (await ics.text()).replace(/\r\n /g, "");
    expect(calendar).toContain(`UID:${s.id}-${p?.id}@sprechzimmer`);
    expect(calendar).toContain(`#code=${p?.code}`);
    expect(calendar).toContain("You are invited as the interpreter");
    const print = await s.app.request(`${s.base}/participants/${p?.id}/print`, get(s.counsellor));
    expect(print.status).toBe(200);
    expect(await print.text()).toContain(p?.code.slice(0, 4));

    // A third is refused on the page itself, and nothing is stored.
    const third = await s.add({ name: "Frau Drei", role: "companion" });
    expect(third.status).toBe(422);
    const refused = await third.text();
    expect(refused).toContain("höchstens zwei weitere Personen");
    expect(refused).toContain('role="alert"');
    expect(await s.rows()).toHaveLength(2);
  });

  it("keep the counsellor's call page polling for their states only while there are any", async () => {
    const s = await office();
    await s.join("Maria");
    expect((await s.app.request(`${s.base}/start`, post({}, s.counsellor))).status).toBe(303);
    const live = async () => {
      const html = await (await s.app.request(`${s.base}/call`, get(s.counsellor))).text();
      return /<div id="participant-states"[^>]*>/.exec(html)?.[0] ?? "";
    };
    // A call of two: the list asks again only when the window comes back into focus.
    const alone = await live();
    expect(alone).toContain('hx-trigger="focus from:window"');
    expect(alone).not.toContain("every");

    await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    const withOne = await live();
    expect(withOne).toContain('hx-trigger="every 5s"');
    expect(withOne).toContain(`hx-get="${s.base}/participants/states"`);

    // Removed again: the list it renews into stops polling.
    const [p] = await s.listed();
    await s.act(p?.id ?? "", "remove");
    const states = await s.app.request(`${s.base}/participants/states`, get(s.counsellor));
    expect(await states.text()).toContain('hx-trigger="focus from:window"');
    expect(await live()).not.toContain("every 5s");
  });

  it("refuses a bad name or role with the field's message in the user's language", async () => {
    const s = await office();
    const noName = await s.add({ name: "  ", role: "companion" });
    expect(noName.status).toBe(422);
    expect(await noName.text()).toContain('class="field invalid"');
    const noRole = await s.add({ name: "Frau Vier", role: "other", roleText: "" }, "en");
    expect(noRole.status).toBe(422);
    expect(await noRole.text()).toContain("Please choose a role or type one");
    const unknown = await s.add({ name: "Frau Vier", role: "admin" });
    expect(unknown.status).toBe(422);
    expect(await unknown.text()).toContain("Bitte wählen Sie eine Rolle");
    expect(await s.rows()).toHaveLength(0);
  });

  it("are nobody else's to see or change", async () => {
    const s = await office();
    await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    const [p] = await s.listed();
    await addCounsellor(t as TestApp, { email: "ben@example.org", name: "Ben" });
    const other = await signIn(t as TestApp, "ben@example.org");
    for (const path of ["print", "invitation.ics"]) {
      const res = await s.app.request(`${s.base}/participants/${p?.id}/${path}`, get(other));
      expect(res.status).toBe(404);
    }
    const remove = await s.app.request(`${s.base}/participants/${p?.id}/remove`, post({}, other));
    expect(remove.status).toBe(404);
    expect(await s.rows()).toHaveLength(1);
  });
});

describe("a further participant's way through", () => {
  it("joins with their code, waits, is let in, sent back, let in again and signs off", async () => {
    const s = await office();
    await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    const [p] = await s.listed();
    const pid = p?.id ?? "";

    const { res, cookie } = await s.joinWith(p?.code ?? "", "Dana");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/lobby");
    // The client's seat is untouched.
    expect((await s.row()).givenName).toBeNull();

    const lobby = await s.app.request("/lobby", get(cookie));
    expect(lobby.status).toBe(200);
    const lobbyHtml = await lobby.text();
    expect(lobbyHtml).toContain("Bei: Anna");
    // No answer form: that is the client's.
    expect(lobbyHtml).not.toContain('action="/lobby/message"');
    const early = await s.app.request("/call", get(cookie));
    expect(early.headers.get("location")).toBe("/lobby");

    // The counsellor sees them waiting, with the typed name and the role.
    const waiting = await s.page();
    expect(waiting).toMatch(/wartet seit \d\d:\d\d Uhr/);
    expect(waiting).toContain("eingegebener Name: „Dana“");
    const dashboard = await (await s.app.request("/dashboard", get(s.counsellor))).text();
    expect(dashboard).toContain(`data-participant="${pid}"`);
    expect(dashboard).toMatch(/Frau Dolmetsch<\/span> <span class="role">\(Dolmetscher\/in\)/);
    expect(dashboard).toMatch(/wartet seit \d\d:\d\d Uhr/);

    // Let in (before the session starts): the poll leads to their own call page.
    expect((await s.act(pid, "admit")).headers.get("location")).toBe(s.base);
    const poll = await s.app.request("/lobby/status", get(cookie, { "HX-Request": "true" }));
    expect(poll.headers.get("HX-Redirect")).toBe("/call");
    const call = await s.app.request("/call", get(cookie));
    expect(call.status).toBe(200);
    const callHtml = await call.text();
    expect(callHtml).toContain(`data-member="p-${pid}"`);
    expect(callHtml).toContain('data-role="participant"');
    expect(callHtml).toContain('data-lobby-url="/lobby"');
    const people = JSON.parse(
      (callHtml.match(/data-people="([^"]*)"/)?.[1] ?? "{}").replace(/&quot;/g, '"'),
    );
    expect(people.counsellor).toEqual({ name: "Anna", role: "Beratung" });
    expect(people.client.role).toBe("Klient/in");
    expect(people[`p-${pid}`]).toBeUndefined();

    // The session starts; the counsellor's call page shows the state and a send-back button.
    expect((await s.app.request(`${s.base}/start`, post({}, s.counsellor))).status).toBe(303);
    const counsellorCall = await (await s.app.request(`${s.base}/call`, get(s.counsellor))).text();
    expect(counsellorCall).toContain("in der Sitzung");
    expect(counsellorCall).toContain(`/participants/${pid}/back`);
    const counsellorPeople = JSON.parse(
      (counsellorCall.match(/data-people="([^"]*)"/)?.[1] ?? "{}").replace(/&quot;/g, '"'),
    );
    expect(counsellorPeople[`p-${pid}`]).toEqual({
      name: "Frau Dolmetsch",
      role: "Dolmetscher/in",
    });

    // Sent back from the call page (htmx): the list comes back, the call goes on.
    const back = await s.act(pid, "back", { from: "call" }, { "HX-Request": "true" });
    expect(back.status).toBe(200);
    const fragment = await back.text();
    expect(fragment).toContain('id="participant-states"');
    expect(fragment).toContain(`/participants/${pid}/admit`);
    expect(s.sentBack).toEqual([`${s.id} p-${pid}`]);
    expect((await s.app.request("/call", get(cookie))).headers.get("location")).toBe("/lobby");
    const again = await (await s.app.request("/lobby", get(cookie))).text();
    expect(again).toContain("Sie sind wieder im Wartezimmer");
    const englishPoll = await s.app.request(
      "/lobby/status",
      get(cookie, { "HX-Request": "true", "Accept-Language": "en" }),
    );
    expect(await englishPoll.text()).toContain("You are back in the waiting room");

    // Let in again, without script from the call page: back to the call page.
    const admitted = await s.act(pid, "admit", { from: "call" });
    expect(admitted.headers.get("location")).toBe(`${s.base}/call`);
    expect((await s.app.request("/call", get(cookie))).status).toBe(200);

    // Signing off: they have left, and the cookie opens nothing any more.
    const leave = await s.app.request("/lobby/leave", post({}, cookie));
    expect(leave.headers.get("location")).toBe("/signed-off");
    expect((await s.app.request("/lobby", get(cookie))).status).toBe(403);
    const [row] = await s.rows();
    expect(row?.leftAt).not.toBeNull();
    expect(row?.tokenHash).toBeNull();
    expect(await s.page()).toContain("gegangen");
  });

  it("reaches the room with their ticket only while let in", async () => {
    const s = await office();
    const connected: string[] = [];
    if (t) {
      t.deps.rooms = {
        ...t.deps.rooms,
        connect: async (c, room, member) => {
          connected.push(`${room} ${member}`);
          return c.text("connected");
        },
      };
    }
    await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    const [p] = await s.listed();
    const pid = p?.id ?? "";
    const { cookie } = await s.joinWith(p?.code ?? "", "Dana");
    expect((await s.act(pid, "admit")).status).toBe(303);
    // The ticket from their call page, as the page offers it.
    const html = await (await s.app.request("/call", get(cookie))).text();
    const ticket = html.match(/data-ticket="([^"]+)"/)?.[1] ?? "";
    const socket = () =>
      s.app.request(`/rooms/${s.id}/ws`, {
        headers: {
          upgrade: "websocket",
          "sec-websocket-protocol": socketProtocols(ticket, "page-session-1").join(", "),
        },
      });
    expect((await socket()).status).toBe(200);
    expect(connected).toEqual([`${s.id} p-${pid}`]);

    // Sent back, the same ticket (still within its two minutes) opens nothing.
    await s.act(pid, "back");
    const refused = await socket();
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("not let in");
    // Let in again, it works; removed, it never does again.
    await s.act(pid, "admit");
    expect((await socket()).status).toBe(200);
    await s.act(pid, "remove");
    expect((await socket()).status).toBe(403);
    expect(connected).toHaveLength(2);
  });

  it("leaves quickly before being let in, and nothing they typed stays", async () => {
    const s = await office();
    await s.add({ name: "Frau Begleitung", role: "companion" });
    const [p] = await s.listed();
    const { cookie } = await s.joinWith(p?.code ?? "", "Bea");
    const exit = await s.app.request("/leave/quick", post({}, cookie));
    expect(exit.status).toBe(303);
    const [row] = await s.rows();
    expect(row).toMatchObject({ tokenHash: null, checkedInAt: null, givenName: null });
    expect(await s.page()).toContain("geplant");
  });

  it("is removed: the code and the cookie stop working at once", async () => {
    const s = await office();
    await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    const [p] = await s.listed();
    const { cookie } = await s.joinWith(p?.code ?? "", "Dana");
    const removed = await s.act(p?.id ?? "", "remove");
    expect(removed.headers.get("location")).toBe(`${s.base}?removed=1`);
    expect(s.sentBack).toEqual([`${s.id} p-${p?.id}`]);
    expect(await s.rows()).toHaveLength(0);
    expect((await s.app.request("/lobby", get(cookie))).status).toBe(403);
    const join = await s.joinWith(p?.code ?? "", "Dana");
    expect(join.res.status).toBe(422);
    // The client still gets in with their own code.
    expect((await s.join("Maria")).length).toBeGreaterThan(0);
    expect((await s.row()).givenName).toBe("Maria");
  });

  it("goes with the appointment in the purge", async () => {
    const s = await office();
    await s.add({ name: "Frau Dolmetsch", role: "interpreter" });
    await s.add({ name: "Herr Opa", role: "companion" });
    const db = (t as TestApp).deps.db;
    await db.update(appointments).set({ endedAt: START }).where(eq(appointments.id, s.id));
    const later = new Date(START.getTime() + 400 * 86_400_000);
    const preview = await purgeExpired(db, later, { RETENTION_DAYS: 30 }, { dryRun: true });
    expect(preview.participants).toBe(2);
    const counts = await purgeExpired(db, later, { RETENTION_DAYS: 30 });
    expect(counts).toMatchObject({ appointments: 1, participants: 2 });
    expect(await db.select().from(participants)).toHaveLength(0);
  });
});
