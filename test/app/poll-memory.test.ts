/**
 * The waiting room's in-memory copy (Node, Deno): the database stays the truth,
 * whoever changes it: another connection of the same process, the CLI, a second
 * server process.
 */
import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { appointments, pollChanges } from "../../db/schema.ts";
import { POLL_COLUMN_NAMES } from "../../src/appointments/client-store.ts";
import { openPollMemory } from "../../src/client-journey/poll-memory.ts";
import { openLibsql } from "../../src/db/libsql.ts";
import type { TestApp } from "../../support/test-app.ts";
import {
  cookieFrom,
  formPost,
  insertAppointment,
  readAppointment,
} from "../helpers/appointments.ts";
import { joinedClient } from "../helpers/client.ts";

const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const close of cleanup.splice(0)) close();
});

async function joinedWithMemory() {
  const client = await joinedClient({}, { pollMemory: true });
  cleanup.push(() => client.t.close());
  // What another process would hold: a connection of its own to the same file.
  const other = await openLibsql(`file:${client.t.file}`);
  cleanup.unshift(() => other.client.close());
  const first = await client.get("/lobby/status", { "HX-Request": "true" });
  const tag = /\?v=([0-9a-f]+)/.exec(await first.text())?.[1];
  const poll = () => client.get(`/lobby/status?v=${tag}`, { "HX-Request": "true" });
  return { ...client, other: other.db, poll };
}

/** A second client of the same office, arrived through the join form too. */
async function secondClient(t: TestApp) {
  const id = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    startsAt: new Date("2026-11-25T13:00:00Z"),
    code: "210987654321",
  });
  const joined = await t.app.request(
    "/join",
    formPost({ code: "210987654321", name: "Jonas", consent: "yes" }),
  );
  const cookie = cookieFrom(joined);
  return {
    id,
    token: cookie.split("=")[1] ?? "",
    get: (path: string) => t.app.request(path, { headers: { Cookie: cookie } }),
  };
}

describe("the waiting room's in-memory copy", () => {
  it("answers from memory, and shows what another process committed at the next poll", async () => {
    const { poll, other, id } = await joinedWithMemory();
    expect((await poll()).status).toBe(204);
    await other
      .update(appointments)
      .set({ counsellorMessage: "Gleich geht es los" })
      .where(eq(appointments.id, id));
    const changed = await poll();
    expect(changed.status).toBe(200);
    expect(await changed.text()).toContain("Gleich geht es los");

    await other.update(appointments).set({ admittedAt: new Date() }).where(eq(appointments.id, id));
    expect((await poll()).headers.get("hx-redirect")).toBe("/call");
  });

  it("lets an old cookie open nothing once another process cleared it", async () => {
    const { poll, other, id } = await joinedWithMemory();
    expect((await poll()).status).toBe(204);
    await other.update(appointments).set({ clientTokenHash: null }).where(eq(appointments.id, id));
    expect((await poll()).status).toBe(403);
  });

  it("writes last seen every 15 s through its own connection, and never brings back a signed-off arrival", async () => {
    const { t, clock, id, cookie, get } = await joinedWithMemory();
    // A copy that is never checked again: the worst case of a stale entry.
    const stale = await openPollMemory(`file:${t.file}`, {
      checkEveryMs: Number.POSITIVE_INFINITY,
    });
    cleanup.unshift(() => void stale.close());
    t.deps.pollState = stale;
    const joinedAt = clock.now;
    clock.now = new Date(joinedAt.getTime() + 16_000);
    await get("/lobby/status");
    await stale.flush();
    expect((await readAppointment(t.deps.db, id)).lastSeenAt).toEqual(clock.now);

    // Noted, and the client signs off before the write: the write finds no such client.
    clock.now = new Date(joinedAt.getTime() + 32_000);
    await get("/lobby/status");
    await t.deps.db
      .update(appointments)
      .set({ clientTokenHash: null, lastSeenAt: null })
      .where(eq(appointments.id, id));
    await stale.flush();
    expect((await readAppointment(t.deps.db, id)).lastSeenAt).toBeNull();

    // The stale copy still knows the cookie.
    clock.now = new Date(joinedAt.getTime() + 50_000);
    await t.app.request("/lobby/status", { headers: { Cookie: cookie } });
    await stale.flush();
    expect((await readAppointment(t.deps.db, id)).lastSeenAt).toBeNull();
  });

  it("writes every client's last seen within its interval unasked, and what is left when it closes", async () => {
    const first = await joinedWithMemory();
    const second = await secondClient(first.t);
    const memory = await openPollMemory(`file:${first.t.file}`, { flushEveryMs: 50 });
    cleanup.unshift(() => void memory.close());
    first.t.deps.pollState = memory;
    const joinedAt = first.clock.now;
    first.clock.now = new Date(joinedAt.getTime() + 16_000);
    await first.get("/lobby/status");
    await second.get("/lobby/status");
    await vi.waitFor(async () => {
      expect((await readAppointment(first.t.deps.db, first.id)).lastSeenAt).toEqual(
        first.clock.now,
      );
      expect((await readAppointment(first.t.deps.db, second.id)).lastSeenAt).toEqual(
        first.clock.now,
      );
    });

    // A copy that would write only much later still writes when it closes.
    const slow = await openPollMemory(`file:${first.t.file}`, { flushEveryMs: 3_600_000 });
    first.t.deps.pollState = slow;
    first.clock.now = new Date(joinedAt.getTime() + 32_000);
    await first.get("/lobby/status");
    expect((await readAppointment(first.t.deps.db, first.id)).lastSeenAt).not.toEqual(
      first.clock.now,
    );
    await slow.close();
    expect((await readAppointment(first.t.deps.db, first.id)).lastSeenAt).toEqual(first.clock.now);
  });

  it("reads every waiting client at its first look at the file, so their first polls need no reads of their own", async () => {
    const first = await joinedWithMemory();
    const second = await secondClient(first.t);
    const memory = await openPollMemory(`file:${first.t.file}`, { checkEveryMs: 60_000 });
    cleanup.unshift(() => void memory.close());
    // Only the first client asks; the second has not polled yet.
    expect((await memory.read(memory.hashOf?.(first.cookie.split("=")[1] ?? "") ?? ""))?.id).toBe(
      first.id,
    );
    expect(memory.peek?.(memory.hashOf?.(second.token) ?? "")?.id).toBe(second.id);
  });

  describe("after a change", () => {
    /** Two waiting clients and a copy that looks at the file when told to. */
    async function twoWaiting() {
      const first = await joinedWithMemory();
      const second = await secondClient(first.t);
      const memory = await openPollMemory(`file:${first.t.file}`, { checkEveryMs: 60_000 });
      cleanup.unshift(() => void memory.close());
      const hashOf = (token: string) => memory.hashOf?.(token) ?? "";
      const firstHash = hashOf(first.cookie.split("=")[1] ?? "");
      const secondHash = hashOf(second.token);
      await memory.sync();
      return { first, second, memory, firstHash, secondHash };
    }

    it("reads again only the appointment that changed", async () => {
      const { first, second, memory, firstHash, secondHash } = await twoWaiting();
      const untouched = memory.peek?.(secondHash);
      expect(untouched?.id).toBe(second.id);
      await first.other
        .update(appointments)
        .set({ counsellorMessage: "Gleich geht es los" })
        .where(eq(appointments.id, first.id));
      await memory.sync();
      expect((await memory.read(firstHash))?.counsellorMessage).toBe("Gleich geht es los");
      // The other client's entry is the very same object: it was not read again.
      expect(memory.peek?.(secondHash)).toBe(untouched);
    });

    it("follows a deletion, a new token and a newcomer", async () => {
      const { first, second, memory, firstHash, secondHash } = await twoWaiting();
      await first.other.delete(appointments).where(eq(appointments.id, second.id));
      await memory.sync();
      expect(await memory.read(secondHash)).toBeUndefined();
      await first.other
        .update(appointments)
        .set({ clientTokenHash: "another" })
        .where(eq(appointments.id, first.id));
      await memory.sync();
      expect(await memory.read(firstHash)).toBeUndefined();
      expect(memory.peek?.("another")?.id).toBe(first.id);
      const third = await secondClient(first.t);
      await memory.sync();
      // Known without a read of its own.
      expect(memory.peek?.(memory.hashOf?.(third.token) ?? "")?.id).toBe(third.id);
    });

    it("reads everyone again when the log no longer holds everything since its last look", async () => {
      const { first, second, memory, secondHash } = await twoWaiting();
      await first.other
        .update(appointments)
        .set({ counsellorMessage: "Bitte noch einen Moment" })
        .where(eq(appointments.id, second.id));
      // As the purge does with entries older than an hour.
      await first.other.delete(pollChanges);
      await memory.sync();
      expect(memory.peek?.(secondHash)?.counsellorMessage).toBe("Bitte noch einen Moment");
    });

    it("is told of a change to every column a poll reads, and not of its own last seen", async () => {
      const { first } = await twoWaiting();
      const [trigger] = (
        await first.t.database.client.execute(
          "select sql from sqlite_master where type = 'trigger' and name = 'appointments_poll_update'",
        )
      ).rows;
      const watched = String(trigger?.sql).split(" ON ")[0] ?? "";
      for (const name of [...POLL_COLUMN_NAMES, "client_token_hash"].filter(
        (name) => name !== "id" && name !== "last_seen_at",
      ))
        expect(watched, name).toContain(`\`${name}\``);
      expect(watched).not.toContain("last_seen_at");
    });
  });
});
