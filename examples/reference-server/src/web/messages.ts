// Typed message catalogues: each page module defines its own, in nl, fr and en.
import type { Language } from "../context.js";

/** One catalogue: the same keys in every language; `{name}` placeholders are filled by `t`. */
export type Catalogue<K extends string> = Record<Language, Record<K, string>>;

/**
 * Makes the translate function of a catalogue: `t(lang, key, { name: value })`.
 *
 * @example
 * ```ts
 * const t = defineMessages({ nl: { hi: "Dag {name}" }, fr: { hi: "Bonjour {name}" }, en: { hi: "Hello {name}" } });
 * t("fr", "hi", { name: "Ann" }); // "Bonjour Ann"
 * ```
 */
export function defineMessages<K extends string>(catalogue: Catalogue<K>) {
  return (lang: Language, key: K, params?: Record<string, string | number>): string => {
    const text = catalogue[lang][key] ?? catalogue.en[key];
    return params === undefined
      ? text
      : text.replace(/\{(\w+)\}/g, (whole, name: string) =>
          name in params ? String(params[name]) : whole,
        );
  };
}

const LOCALES: Record<Language, string> = { nl: "nl-BE", fr: "fr-BE", en: "en-GB" };

/** The `Intl` locale of a page language. */
export const localeOf = (lang: Language): string => LOCALES[lang];
