import { describe, expect, it } from "vitest";
import { AREAS, translate } from "../../src/i18n/index.ts";

describe("i18n", () => {
  it.each(Object.entries(AREAS))(
    "has every German %s key in English and no extra ones",
    (_name, area) => {
      expect(Object.keys(area.en).sort()).toEqual(Object.keys(area.de).sort());
      for (const value of [...Object.values(area.de), ...Object.values(area.en)]) {
        expect(String(value).trim()).not.toBe("");
      }
    },
  );

  it("uses each key in one area only", () => {
    const seen = new Map<string, string>();
    for (const [name, area] of Object.entries(AREAS)) {
      for (const key of Object.keys(area.de)) {
        expect(seen.get(key), `${key} in ${name}`).toBeUndefined();
        seen.set(key, name);
      }
    }
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("de", "home.privacy", { days: 30 })).toContain("nach 30 Tagen");
    expect(translate("en", "footer.operator", {})).toBe("Operated by {operator}");
  });
});
