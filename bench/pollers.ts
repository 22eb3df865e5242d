/**
 * Waiting clients as they really poll: each with its own cookie and its own
 * keep-alive connection, one request every 3 s, their phases spread evenly over
 * the interval (people arrive at different moments, so they do not all poll in
 * the same millisecond). Returns the latencies after the first round (which opens
 * the connections) and every error.
 */
import http from "node:http";

export interface PollerResult {
  latencies: number[];
  errors: number;
  non2xx: number;
}

export async function runPollers(
  baseUrl: string,
  path: string,
  cookies: string[],
  seconds: number,
  everyMs = 3000,
): Promise<PollerResult> {
  const target = new URL(baseUrl);
  const result: PollerResult = { latencies: [], errors: 0, non2xx: 0 };
  // The first round opens every client's connection; the figures are taken from the
  // steady state after it, as for people who are already waiting.
  const measureFrom = performance.now() + everyMs;
  const end = Date.now() + everyMs + seconds * 1000;
  await Promise.all(
    cookies.map(
      (cookie, i) =>
        new Promise<void>((resolve) => {
          const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
          const poll = () => {
            if (Date.now() >= end) {
              agent.destroy();
              resolve();
              return;
            }
            const started = performance.now();
            const request = http.get(
              {
                host: target.hostname,
                port: target.port,
                path,
                agent,
                headers: { cookie, "HX-Request": "true" },
              },
              (response) => {
                response.resume();
                response.on("end", () => {
                  if (started >= measureFrom) result.latencies.push(performance.now() - started);
                  if ((response.statusCode ?? 500) >= 400) result.non2xx++;
                });
              },
            );
            request.on("error", () => {
              result.errors++;
            });
            setTimeout(poll, everyMs);
          };
          setTimeout(poll, (i / cookies.length) * everyMs);
        }),
    ),
  );
  return result;
}
