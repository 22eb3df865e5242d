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

const OPERATOR_ENV = {
  OPERATOR: "Beratungsstelle Nord e. V.",
  OPERATOR_ADDRESS: "Hauptstraße 1, 12345 Musterstadt",
  OPERATOR_CONTACT: "datenschutz@beratung-nord.example",
  OPERATOR_REPRESENTATIVE: "Dr. Eva Vorstand",
  OPERATOR_REGISTER: "Vereinsregister Musterstadt VR 1234",
  DPO_CONTACT: "dsb@beratung-nord.example",
  SUPERVISORY_AUTHORITY: "der Landesbeauftragten für Datenschutz Musterland",
  HOSTING_PROVIDER: "Hosting GmbH, Frankfurt am Main",
  TURN_URLS: "turn:turn.beratung-nord.example:3478",
  TURN_SECRET: "privacy-notice-turn-secret",
  TURN_PROVIDER: "Relay AG, Wien",
};

describe("the privacy notice and the imprint", () => {
  it("builds the privacy notice from the operator's configuration", async () => {
    t = await makeTestApp({ env: OPERATOR_ENV });
    const res = await t.app.request("/info");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of [
      "Verantwortlich",
      "Beratungsstelle Nord e. V.",
      "Hauptstraße 1, 12345 Musterstadt",
      "Kontakt: datenschutz@beratung-nord.example",
      "dsb@beratung-nord.example",
      "Art. 6 Abs. 1 lit. b DSGVO",
      "Auskunft über die gespeicherten Angaben (Art. 15 DSGVO)",
      "Löschung (Art. 17 DSGVO)",
      "Beschwerde bei einer Datenschutz-Aufsichtsbehörde (Art. 77 DSGVO), zum Beispiel bei der Landesbeauftragten für Datenschutz Musterland",
      "Betrieb des Servers (Hosting, in der EU): Hosting GmbH, Frankfurt am Main",
      "(TURN, in der EU): Relay AG, Wien",
      "90 Tage nach dem Termin gelöscht",
    ]) {
      expect(html).toContain(text);
    }
    const en = await (await t.app.request("/info?lang=en")).text();
    for (const text of ["Controller", "Contact: datenschutz@", "Art. 15 GDPR", "Art. 77 GDPR"]) {
      expect(en).toContain(text);
    }
  });

  it("says clearly what the operator has not entered, and names no relay without TURN", async () => {
    t = await makeTestApp();
    const html = await (await t.app.request("/info")).text();
    expect(html).toContain("Diese Angabe hat der Betreiber noch nicht hinterlegt.");
    expect(html).toContain("zum Beispiel bei der Aufsichtsbehörde Ihres Bundeslandes");
    expect(html).toContain("Betrieb des Servers (Hosting, in der EU): vom Betreiber selbst");
    expect(html).not.toContain("TURN, in der EU");
    const imprint = await (await t.app.request("/imprint?lang=en")).text();
    expect(imprint).toContain("The operator has not entered an imprint yet");
  });

  it("shows the imprint without signing in, linked from every page's footer, in both languages", async () => {
    t = await makeTestApp({ env: OPERATOR_ENV });
    const home = await (await t.app.request("/")).text();
    expect(home).toContain('href="/imprint"');
    const res = await t.app.request("/imprint");
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const text of [
      "<h1>Impressum</h1>",
      "Beratungsstelle Nord e. V.",
      "Hauptstraße 1, 12345 Musterstadt",
      "Vertreten durch: Dr. Eva Vorstand",
      "Registereintrag: Vereinsregister Musterstadt VR 1234",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).not.toContain("noch kein Impressum");
    const en = await (await t.app.request("/imprint?lang=en")).text();
    expect(en).toContain("<h1>Imprint</h1>");
    expect(en).toContain("Represented by: Dr. Eva Vorstand");
  });

  it("renders the operator's details as text, never as markup", async () => {
    t = await makeTestApp({ env: { ...OPERATOR_ENV, OPERATOR: "<script>alert(1)</script>" } });
    for (const path of ["/info", "/imprint"]) {
      const html = await (await t.app.request(path)).text();
      expect(html).not.toContain("<script>alert(1)</script>");
      expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    }
  });
});
