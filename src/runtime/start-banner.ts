import { fileURLToPath } from "node:url";
import type { Embedded } from "./embedded.ts";

/** `public/`, found relative to this file so any working directory works. */
export const PUBLIC_DIR = fileURLToPath(new URL("../../public", import.meta.url));

/** What `npm start` prints: where it serves and where the data lives. */
export function startBanner(info: {
  runtime: string;
  host: string;
  port: number;
  embedded: Embedded;
}): string {
  const shownHost = info.host.includes(":") ? `[${info.host}]` : info.host;
  const base = `http://${shownHost}:${info.port}`;
  const lines = [
    `Sprechzimmer (${info.runtime}) is serving on ${base}`,
    `  database: ${info.embedded.databaseUrl.startsWith("file:") ? info.embedded.databaseUrl : "remote libSQL"}`,
    `  retention: ${info.embedded.deps.config.RETENTION_DAYS} days`,
  ];
  if (info.embedded.needsSetup) {
    const token = encodeURIComponent(info.embedded.deps.setupToken ?? "");
    lines.push(
      "",
      "No counsellor account exists yet. Create the first (admin) account in the browser:",
      `  ${base}/setup?token=${token}`,
      "or on the command line:",
      "  npm run counsellor -- add --email you@example.org --name 'Your Name' --admin",
    );
  } else {
    lines.push(`  counsellors sign in at ${base}/login`);
  }
  return lines.join("\n");
}
