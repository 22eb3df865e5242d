/**
 * @module
 * Texts of the counsellor pages, German first, English second, same keys.
 */
export const counsellor = {
  de: {},
  en: {},
} as const;
