/**
 * Password hashing off the event loop, in the Node and Deno entries as real
 * processes: with one hashing thread and room for one more sign-in to wait,
 * parallel sign-ins are hashed one after the other, the rest are told at once
 * to try again in a moment, and `/healthz` answers while the hashing goes on.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { RUNTIME_ENTRIES, type RunningServer, startServer } from "../../support/process.ts";

const runtimes = RUNTIME_ENTRIES;

let server: RunningServer | undefined;
let dir: string | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.each(Object.entries(runtimes))("the %s entry", (name, { command, args }) => {
  it("hashes in a thread: parallel sign-ins wait or are turned away, /healthz answers", async () => {
    dir = mkdtempSync(join(tmpdir(), `sprechzimmer-hashing-${name}-`));
    const running = await startServer(command, args, {
      PORT: "0",
      DATA_DIR: dir,
      PASSWORD_HASH_THREADS: "1",
      PASSWORD_HASH_QUEUE: "1",
    });
    server = running;
    const order: string[] = [];
    let turnedAway: () => void = () => {};
    const firstTurnedAway = new Promise<void>((resolve) => {
      turnedAway = resolve;
    });
    // Unknown e-mails are checked against a dummy hash: the same work as a real account.
    const signIns = Array.from({ length: 6 }, (_, i) =>
      fetch(`${running.url}/login`, {
        method: "POST",
        headers: { Origin: running.url, "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: `nobody${i}@example.org`, password: "wrong password" }),
      }).then(async (res) => {
        order.push(`sign-in ${res.status}`);
        if (res.status === 503) turnedAway();
        return {
          status: res.status,
          retryAfter: res.headers.get("retry-after"),
          text: await res.text(),
        };
      }),
    );
    // Once a sign-in was turned away, the thread is busy hashing: the service still answers.
    const health = firstTurnedAway
      .then(() => fetch(`${running.url}/healthz`))
      .then((res) => void order.push(`healthz ${res.status}`));

    const answers = await Promise.all(signIns);
    const refused = answers.filter((answer) => answer.status === 401);
    const busy = answers.filter((answer) => answer.status === 503);
    // One hashing, one waiting: both were checked; every other one was told to come back.
    expect(refused.length).toBeGreaterThanOrEqual(2);
    expect(busy.length).toBeGreaterThanOrEqual(1);
    expect(refused.length + busy.length).toBe(6);
    expect(busy[0]?.text).toContain("Bitte versuchen Sie es in einem Moment noch einmal.");
    expect(busy[0]?.retryAfter).toBe("5");
    await health;
    expect(order.indexOf("healthz 200")).toBeGreaterThanOrEqual(0);
    expect(order.indexOf("healthz 200")).toBeLessThan(order.lastIndexOf("sign-in 401"));
  });
});
