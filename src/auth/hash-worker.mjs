// One password hashing thread (see hash-pool.ts): argon2id away from the event
// loop. Plain JavaScript, so it starts on Node without a TypeScript loader
// (tsx does not reach worker threads) and on Deno alike.
import { parentPort } from "node:worker_threads";
import { argon2id } from "@noble/hashes/argon2.js";

parentPort?.on("message", ({ password, salt, m, t, p }) => {
  try {
    parentPort?.postMessage({ hash: argon2id(password, salt, { m, t, p, dkLen: 32 }) });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
