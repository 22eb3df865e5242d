/**
 * @module
 * Texts of the client pages, German first, English second, same keys.
 */
export const client = {
  de: {},
  en: {},
} as const;
