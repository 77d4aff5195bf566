import { lettersToDigits, mod97 } from "./mod97.js";

/**
 * The length of an IBAN in each SEPA country (ISO 13616 registry), keyed by country code.
 *
 * @example
 * ```ts
 * import { IBAN_LENGTHS } from "@incasso/core";
 * IBAN_LENGTHS.BE; // 16
 * ```
 */
export const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  AD: 24,
  AT: 20,
  BE: 16,
  BG: 22,
  CH: 21,
  CY: 28,
  CZ: 24,
  DE: 22,
  DK: 18,
  EE: 20,
  ES: 24,
  FI: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  HR: 21,
  HU: 28,
  IE: 22,
  IS: 26,
  IT: 27,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  MC: 27,
  MT: 31,
  NL: 18,
  NO: 15,
  PL: 28,
  PT: 25,
  RO: 24,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  VA: 22,
};

const compact = (text: string): string => text.replace(/\s+/g, "").toUpperCase();

/**
 * Whether a text is a valid IBAN: the country's length (for the SEPA countries in
 * {@link IBAN_LENGTHS}; 15 to 34 characters elsewhere), the MOD 97-10 check, and for Belgium the
 * national check of the account number (last two digits = first ten mod 97, 97 for 0). Spaces and
 * case are ignored.
 *
 * @example
 * ```ts
 * import { isValidIban } from "@incasso/core";
 * isValidIban("BE72 0000 0000 1616"); // true
 * isValidIban("BE73 0000 0000 1616"); // false
 * ```
 */
export function isValidIban(text: string): boolean {
  const iban = compact(text);
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const expected = IBAN_LENGTHS[iban.slice(0, 2)];
  if (expected !== undefined && iban.length !== expected) return false;
  if (mod97(lettersToDigits(`${iban.slice(4)}${iban.slice(0, 4)}`)) !== 1) return false;
  if (iban.startsWith("BE")) {
    const account = iban.slice(4);
    if (!/^\d{12}$/.test(account)) return false;
    const remainder = mod97(account.slice(0, 10));
    return (remainder === 0 ? 97 : remainder) === Number(account.slice(10));
  }
  return true;
}

/**
 * Writes an IBAN in groups of four, as printed (`BE72 0000 0000 1616`).
 *
 * @example
 * ```ts
 * import { formatIban } from "@incasso/core";
 * formatIban("be72000000001616"); // "BE72 0000 0000 1616"
 * ```
 */
export function formatIban(text: string): string {
  return compact(text).replace(/(.{4})(?=.)/g, "$1 ");
}
