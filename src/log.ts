/**
 * @module
 * A tiny structured logger. Invariant: callers pass only fixed words, counts,
 * ids, paths without query strings and status codes: never names, dial-in codes,
 * client addresses or user agents.
 */
export interface Logger {
  info(event: string, fields?: Record<string, string | number | boolean>): void;
  error(event: string, fields?: Record<string, string | number | boolean>): void;
}

/** Writes one JSON line per event to the console. */
export function consoleLogger(): Logger {
  const write = (level: string, event: string, fields?: Record<string, unknown>) =>
    console.log(JSON.stringify({ t: new Date().toISOString(), level, event, ...fields }));
  return {
    info: (event, fields) => write("info", event, fields),
    error: (event, fields) => write("error", event, fields),
  };
}

/** Swallows everything; for tests that do not read the log. */
export const silentLogger: Logger = { info() {}, error() {} };
