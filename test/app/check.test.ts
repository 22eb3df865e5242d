import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";
import {
  CODE,
  cookieFrom,
  formPost,
  insertAppointment,
  readAppointment,
} from "../helpers/appointments.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

const NOW = new Date("2026-11-25T09:00:00Z");

async function setup(env: Record<string, string> = {}) {
  t = await makeTestApp({ now: () => NOW, env });
  // Tomorrow: the check works long before the waiting room opens.
  const id = await insertAppointment(t.deps.db, t.deps.serverSecret, {
    startsAt: new Date("2026-11-26T13:00:00Z"),
  });
  return { app: t.app, db: t.deps.db, id };
}

const tokenIn = (html: string) => /data-token="([^"]+)"/.exec(html)?.[1];

describe("GET /check", () => {
  it("works without a code, with a list to check by hand and no token", async () => {
    const { app } = await setup();
    const html = await (await app.request("/check")).text();
    expect(html).toContain("Von Hand prüfen");
    expect(html).toMatch(/check\.[0-9a-f]+\.js/);
    expect(html).not.toContain("htmx");
    expect(html).toContain("Safari");
    expect(tokenIn(html)).toBeUndefined();
  });

  it("stores the result reported with the token a good ?code= gives", async () => {
    const { app, db, id } = await setup();
    const html = await (
      await app.request(`/check?code=${CODE.slice(0, 4)}-${CODE.slice(4)}`)
    ).text();
    const token = tokenIn(html);
    expect(token).toBeTruthy();
    const res = await app.request(
      "/check/result",
      formPost({ result: "relay", token: token ?? "" }),
    );
    expect(res.status).toBe(204);
    const row = await readAppointment(db, id);
    expect(row.deviceCheckResult).toBe("relay");
    expect(row.deviceCheckAt).toEqual(NOW);
  });

  it("says so for an unknown code and refuses forged tokens and bad results", async () => {
    const { app, db, id } = await setup();
    const html = await (await app.request("/check?code=999999999999")).text();
    expect(html).toContain("keinen Termin gefunden");
    expect(tokenIn(html)).toBeUndefined();
    const forged = await app.request(
      "/check/result",
      formPost({ result: "passed", token: `${id}.9999999999999.00` }),
    );
    expect(forged.status).toBe(403);
    const real = tokenIn(await (await app.request(`/check?code=${CODE}`)).text()) ?? "";
    const bad = await app.request("/check/result", formPost({ result: "great", token: real }));
    expect(bad.status).toBe(400);
    const crossOrigin = await app.request(
      "/check/result",
      formPost({ result: "passed", token: real }, { Origin: "https://evil.example" }),
    );
    expect(crossOrigin.status).toBe(403);
    expect((await readAppointment(db, id)).deviceCheckResult).toBeNull();
  });

  it("lets a joined client report without a code", async () => {
    t = await makeTestApp({ now: () => new Date("2026-11-25T12:55:00Z") });
    await insertAppointment(t.deps.db, t.deps.serverSecret, {
      startsAt: new Date("2026-11-25T13:00:00Z"),
    });
    const cookie = cookieFrom(
      await t.app.request("/join", formPost({ code: CODE, name: "Maria", consent: "yes" })),
    );
    const html = await (await t.app.request("/check", { headers: { Cookie: cookie } })).text();
    expect(tokenIn(html)).toBeTruthy();
    const res = await t.app.request(
      "/check/result",
      formPost({ result: "failed" }, { Cookie: cookie }),
    );
    expect(res.status).toBe(204);
    const [row] = await t.database.client
      .execute("select device_check_result from appointments")
      .then((result) => result.rows);
    expect(row?.device_check_result).toBe("failed");
    expect((await t.app.request("/check/result", formPost({ result: "failed" }))).status).toBe(403);
  });

  it("stores a result sent with the invitation link's code in the body, under the join limits", async () => {
    const { app, db, id } = await setup();
    const typed = `${CODE.slice(0, 4)} ${CODE.slice(4, 8)} ${CODE.slice(8)}`;
    const saved = await app.request("/check/result", formPost({ result: "relay", code: typed }));
    expect(saved.status).toBe(204);
    expect((await readAppointment(db, id)).deviceCheckResult).toBe("relay");
    expect(
      (await app.request("/check/result", formPost({ result: "failed", code: "999999999999" })))
        .status,
    ).toBe(403);
    for (let i = 0; i < 9; i++) {
      await app.request("/check/result", formPost({ result: "failed", code: `99999999990${i}` }));
    }
    const limited = await app.request("/check/result", formPost({ result: "failed", code: CODE }));
    expect(limited.status).toBe(429);
    expect((await readAppointment(db, id)).deviceCheckResult).toBe("relay");
  });

  it("is rate limited like joining", async () => {
    const { app } = await setup();
    for (let i = 0; i < 10; i++) await app.request(`/check?code=99999999999${i}`);
    const res = await app.request(`/check?code=${CODE}`);
    expect(res.status).toBe(429);
    expect(await res.text()).toContain("Minuten");
  });
});

describe("GET /check/ice-servers", () => {
  it("lists the configured STUN servers and nothing secret", async () => {
    const { app } = await setup({
      STUN_URLS: "stun:stun.example.org:3478, stun:stun2.example.org",
      TURN_URLS: "turn:turn.example.org",
      TURN_SECRET: "a-very-secret-turn-key",
    });
    const res = await app.request("/check/ice-servers");
    const body = await res.json();
    expect(body).toEqual({
      iceServers: [{ urls: ["stun:stun.example.org:3478", "stun:stun2.example.org"] }],
    });
    expect(JSON.stringify(body)).not.toContain("secret");
  });

  it("is an empty list without configuration", async () => {
    const { app } = await setup();
    expect(await (await app.request("/check/ice-servers")).json()).toEqual({ iceServers: [] });
  });
});

describe("the network paths of a check", () => {
  const PATHS = "direct=no,udp-relay=yes,tcp-relay=yes";

  it("are stored with the result, and a check without them clears the last one's", async () => {
    const { app, db, id } = await setup();
    const token = tokenIn(await (await app.request(`/check?code=${CODE}`)).text()) ?? "";
    const saved = await app.request(
      "/check/result",
      formPost({ result: "relay", paths: PATHS, token }),
    );
    expect(saved.status).toBe(204);
    expect(await readAppointment(db, id)).toMatchObject({
      deviceCheckResult: "relay",
      deviceCheckPaths: PATHS,
    });
    await app.request(
      "/check/result",
      formPost({ result: "passed", paths: "direct=yes,udp-relay=yes,tcp-relay=no", token }),
    );
    expect((await readAppointment(db, id)).deviceCheckPaths).toBe(
      "direct=yes,udp-relay=yes,tcp-relay=no",
    );
    // A browser without WebRTC probes nothing: its result carries no paths.
    await app.request("/check/result", formPost({ result: "failed", token }));
    expect(await readAppointment(db, id)).toMatchObject({
      deviceCheckResult: "failed",
      deviceCheckPaths: null,
    });
  });

  it("are refused in any other form, and nothing stored changes", async () => {
    const { app, db, id } = await setup();
    const token = tokenIn(await (await app.request(`/check?code=${CODE}`)).text()) ?? "";
    await app.request("/check/result", formPost({ result: "relay", paths: PATHS, token }));
    const before = await readAppointment(db, id);
    for (const paths of [
      "",
      "direct=yes",
      "direct=maybe,udp-relay=yes,tcp-relay=yes",
      "tcp-relay=yes,udp-relay=yes,direct=no",
      `${PATHS},extra=yes`,
      `${PATHS}\n`,
      "<script>alert(1)</script>",
      "x".repeat(5000),
    ]) {
      const res = await app.request("/check/result", formPost({ result: "passed", paths, token }));
      expect(res.status, JSON.stringify(paths.slice(0, 40))).toBe(400);
    }
    expect(await readAppointment(db, id)).toEqual(before);
  });

  it("each get a line on the page, in the visitor's language", async () => {
    const { app } = await setup();
    for (const [lang, direct, tcp] of [
      [
        "de",
        "Direkte Verbindung: möglich",
        "Über Vermittlungsserver (TCP, für strenge Firewalls): funktioniert",
      ],
      [
        "en",
        "Direct connection: possible",
        "Through a relay server (TCP, for strict firewalls): works",
      ],
    ] as const) {
      const html = await (
        await app.request("/check", { headers: { "Accept-Language": lang } })
      ).text();
      const paths = [...html.matchAll(/<li data-path="([a-z-]+)"><\/li>/g)].map((m) => m[1]);
      expect(paths).toEqual(["direct", "udp-relay", "tcp-relay"]);
      // The script's texts travel JSON-encoded in an attribute.
      const texts = JSON.parse(
        (/data-texts="([^"]*)"/.exec(html)?.[1] ?? "{}")
          .replaceAll("&quot;", '"')
          .replaceAll("&amp;", "&"),
      ) as Record<string, string>;
      expect(texts["check.path.direct.yes"]).toBe(direct);
      expect(texts["check.path.tcpRelay.yes"]).toBe(tcp);
      for (const name of ["direct", "udpRelay", "tcpRelay"]) {
        for (const works of ["yes", "no", "unknown"]) {
          expect(texts[`check.path.${name}.${works}`], `${lang} ${name} ${works}`).toBeTruthy();
        }
      }
    }
  });
});
