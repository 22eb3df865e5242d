import { fileURLToPath } from "node:url";
import type { Embedded } from "./embedded.ts";

/** `public/`, found relative to this file so any working directory works. */
export const PUBLIC_DIR = fileURLToPath(new URL("../public", import.meta.url));

/** What `npm start` prints: where it serves and where the data lives. */
export function startBanner(info: {
  runtime: string;
  host: string;
  port: number;
  embedded: Embedded;
}): string {
  const shownHost = info.host.includes(":") ? `[${info.host}]` : info.host;
  return [
    `Sprechzimmer (${info.runtime}) is serving on http://${shownHost}:${info.port}`,
    `  database: ${info.embedded.databaseUrl.startsWith("file:") ? info.embedded.databaseUrl : "remote libSQL"}`,
    `  retention: ${info.embedded.deps.config.RETENTION_DAYS} days`,
  ].join("\n");
}
