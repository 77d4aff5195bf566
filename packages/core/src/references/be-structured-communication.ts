import { fieldError } from "../errors/incasso-error.js";
import { mod97 } from "./mod97.js";

/**
 * The two delimiters banks print around a Belgian structured communication.
 *
 * @example
 * ```ts
 * import type { OgmDelimiter } from "@incasso/core";
 * const delimiter: OgmDelimiter = "*";
 * ```
 */
export type OgmDelimiter = "+" | "*";

/**
 * The check digits of a 10-digit base: `base mod 97`, with 97 for a remainder of 0, as two digits.
 *
 * @example
 * ```ts
 * import { ogmCheckDigits } from "@incasso/core";
 * ogmCheckDigits("1234567890"); // "02"
 * ```
 */
export function ogmCheckDigits(base: string): string {
  if (!/^\d{10}$/.test(base))
    throw fieldError("INVALID_REFERENCE", "base", "expected exactly 10 digits", base);
  const remainder = mod97(base);
  return String(remainder === 0 ? 97 : remainder).padStart(2, "0");
}

/**
 * Creates a Belgian structured communication (OGM/VCS, gestructureerde mededeling /
 * communication structurée) from a 10-digit base: `+++123/4567/89002+++`.
 *
 * @example
 * ```ts
 * import { createOgm } from "@incasso/core";
 * createOgm("1234567890"); // "+++123/4567/89002+++"
 * createOgm("0000000000", "*"); // "***000/0000/00097***"
 * ```
 */
export function createOgm(base: string, delimiter: OgmDelimiter = "+"): string {
  return formatOgm(`${base}${ogmCheckDigits(base)}`, delimiter);
}

/**
 * Writes 12 OGM digits in the bank format `+++DDD/DDDD/DDDDD+++`.
 *
 * @example
 * ```ts
 * import { formatOgm } from "@incasso/core";
 * formatOgm("123456789002"); // "+++123/4567/89002+++"
 * ```
 */
export function formatOgm(digits: string, delimiter: OgmDelimiter = "+"): string {
  if (!/^\d{12}$/.test(digits))
    throw fieldError("INVALID_REFERENCE", "ogm", "expected exactly 12 digits", digits);
  const edge = delimiter.repeat(3);
  return `${edge}${digits.slice(0, 3)}/${digits.slice(3, 7)}/${digits.slice(7)}${edge}`;
}

const FORMATTED = /^([+*]{3})\s*(\d{3})\s*\/\s*(\d{4})\s*\/\s*(\d{5})\s*([+*]{3})$/;

/**
 * The 12 digits of a structured communication written `+++123/4567/89002+++`,
 * `***123/4567/89002***`, `123/4567/89002` or `123456789002`, if its check digits are right;
 * `undefined` otherwise.
 *
 * @example
 * ```ts
 * import { parseOgm } from "@incasso/core";
 * parseOgm("***123/4567/89002***"); // "123456789002"
 * parseOgm("+++123/4567/89003+++"); // undefined
 * ```
 */
export function parseOgm(text: string): string | undefined {
  const trimmed = text.trim();
  const formatted = FORMATTED.exec(trimmed);
  let digits: string | undefined;
  if (formatted) {
    if (formatted[1] !== formatted[5]) return undefined;
    digits = `${formatted[2]}${formatted[3]}${formatted[4]}`;
  } else if (/^\d{3}\/\d{4}\/\d{5}$/.test(trimmed) || /^\d{12}$/.test(trimmed)) {
    digits = trimmed.replace(/\//g, "");
  }
  if (digits === undefined) return undefined;
  return ogmCheckDigits(digits.slice(0, 10)) === digits.slice(10) ? digits : undefined;
}

/**
 * Whether a text is a valid Belgian structured communication (see {@link parseOgm} for the forms
 * accepted).
 *
 * @example
 * ```ts
 * import { isValidOgm } from "@incasso/core";
 * isValidOgm("+++123/4567/89002+++"); // true
 * ```
 */
export function isValidOgm(text: string): boolean {
  return parseOgm(text) !== undefined;
}

const IN_TEXT =
  /[+*]{3}\s*\d{3}\s*\/\s*\d{4}\s*\/\s*\d{5}\s*[+*]{3}|(?<!\d)\d{3}\/\d{4}\/\d{5}(?!\d)|(?<!\d)(?:101)?\d{12}(?!\d)/g;

/**
 * Every valid structured communication in a free text such as a bank statement line, with or
 * without separators (`+++…+++`, `***…***`, `123/4567/89002`, 12 bare digits, or the CODA form
 * `101` + 12 digits), as 12-digit strings in the order found, without repeats. A number whose check
 * digits are wrong is not a structured communication and is left out.
 *
 * @example
 * ```ts
 * import { findOgms } from "@incasso/core";
 * findOgms("Betaling factuur 2026/17 +++123/4567/89002+++ dank u"); // ["123456789002"]
 * findOgms("MEDEDELING 123456789002"); // ["123456789002"]
 * ```
 */
export function findOgms(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(IN_TEXT)) {
    let candidate = match[0];
    if (/^101\d{12}$/.test(candidate)) candidate = candidate.slice(3);
    const digits = parseOgm(candidate.replace(/\s+/g, ""));
    if (digits !== undefined && !found.includes(digits)) found.push(digits);
  }
  return found;
}
