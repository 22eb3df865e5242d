/**
 * `renderCallPage` as the page routes use it: a fresh ticket for exactly this
 * room and member, TURN credentials without the secret, no caching, the strict CSP,
 * and who the page may meet (`data-people`).
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { appointments } from "../../db/schema.ts";
import { renderCallPage } from "../../src/rooms/call-page.tsx";
import { mintTicket, verifyTicket } from "../../src/rooms/tickets.ts";
import { socketProtocols } from "../../src/rooms/wire.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { officeWithAppointment } from "../helpers/counsellor.ts";

let t: TestApp | undefined;
afterEach(() => {
  t?.close();
  t = undefined;
});

const attribute = (html: string, name: string) =>
  new RegExp(`${name}="([^"]*)"`)
    .exec(html)?.[1]
    ?.replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

describe("renderCallPage", () => {
  it("renders the call page with a ticket for this room and role only", async () => {
    t = await makeTestApp({
      env: { TURN_URLS: "turn:turn.example.org:3478", TURN_SECRET: "page-turn-secret-0123" },
    });
    t.app.get("/probe/:room", (c) =>
      renderCallPage(c, {
        room: c.req.param("room"),
        member: "client",
        endUrl: "/bye",
        peerName: "Anna",
      }),
    );
    const res = await t.app.request("/probe/appt-42");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const html = await res.text();
    // Tiles and their codes are the script's, as people arrive; the page names who may come.
    expect(html).toContain('id="remote-tiles"');
    expect(attribute(html, "data-member")).toBe("client");
    expect(attribute(html, "data-role")).toBe("client");
    expect(JSON.parse(attribute(html, "data-people") ?? "{}")).toEqual({
      counsellor: { name: "Anna", role: "Beratung" },
    });
    expect(attribute(html, "data-lobby-url")).toBe("/lobby");
    expect(html).toMatch(/<script src="\/assets\/call\.[0-9a-f]{10}\.js" defer/);
    expect(html).not.toContain("page-turn-secret-0123");
    expect(attribute(html, "data-ws-path")).toBe("/rooms/appt-42/ws");
    expect(attribute(html, "data-end-url")).toBe("/bye");
    const ticket = attribute(html, "data-ticket") ?? "";
    expect(await verifyTicket(t.deps.serverSecret, ticket, new Date())).toEqual({
      ok: true,
      room: "appt-42",
      member: "client",
    });
    const ice = JSON.parse(attribute(html, "data-ice-servers") ?? "[]");
    expect(ice[0].username).toMatch(/^\d+:appt-42-client$/);
    expect(html).toContain("Sicherheitscode");
  });

  it("speaks English when asked and has no share button for the client", async () => {
    t = await makeTestApp();
    t.app.get("/probe", (c) =>
      renderCallPage(c, { room: "r", member: "client", endUrl: "/", peerName: "Anna" }),
    );
    const html = await (await t.app.request("/probe?lang=en")).text();
    expect(html).toContain("Security code");
    expect(html).toContain("Hang up");
    expect(html).not.toContain('id="call-share"');
  });

  it("renders a further participant's page with their member id and waiting room", async () => {
    t = await makeTestApp({
      env: { TURN_URLS: "turn:turn.example.org:3478", TURN_SECRET: "page-turn-secret-0123" },
    });
    const member = "p-0a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d" as const;
    t.app.get("/probe", (c) =>
      renderCallPage(c, {
        room: "appt-7",
        member,
        endUrl: "/bye",
        lobbyUrl: "/lobby",
        peerName: "Anna",
      }),
    );
    const html = await (await t.app.request("/probe")).text();
    expect(attribute(html, "data-member")).toBe(member);
    expect(attribute(html, "data-role")).toBe("participant");
    expect(attribute(html, "data-lobby-url")).toBe("/lobby");
    expect(html).not.toContain('id="call-share"');
    const ticket = attribute(html, "data-ticket") ?? "";
    expect(await verifyTicket(t.deps.serverSecret, ticket, new Date())).toEqual({
      ok: true,
      room: "appt-7",
      member,
    });
    const ice = JSON.parse(attribute(html, "data-ice-servers") ?? "[]");
    expect(ice[0].username).toMatch(new RegExp(`^\\d+:appt-7-${member}$`));
  });

  it("gives the counsellor one way out: ending the session, not also hanging up", async () => {
    t = await makeTestApp();
    t.app.get("/probe", (c) =>
      renderCallPage(c, {
        room: "r",
        member: "counsellor",
        endUrl: "/",
        peerName: "Klara",
        endAction: "/appointments/r/end",
      }),
    );
    const html = await (await t.app.request("/probe")).text();
    expect(html).toContain('action="/appointments/r/end"');
    expect(html).toContain("Sitzung beenden");
    expect(html).not.toContain('id="call-hang-up"');
    expect(html).not.toContain("Auflegen");
  });

  it("gives a further participant their member id, everyone else by name and role, and their waiting room", async () => {
    t = await makeTestApp();
    const people = {
      counsellor: { name: "Anna Beraterin", role: "Beratung" },
      client: { name: "Klara <Beispiel>", role: "Klient/in" },
    };
    t.app.get("/probe", (c) =>
      renderCallPage(c, { room: "r", member: "p-0a1b2c3d-4e5f", people, endUrl: "/call/left" }),
    );
    const html = await (await t.app.request("/probe")).text();
    expect(attribute(html, "data-member")).toBe("p-0a1b2c3d-4e5f");
    expect(attribute(html, "data-role")).toBe("participant");
    // JSON in an attribute: escaped as HTML, read back whole.
    expect(JSON.parse(attribute(html, "data-people") ?? "{}")).toEqual(people);
    expect(html).not.toContain("<Beispiel>");
    expect(attribute(html, "data-lobby-url")).toBe("/lobby");
    expect(html).toContain('id="call-hang-up"');
    expect(html).not.toContain('id="call-share"');
  });

  it("refuses WebSocket requests without a valid ticket before any runtime is asked", async () => {
    t = await makeTestApp();
    const offering = (protocols: string[]) => ({
      headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": protocols.join(", ") },
    });
    expect((await t.app.request("/rooms/r/ws", offering(["sprechzimmer"]))).status).toBe(400);
    const forged = offering(socketProtocols("x.y", "abcdefgh"));
    expect((await t.app.request("/rooms/r/ws", forged)).status).toBe(403);
    // Ours must come first: the runtimes answer with the first offered subprotocol.
    const reversed = offering(socketProtocols("x.y", "abcdefgh").reverse());
    expect((await t.app.request("/rooms/r/ws", reversed)).status).toBe(400);
    // Never from the URL.
    const inUrl = "/rooms/r/ws?ticket=x.y&session=abcdefgh";
    expect((await t.app.request(inUrl, offering(["sprechzimmer"]))).status).toBe(400);
    expect((await t.app.request("/rooms/r/ws")).status).toBe(426);
  });

  it("refuses a valid ticket for another room, and any ticket once the session is over", async () => {
    t = await makeTestApp();
    const s = await officeWithAppointment(t, new Date(Date.now() + 60_000));
    const secret = t.deps.serverSecret;
    const connect = async (room: string, ticket: string) => {
      const protocols = socketProtocols(ticket, "abcdefgh").join(", ");
      const res = await t?.app.request(`/rooms/${room}/ws`, {
        headers: { Upgrade: "websocket", "Sec-WebSocket-Protocol": protocols },
      });
      return { status: res?.status, text: await res?.text() };
    };
    const ticket = await mintTicket(secret, s.id, "client", new Date());
    expect(await connect("another-room", ticket)).toEqual({
      status: 403,
      text: "The ticket is not valid for this room.\n",
    });
    const ended = { status: 403, text: "This session has ended.\n" };
    for (const over of [{ endedAt: new Date() }, { cancelledAt: new Date() }]) {
      await t.database.db.update(appointments).set(over).where(eq(appointments.id, s.id));
      expect(await connect(s.id, ticket)).toEqual(ended);
      await t.database.db
        .update(appointments)
        .set({ endedAt: null, cancelledAt: null })
        .where(eq(appointments.id, s.id));
    }
    // An unknown room is not "over": it is the ticket that decides there.
    const unknown = await mintTicket(secret, "no-such-appointment", "client", new Date());
    expect((await connect("no-such-appointment", unknown)).text).not.toBe(ended.text);
  });
});
