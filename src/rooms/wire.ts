/**
 * @module
 * The few wire constants the browser script shares with the server, kept apart
 * from `protocol.ts` so the call page's bundle does not carry zod.
 */

/** Sent by the browser every 15 s; the Durable Object answers it without waking up. */
export const PING = '{"type":"ping"}';
export const PONG = '{"type":"pong"}';

/** Close codes the browser acts on. */
export const CLOSE = {
  /** The server ended the room's call: do not reconnect. */
  ended: 4000,
  /** Another page of the same participant took over: do not reconnect. */
  replaced: 4001,
  /** Another page of the same participant is live: try again later. */
  occupied: 4009,
} as const;
