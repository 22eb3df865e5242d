/**
 * The join flow on the Node and Deno entries as real processes: an appointment
 * written into their libSQL file, joined with a form post, then the waiting room.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openLibsql } from "../../src/db/libsql.ts";
import { RUNTIME_ENTRIES, type RunningServer, startServer } from "../../support/process.ts";
import { CODE, insertAppointment } from "../helpers/appointments.ts";

const SECRET = "runtime-secret-runtime-secret-runtime-01";
const runtimes = RUNTIME_ENTRIES;

let server: RunningServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(runtimes))("the %s entry", (name, { command, args }) => {
  it("serves the join flow into the waiting room", async () => {
    dir = mkdtempSync(join(tmpdir(), `sprechzimmer-join-${name}-`));
    server = await startServer(command, args, { PORT: "0", DATA_DIR: dir, SERVER_SECRET: SECRET });
    const database = await openLibsql(`file:${join(dir, "sprechzimmer.db")}`);
    await insertAppointment(database.db, SECRET, { startsAt: new Date(Date.now() + 60_000) });
    database.client.close();

    const joined = await fetch(`${server.url}/join`, {
      method: "POST",
      redirect: "manual",
      headers: { Origin: server.url, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ code: CODE, name: "Maria", consent: "yes" }),
    });
    expect(joined.status).toBe(303);
    const cookie = (joined.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    const lobby = await fetch(`${server.url}/lobby`, { headers: { Cookie: cookie } });
    expect(lobby.status).toBe(200);
    expect(await lobby.text()).toContain("Sie sind im Wartezimmer");
  });
});
