import { afterEach, describe, expect, it } from "vitest";
import { makeTestApp, type TestApp } from "../../support/test-app.ts";

let t: TestApp | undefined;
afterEach(() => t?.close());

describe("GET /info", () => {
  it("explains steps, technology, tips and data protection with the configured retention", async () => {
    t = await makeTestApp({ env: { RETENTION_DAYS: "42" } });
    const res = await t.app.request("/info");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of [
      "Peer-to-Peer",
      "Ende-zu-Ende verschlüsselt",
      "42 Tage nach dem Termin gelöscht",
      "Nichts wird aufgezeichnet",
      "keine Werbung",
      "Kopfhörern",
      "Nutzungsbedingungen",
      "Keine App und kein Benutzerkonto",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("htmx");
  });

  it("is available in English", async () => {
    t = await makeTestApp();
    const html = await (await t.app.request("/info?lang=en")).text();
    expect(html).toContain("deleted 90 days after the appointment");
    expect(html).not.toContain("restore");
  });

  it("counts the database's restorable history into the promise, here and on the start page", async () => {
    t = await makeTestApp({ env: { RETENTION_DAYS: "20", DATABASE_HISTORY_DAYS: "30" } });
    const info = await (await t.app.request("/info")).text();
    expect(info).toContain("20 Tage nach dem Termin gelöscht");
    expect(info).toContain("noch 30 Tage wiederherstellen; nach spätestens 50 Tagen");
    const home = await (await t.app.request("/?lang=en")).text();
    expect(home).toContain("after 50 days at the latest");
  });
});
