/**
 * The service inside the lab's "internet" namespace: the test call server (the
 * real app, the Node hub, the assets) on the given address. Started by the lab
 * with an IPC channel: it sends `{ url }` when it serves, answers "appointment"
 * with a new appointment's dial-in code (and the counsellor who holds it), and
 * stops on "close". Its settings come as JSON in the first argument.
 */
import { eq } from "drizzle-orm";
import { appointments } from "../../db/schema.ts";
import { createAppointment, revealCode } from "../../src/appointments/store.ts";
import { createCounsellor } from "../../src/auth/counsellors.ts";
import { startCallServer } from "../call-server.ts";
import { LAB_COUNSELLOR } from "./lab-counsellor.ts";

const { env, hostname, port } = JSON.parse(process.argv[2] ?? "{}") as {
  env: Record<string, string>;
  hostname: string;
  port: number;
};
const server = await startCallServer(env, undefined, port, hostname);
let counsellorId: string | undefined;
process.send?.({ url: server.url });
process.on("message", async (message) => {
  if (message === "appointment") {
    const { db, serverSecret, passwords } = server.deps;
    counsellorId ??= await createCounsellor(
      db,
      { ...LAB_COUNSELLOR, name: "Anna Beraterin", role: "counsellor" },
      passwords,
    );
    const now = new Date();
    const id = await createAppointment(
      db,
      serverSecret,
      counsellorId,
      {
        clientName: "Frau Netz",
        startsAt: new Date(now.getTime() + 10 * 60_000),
        durationMinutes: 50,
        note: undefined,
      },
      now,
    );
    const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
    process.send?.({ code: row && (await revealCode(serverSecret, row)) });
    return;
  }
  if (message !== "close") return;
  await server.close();
  process.exit(0);
});
process.on("disconnect", () => process.exit(0));
