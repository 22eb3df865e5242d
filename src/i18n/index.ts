/**
 * @module
 * The one i18n module: German first, English second. Which language a request
 * gets is decided in `i18n/middleware.ts`.
 */
import { appointmentTexts } from "./appointments.ts";
import { call } from "./call.ts";
import { client } from "./client.ts";
import { common } from "./common.ts";
import { counsellor } from "./counsellor.ts";
import { legal } from "./legal.ts";
import { mail } from "./mail.ts";
import { participantTexts } from "./participants.ts";

export type Lang = "de" | "en";

/** Every area's texts; each area file holds German and English side by side. */
export const AREAS = {
  common,
  client,
  counsellor,
  appointments: appointmentTexts,
  participants: participantTexts,
  call,
  legal,
  mail,
};

type Area = (typeof AREAS)[keyof typeof AREAS];
type KeysOf<A> = A extends { de: infer D } ? keyof D : never;
export type MessageKey = KeysOf<Area> & string;
export type Messages = Record<MessageKey, string>;

export const LANGUAGES: readonly Lang[] = ["de", "en"];
const catalogues = {
  de: Object.assign({}, ...Object.values(AREAS).map((area) => area.de)) as Messages,
  en: Object.assign({}, ...Object.values(AREAS).map((area) => area.en)) as Messages,
};

/** Narrows whatever the detector stored to a supported language. */
export function asLang(value: unknown): Lang {
  return value === "en" ? "en" : "de";
}

/** Looks up a text and fills `{name}` placeholders. */
export function translate(
  lang: Lang,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const text = catalogues[lang][key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** A translator bound to one language, for views. */
export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => translate(lang, key, params);
}

/** The cookie that remembers an explicit language choice (`i18n/middleware.ts`). */
export const LANG_COOKIE = "lang";
