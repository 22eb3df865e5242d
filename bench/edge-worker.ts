/**
 * @module
 * The Worker of `src/runtime/worker.ts` with counters around it, for the edge
 * benchmark only (`bench/edge.ts` bundles it with wrangler in place of the real
 * entry; it is never deployed). It counts what the platform bills: each Worker
 * `fetch`, each Durable Object `fetch` and each event the runtime hands to the
 * room's JavaScript (`webSocketMessage`, `webSocketClose`, `webSocketError`).
 * Pings answered by `setWebSocketAutoResponse` never reach `webSocketMessage`,
 * so they are not counted here: the benchmark counts them in the browsers.
 * `GET /__edge/counts` answers with the counters and is not counted itself.
 *
 * Module-scope state is what the product never keeps; here it is the point: the
 * Worker and the Durable Object run in one isolate in workerd, so both add to
 * the same counters for as long as the benchmark's workerd runs.
 */
import worker, { Room as ProductRoom } from "../src/runtime/worker.ts";

export interface EdgeCounts {
  /** Worker invocations, by method and path with ids replaced (`GET /appointments/:id/call`). */
  worker: Record<string, number>;
  /** Requests to the room Durable Object, by method and path (`GET /ws` is a socket upgrade). */
  objectFetch: Record<string, number>;
  /** Socket messages handed to the room's JavaScript, by sender and message type. */
  objectMessages: Record<string, number>;
  /** Close and error events handed to the room's JavaScript. */
  objectSocketEnds: number;
}

const counts: EdgeCounts = { worker: {}, objectFetch: {}, objectMessages: {}, objectSocketEnds: 0 };

const add = (to: Record<string, number>, key: string) => {
  to[key] = (to[key] ?? 0) + 1;
};

/** `GET /appointments/abc…/call` → `GET /appointments/:id/call`: one key per route. */
export function routeKey(method: string, url: string): string {
  const path = new URL(url).pathname.replace(
    /\/(appointments|rooms|participants)\/(?!new$|states$)[^/]+/g,
    "/$1/:id",
  );
  return `${method} ${path}`;
}

function messageType(data: string | ArrayBuffer): string {
  if (typeof data !== "string") return "binary";
  try {
    const type = (JSON.parse(data) as { type?: unknown } | null)?.type;
    return typeof type === "string" ? type : "unknown";
  } catch {
    return "unparsable";
  }
}

export class Room extends ProductRoom {
  override async fetch(request: Request): Promise<Response> {
    add(counts.objectFetch, routeKey(request.method, request.url));
    return super.fetch(request);
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer): Promise<void> {
    const from = (ws.deserializeAttachment() as { id?: string } | null)?.id ?? "unknown";
    add(
      counts.objectMessages,
      `${from.startsWith("p-") ? "participant" : from} ${messageType(data)}`,
    );
    return super.webSocketMessage(ws, data);
  }

  override async webSocketClose(ws: WebSocket, code: number, reason: string): Promise<void> {
    counts.objectSocketEnds++;
    return super.webSocketClose(ws, code, reason);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    counts.objectSocketEnds++;
    return super.webSocketError(ws);
  }
}

export default {
  async fetch(request, env, ctx) {
    if (new URL(request.url).pathname === "/__edge/counts") return Response.json(counts);
    add(counts.worker, routeKey(request.method, request.url));
    return worker.fetch(request, env, ctx);
  },
  scheduled: worker.scheduled,
} satisfies ExportedHandler<Parameters<typeof worker.fetch>[1]>;
