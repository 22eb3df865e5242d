/**
 * The service inside the lab's "internet" namespace: the test call server (the
 * real app, the Node hub, the assets) on the given address. Started by the lab
 * with an IPC channel: it sends `{ url }` when it serves and stops on "close".
 * Its settings come as JSON in the first argument.
 */
import { startCallServer } from "../call-server.ts";

const { env, hostname, port } = JSON.parse(process.argv[2] ?? "{}") as {
  env: Record<string, string>;
  hostname: string;
  port: number;
};
const server = await startCallServer(env, undefined, port, hostname);
process.send?.({ url: server.url });
process.on("message", async (message) => {
  if (message !== "close") return;
  await server.close();
  process.exit(0);
});
process.on("disconnect", () => process.exit(0));
