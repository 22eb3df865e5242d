import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config.ts";
import { iceServersFor } from "../../src/rooms/ice.ts";

const now = new Date("2026-05-04T09:00:00Z");

describe("ICE servers", () => {
  it("carry STUN URLs and TURN credentials coturn accepts", async () => {
    const config = parseConfig({
      STUN_URLS: "stun:stun.example.org:3478",
      TURN_URLS: "turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349",
      TURN_SECRET: "turn-secret-turn-secret",
      TURN_TTL_SECONDS: "600",
    });
    const servers = await iceServersFor(config, "appt-1", "client", now);
    const expiry = now.getTime() / 1000 + 600;
    const username = `${expiry}:appt-1-client`;
    expect(servers).toEqual([
      { urls: ["stun:stun.example.org:3478"] },
      {
        urls: ["turn:turn.example.org:3478?transport=udp", "turns:turn.example.org:5349"],
        username,
        credential: createHmac("sha1", "turn-secret-turn-secret").update(username).digest("base64"),
      },
    ]);
    expect(JSON.stringify(servers)).not.toContain("turn-secret-turn-secret");
  });

  it("are empty without configuration (host candidates only)", async () => {
    expect(await iceServersFor(parseConfig({}), "appt-1", "counsellor", now)).toEqual([]);
  });
});
