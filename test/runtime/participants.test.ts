/**
 * A further participant's whole way on the Node and Deno entries as real
 * processes, over HTTP and the signalling socket as a page uses them: the
 * counsellor adds an interpreter, the client and the interpreter join with
 * their own codes, the session starts, the interpreter is let in and meets both
 * others in the room, is sent back (their socket hears it, the others hear them
 * go, their waiting room says so), is let in again, signs off, and comes back
 * with the same code to wait and be let in once more.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { WebSocket as BrowserWebSocket } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import type { ServerMessage } from "../../src/rooms/protocol.ts";
import { socketProtocols } from "../../src/rooms/wire.ts";
import { RUNTIME_ENTRIES, type RunningServer, startServer } from "../../support/process.ts";
import { type SocketLike, TestSocket } from "../../support/test-socket.ts";

let server: RunningServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const cookieOf = (res: Response) => (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";

/** The next message of a type, skipping pongs and the like. */
async function nextOf<T extends ServerMessage["type"]>(socket: TestSocket, type: T) {
  for (;;) {
    const message = await socket.next();
    if (message.type === type) return message as Extract<ServerMessage, { type: T }>;
  }
}

describe.each(Object.entries(RUNTIME_ENTRIES))("the %s entry", (name, { command, args }) => {
  it("lets a further participant in, sends them back, lets them in again, and in once more after they signed off", async () => {
    dir = mkdtempSync(join(tmpdir(), `sprechzimmer-participants-${name}-`));
    server = await startServer(command, args, { PORT: "0", DATA_DIR: dir, TIME_ZONE: "UTC" });
    const url = server.url;
    const post = (path: string, fields: Record<string, string>, cookie = "") =>
      fetch(`${url}${path}`, {
        method: "POST",
        redirect: "manual",
        headers: {
          Origin: url,
          "Content-Type": "application/x-www-form-urlencoded",
          ...(cookie ? { Cookie: cookie } : {}),
        },
        body: new URLSearchParams(fields),
      });
    const get = (path: string, cookie: string) =>
      fetch(`${url}${path}`, { redirect: "manual", headers: { Cookie: cookie } });

    const link = /(http:\/\/\S+\/setup\?token=\S+)/.exec(server.output())?.[1] ?? "";
    const setup = await fetch(link, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        name: "Anna Beraterin",
        email: "anna@example.org",
        password: "correct horse battery",
      }),
    });
    const counsellor = cookieOf(setup);
    const soon = new Date(Date.now() + 5 * 60_000).toISOString();
    const created = await post(
      "/appointments",
      {
        clientName: "Frau Müller",
        date: soon.slice(0, 10),
        time: soon.slice(11, 16),
        durationMinutes: "50",
      },
      counsellor,
    );
    expect(created.status).toBe(303);
    const page = created.headers.get("location")?.split("?")[0] ?? "";
    const id = page.split("/").at(-1) ?? "";

    const added = await post(
      `${page}/participants`,
      { name: "Herr Yılmaz", role: "interpreter", roleText: "" },
      counsellor,
    );
    expect(added.status).toBe(303);
    const html = await (await get(page, counsellor)).text();
    const pid = /data-participant="([0-9a-f-]{36})"/.exec(html)?.[1] ?? "";
    const guestCode =
      new RegExp(`data-participant="${pid}"[\\s\\S]*?data-dial-in-code="(\\d{12})"`).exec(
        html,
      )?.[1] ?? "";
    const clientCode =
      /data-dial-in-code="(\d{12})"/.exec(html.slice(0, html.indexOf("data-participant=")))?.[1] ??
      "";
    expect(guestCode).toMatch(/^\d{12}$/);
    expect(clientCode).toMatch(/^\d{12}$/);
    expect(guestCode).not.toBe(clientCode);

    const joinWith = async (code: string, typed: string) => {
      const joined = await post("/join", { code, name: typed, consent: "yes" });
      expect(joined.status).toBe(303);
      return cookieOf(joined);
    };
    const client = await joinWith(clientCode, "Maria Müller");
    const guest = await joinWith(guestCode, "Deniz Yılmaz");
    expect(await (await get("/lobby", guest)).text()).toContain("Wartezimmer");

    expect((await post(`${page}/start`, {}, counsellor)).status).toBe(303);
    // Not yet let in: the interpreter's call page stays closed while the client's opens.
    expect((await get("/call", guest)).status).not.toBe(200);
    expect((await get("/call", client)).status).toBe(200);

    const ticketOf = async (path: string, cookie: string) => {
      const res = await get(path, cookie);
      expect(res.status).toBe(200);
      const body = await res.text();
      return {
        ticket: /data-ticket="([^"]+)"/.exec(body)?.[1] ?? "",
        member: /data-member="([^"]+)"/.exec(body)?.[1] ?? "",
      };
    };
    let session = 0;
    const open = async (path: string, cookie: string) => {
      const { ticket, member } = await ticketOf(path, cookie);
      const ws = new BrowserWebSocket(
        `${url.replace(/^http/, "ws")}/rooms/${id}/ws`,
        socketProtocols(ticket, `session-${name}-${++session}`),
      );
      const socket = new TestSocket(ws as unknown as SocketLike);
      await new Promise<void>((resolve, reject) => {
        ws.addEventListener("open", () => resolve());
        ws.addEventListener("error", () => reject(new Error("the socket did not open")));
      });
      return { socket, member };
    };
    const room = await open(`${page}/call`, counsellor);
    const clientRoom = await open("/call", client);
    expect((await nextOf(room.socket, "peer-joined")).from).toBe("client");

    expect((await post(`${page}/participants/${pid}/admit`, {}, counsellor)).status).toBe(303);
    const status = await get("/lobby/status", guest);
    expect(status.status).toBe(303);
    expect(status.headers.get("location")).toBe("/call");
    const guestRoom = await open("/call", guest);
    expect(guestRoom.member).toBe(`p-${pid}`);
    const welcome = await nextOf(guestRoom.socket, "join");
    expect(welcome.peers.map((peer) => peer.id)).toEqual(["counsellor", "client"]);
    expect((await nextOf(room.socket, "peer-joined")).from).toBe(`p-${pid}`);
    expect((await nextOf(clientRoom.socket, "peer-joined")).from).toBe(`p-${pid}`);

    // An offer reaches exactly the member it is addressed to, stamped with its sender.
    guestRoom.socket.send({
      type: "description",
      to: "client",
      description: { type: "offer", sdp: "v=0" },
    });
    const offer = await nextOf(clientRoom.socket, "description");
    expect(offer.from).toBe(`p-${pid}`);

    expect((await post(`${page}/participants/${pid}/back`, {}, counsellor)).status).toBe(303);
    expect((await nextOf(guestRoom.socket, "sent-back")).type).toBe("sent-back");
    expect(await guestRoom.socket.closed).toBe(4002);
    expect((await nextOf(room.socket, "bye")).from).toBe(`p-${pid}`);
    expect((await nextOf(clientRoom.socket, "bye")).from).toBe(`p-${pid}`);
    expect(await (await get("/lobby", guest)).text()).toContain("wieder im Wartezimmer");
    expect((await get("/call", guest)).status).not.toBe(200);

    expect((await post(`${page}/participants/${pid}/admit`, {}, counsellor)).status).toBe(303);
    const again = await open("/call", guest);
    expect((await nextOf(again.socket, "join")).peers).toHaveLength(2);
    expect((await nextOf(room.socket, "peer-joined")).from).toBe(`p-${pid}`);

    // Signing off closes the interpreter's way in; the others hear them go.
    again.socket.close();
    expect((await nextOf(room.socket, "peer-left")).from).toBe(`p-${pid}`);
    expect((await post("/lobby/leave", {}, guest)).status).toBe(303);
    expect((await get("/call", guest)).status).not.toBe(200);
    expect(await (await get(page, counsellor)).text()).toContain("gegangen");

    // The code still opens a new visit: they wait again and are let in again.
    const rejoined = await joinWith(guestCode, "Deniz Yılmaz");
    expect((await get("/call", rejoined)).status).not.toBe(200);
    expect((await post(`${page}/participants/${pid}/admit`, {}, counsellor)).status).toBe(303);
    const back = await open("/call", rejoined);
    expect((await nextOf(back.socket, "join")).peers.map((peer) => peer.id)).toEqual([
      "counsellor",
      "client",
    ]);
    expect((await nextOf(clientRoom.socket, "peer-joined")).from).toBe(`p-${pid}`);
    back.socket.close();
    room.socket.close();
    clientRoom.socket.close();
  }, 120_000);
});
