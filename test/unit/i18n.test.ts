import { describe, expect, it } from "vitest";
import { de } from "../../src/i18n/de.ts";
import { en } from "../../src/i18n/en.ts";
import { translate } from "../../src/i18n/index.ts";

describe("i18n", () => {
  it("has every German key in English and no extra ones", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(de).sort());
  });

  it("fills placeholders and leaves unknown ones visible", () => {
    expect(translate("de", "home.privacy", { days: 30 })).toContain("nach 30 Tagen");
    expect(translate("en", "footer.operator", {})).toBe("Operated by {operator}");
  });
});
