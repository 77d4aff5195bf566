import { mod97 } from "./mod97.js";

const digitsOf = (text: string): string => text.replace(/^\s*BE\s*/i, "").replace(/[\s.]/g, "");

/**
 * Whether a text is a valid Belgian enterprise number (ondernemingsnummer / numéro d'entreprise,
 * KBO/BCE): ten digits starting with 0 or 1, the last two being `97 − (first eight mod 97)`.
 * Accepts `0566.988.259`, `0566 988 259`, `0566988259` and the VAT form `BE0566988259`.
 *
 * @example
 * ```ts
 * import { isValidBeEnterpriseNumber } from "@incasso/core";
 * isValidBeEnterpriseNumber("0566.988.259"); // true
 * isValidBeEnterpriseNumber("BE 0566.988.258"); // false
 * ```
 */
export function isValidBeEnterpriseNumber(text: string): boolean {
  const digits = digitsOf(text);
  if (!/^[01]\d{9}$/.test(digits)) return false;
  return 97 - mod97(digits.slice(0, 8)) === Number(digits.slice(8));
}

/**
 * Writes an enterprise number as `0566.988.259`.
 *
 * @example
 * ```ts
 * import { formatBeEnterpriseNumber } from "@incasso/core";
 * formatBeEnterpriseNumber("BE0566988259"); // "0566.988.259"
 * ```
 */
export function formatBeEnterpriseNumber(text: string): string {
  const digits = digitsOf(text);
  return `${digits.slice(0, 4)}.${digits.slice(4, 7)}.${digits.slice(7)}`;
}
