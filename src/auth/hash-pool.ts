/**
 * @module
 * Password hashing in worker threads, for Node and Deno: argon2id takes a
 * second or more of CPU, which on the event loop would hold up every other
 * request (the waiting room's polls, `/healthz`) for as long. A few threads
 * hash one password each; a few more sign-ins may wait for one; beyond that a
 * sign-in is told at once to try again in a moment (`HashingBusyError`).
 */
import { Worker } from "node:worker_threads";
import { type Argon2Params, type Derive, HashingBusyError } from "./passwords.ts";

interface Job {
  password: string;
  salt: Uint8Array;
  params: Argon2Params;
  resolve(hash: Uint8Array): void;
  reject(error: Error): void;
}

export interface HashPool {
  derive: Derive;
  close(): Promise<void>;
}

export function openHashPool(options: {
  threads: number;
  queue: number;
  /** The thread's script; only tests give another one (a thread that breaks). */
  script?: URL;
}): HashPool {
  const script = options.script ?? new URL("./hash-worker.mjs", import.meta.url);
  const idle: Worker[] = [];
  const running = new Map<Worker, Job>();
  const waiting: Job[] = [];
  let closed = false;

  const run = (worker: Worker, job: Job) => {
    running.set(worker, job);
    const { password, salt, params } = job;
    worker.postMessage({ password, salt, ...params });
  };

  /** The thread is free again: the next waiting sign-in, or rest. */
  const next = (worker: Worker) => {
    const job = waiting.shift();
    if (job) run(worker, job);
    else idle.push(worker);
  };

  const spawn = () => {
    const worker = new Worker(script);
    // Idle threads must not keep a stopping process alive.
    worker.unref();
    worker.on("message", (answer: { hash?: Uint8Array; error?: string }) => {
      const job = running.get(worker);
      running.delete(worker);
      if (answer.hash) job?.resolve(answer.hash);
      else job?.reject(new Error(answer.error ?? "hashing failed"));
      next(worker);
    });
    worker.on("error", (error) => {
      // A thread that failed is replaced on the next sign-in; its own job fails.
      running.get(worker)?.reject(error);
      running.delete(worker);
      const at = idle.indexOf(worker);
      if (at >= 0) idle.splice(at, 1);
      const job = waiting.shift();
      if (job && !closed) run(spawn(), job);
    });
    return worker;
  };

  return {
    derive(password, salt, params) {
      return new Promise<Uint8Array>((resolve, reject) => {
        if (closed) return reject(new Error("the hashing threads were stopped"));
        const job = { password, salt, params, resolve, reject };
        const worker = idle.pop() ?? (running.size < options.threads ? spawn() : undefined);
        if (worker) return run(worker, job);
        if (waiting.length >= options.queue) return reject(new HashingBusyError());
        waiting.push(job);
      });
    },
    async close() {
      closed = true;
      // Nothing is left hanging: what waits and what a thread was hashing both fail.
      for (const job of [...waiting.splice(0), ...running.values()])
        job.reject(new Error("the hashing threads were stopped"));
      running.clear();
      await Promise.all([...idle, ...running.keys()].map((worker) => worker.terminate()));
    },
  };
}
