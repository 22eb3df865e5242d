/**
 * The password hashing threads on their own: each job gets its own password's
 * hash back, a full queue turns the next one away at once, a thread is used
 * again once free, a failure in a thread fails only its job, and stopping
 * fails what still waits.
 */
import { argon2id } from "@noble/hashes/argon2.js";
import { afterEach, describe, expect, it } from "vitest";
import { type HashPool, openHashPool } from "../../src/auth/hash-pool.ts";
import { HashingBusyError } from "../../src/auth/passwords.ts";

const LIGHT = { m: 8, t: 1, p: 1 };
const salt = new Uint8Array(16).fill(7);
const expected = (password: string) => argon2id(password, salt, { ...LIGHT, dkLen: 32 });

let pool: HashPool | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

describe("the hashing threads", () => {
  it("give every job its own password's hash, in any order of finishing", async () => {
    pool = openHashPool({ threads: 2, queue: 4 });
    const passwords = ["erstes Passwort", "zweites Passwort", "drittes", "viertes", "fünftes"];
    const hashes = await Promise.all(passwords.map((p) => pool?.derive(p, salt, LIGHT)));
    expect(hashes).toEqual(passwords.map(expected));
    // The threads are free again and take new work.
    expect(await pool.derive("später", salt, LIGHT)).toEqual(expected("später"));
  });

  it("turn the next sign-in away at once when every thread is busy and the queue is full", async () => {
    pool = openHashPool({ threads: 1, queue: 1 });
    const first = pool.derive("eins", salt, LIGHT);
    const second = pool.derive("zwei", salt, LIGHT);
    const third = pool.derive("drei", salt, LIGHT);
    await expect(third).rejects.toBeInstanceOf(HashingBusyError);
    await expect(third).rejects.toMatchObject({ name: "HashingBusyError" });
    // The one hashing and the one waiting both finish, each with its own hash.
    expect(await first).toEqual(expected("eins"));
    expect(await second).toEqual(expected("zwei"));
    // Room again: a further sign-in is hashed.
    expect(await pool.derive("vier", salt, LIGHT)).toEqual(expected("vier"));
  });

  it("fail only the job whose hashing failed, and go on with the next", async () => {
    pool = openHashPool({ threads: 1, queue: 2 });
    // argon2id refuses a memory cost below 8 × p: the thread reports it for that job alone.
    const broken = pool.derive("kaputt", salt, { m: 1, t: 1, p: 1 });
    const next = pool.derive("danach", salt, LIGHT);
    // The thread's own words, not a stand-in.
    await expect(broken).rejects.toThrow(/memory|m\b|parameter|invalid|must/i);
    await expect(broken).rejects.not.toThrow("hashing failed");
    await expect(broken).rejects.not.toBeInstanceOf(HashingBusyError);
    expect(await next).toEqual(expected("danach"));
  });

  it("replace a thread that broke: its job fails, the next one is hashed on a new thread", async () => {
    const script = new URL("../fixtures/breaking-hash-worker.mjs", import.meta.url);
    pool = openHashPool({ threads: 1, queue: 2, script });
    const broken = pool.derive("break", salt, LIGHT);
    const waiting = pool.derive("wartet", salt, LIGHT);
    await expect(broken).rejects.toThrow("the thread broke");
    expect(await waiting).toEqual(expected("wartet"));
    expect(await pool.derive("danach", salt, LIGHT)).toEqual(expected("danach"));
  });

  it("start nothing when a thread breaks with nobody waiting, and hash the next sign-in", async () => {
    const script = new URL("../fixtures/breaking-hash-worker.mjs", import.meta.url);
    pool = openHashPool({ threads: 1, queue: 1, script });
    await expect(pool.derive("break", salt, LIGHT)).rejects.toThrow("the thread broke");
    expect(await pool.derive("danach", salt, LIGHT)).toEqual(expected("danach"));
  });

  it("fail what is hashed or waits when stopped, and take nothing afterwards", async () => {
    const stopping = openHashPool({ threads: 1, queue: 2 });
    const stopped = "the hashing threads were stopped";
    const running = expect(stopping.derive("läuft", salt, { m: 4096, t: 3, p: 1 })).rejects;
    const waiting = expect(stopping.derive("wartet", salt, LIGHT)).rejects;
    await stopping.close();
    await running.toThrow(stopped);
    await waiting.toThrow(stopped);
    await expect(stopping.derive("zu spät", salt, LIGHT)).rejects.toThrow(stopped);
  });
});
