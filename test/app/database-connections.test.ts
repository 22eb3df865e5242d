/**
 * The database file's settings hold for every statement, however many requests
 * run at once, and a write waits for another process's lock instead of failing.
 */
import { spawn } from "node:child_process";
import { afterEach, describe, expect, it } from "vitest";
import { BUSY_TIMEOUT_MS } from "../../src/db/libsql.ts";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import { formPost, insertAppointment } from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const EXPECTED: Record<string, number | string> = {
  busy_timeout: BUSY_TIMEOUT_MS,
  journal_mode: "wal",
  synchronous: 1,
  foreign_keys: 1,
  secure_delete: 1,
};

describe("the database file's connection settings", () => {
  it("hold for every statement while many run at the same time", async () => {
    t = await makeTestApp();
    const client = t.database.client;
    const reads = await Promise.all(
      Array.from({ length: 40 }, (_, i) => {
        const name = Object.keys(EXPECTED)[i % 5] as string;
        return client.execute(`PRAGMA ${name}`).then((result) => ({
          name,
          value: Object.values(result.rows[0] ?? {})[0],
        }));
      }),
    );
    for (const { name, value } of reads) expect(value, name).toBe(EXPECTED[name]);
  });

  it("a join waits while another process holds the write lock, instead of failing", async () => {
    const now = new Date("2026-11-25T12:55:00Z");
    t = await makeTestApp({ now: () => now });
    await insertAppointment(t.deps.db, t.deps.serverSecret, { startsAt: now });
    // A busy moment first: requests at the same time.
    const app = t.app;
    const busy = await Promise.all(Array.from({ length: 20 }, () => app.request("/healthz")));
    expect(busy.every((res) => res.status === 200)).toBe(true);
    // Another process (a purge or the counsellor command, say) takes the write lock,
    // says so, holds it for a moment and commits.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { createClient } from "@libsql/client";
         const client = createClient({ url: process.argv[1] });
         const tx = await client.transaction("write");
         await tx.execute("delete from purge_runs");
         console.log("locked");
         await new Promise((resolve) => setTimeout(resolve, 1000));
         await tx.commit();
         console.log("released");
         client.close();`,
        `file:${t.file}`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const said: string[] = [];
    holder.stdout?.on("data", (chunk: Buffer) => said.push(...chunk.toString().trim().split("\n")));
    const saw = (word: string) =>
      new Promise<void>((resolve, reject) => {
        const check = () => said.includes(word) && resolve();
        holder.stdout?.on("data", check);
        holder.once("exit", () =>
          said.includes(word) ? resolve() : reject(new Error(said.join())),
        );
      });
    const released = saw("released");
    await saw("locked");
    const res = await t.app.request(
      "/join",
      formPost({ code: "100000000001", name: "Eve", consent: "yes" }),
    );
    await released;
    // The wrong code was counted (a write) once the other process let go.
    expect(res.status).toBe(422);
    expect(said).toEqual(["locked", "released"]);
  });
});
