/**
 * @module
 * A tiny structured logger. Invariant: callers pass only fixed words, counts,
 * ids, paths without query strings and status codes: never names, dial-in codes,
 * client addresses or user agents.
 */
type Fields = Record<string, string | number | boolean>;

export interface Logger {
  info(event: string, fields?: Fields): void;
  error(event: string, fields?: Fields): void;
  /**
   * Counts a frequent, unremarkable event (a poll that found nothing changed)
   * that a summary line reports later; loggers without it write the event as an
   * info line instead.
   */
  count?(event: string, fields: Fields, ms: number): void;
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

export interface SummarisingLogger extends Logger {
  /** Writes the summary lines now (on shutdown, and from the timer). */
  flush(): void;
  stop(): void;
}

/**
 * Adds `count` to a logger, for a process that keeps running (Node, Deno): each
 * distinct event with its fields becomes one line per `everyMs` with `count`,
 * `ms_max` and `ms_total`. One line per poll would cost as much as the poll.
 */
export function summarising(log: Logger, everyMs = 60_000): SummarisingLogger {
  const counts = new Map<
    string,
    { event: string; fields: Fields; n: number; max: number; total: number }
  >();
  const flush = () => {
    for (const { event, fields, n, max, total } of counts.values())
      log.info(event, {
        ...fields,
        count: n,
        ms_max: max,
        ms_total: total,
        period_s: everyMs / 1000,
      });
    counts.clear();
  };
  const timer = setInterval(flush, everyMs);
  // The timer must not keep a stopping process alive.
  (timer as { unref?: () => void }).unref?.();
  return {
    info: (event, fields) => log.info(event, fields),
    error: (event, fields) => log.error(event, fields),
    count(event, fields, ms) {
      const key = `${event}\u0000${JSON.stringify(fields)}`;
      const known = counts.get(key);
      if (known) {
        known.n++;
        known.total += ms;
        if (ms > known.max) known.max = ms;
      } else counts.set(key, { event, fields, n: 1, max: ms, total: ms });
    },
    flush,
    stop() {
      clearInterval(timer);
      flush();
    },
  };
}

/** Swallows everything; for tests that do not read the log. */
export const silentLogger: Logger = { info() {}, error() {} };
