import { mod97 } from "./mod97.js";

/**
 * A Belgian national number (rijksregisternummer / numéro de registre national) read back:
 * its 11 digits and whether the check digits say the holder was born in 2000 or later.
 *
 * @example
 * ```ts
 * import { parseBeNationalNumber, type BeNationalNumber } from "@incasso/core";
 * const parsed: BeNationalNumber | undefined = parseBeNationalNumber("85.07.30-033.28");
 * ```
 */
export interface BeNationalNumber {
  readonly digits: string;
  readonly bornFrom2000: boolean;
}

/**
 * Reads a Belgian national number (`YY.MM.DD-XXX.CC`, separators optional): the check is
 * `97 − (first nine digits mod 97)`, or, for births from 2000, the same over `2` followed by the nine
 * digits. Returns `undefined` when neither check holds.
 *
 * @example
 * ```ts
 * import { parseBeNationalNumber } from "@incasso/core";
 * parseBeNationalNumber("85.07.30-033.28"); // { digits: "85073003328", bornFrom2000: false }
 * ```
 */
export function parseBeNationalNumber(text: string): BeNationalNumber | undefined {
  const digits = text.replace(/[\s.-]/g, "");
  if (!/^\d{11}$/.test(digits)) return undefined;
  const check = Number(digits.slice(9));
  const base = digits.slice(0, 9);
  if (97 - mod97(base) === check) return { digits, bornFrom2000: false };
  if (97 - mod97(`2${base}`) === check) return { digits, bornFrom2000: true };
  return undefined;
}

/**
 * Whether a text is a valid Belgian national number (see {@link parseBeNationalNumber}).
 *
 * @example
 * ```ts
 * import { isValidBeNationalNumber } from "@incasso/core";
 * isValidBeNationalNumber("85.07.30-033.28"); // true
 * ```
 */
export function isValidBeNationalNumber(text: string): boolean {
  return parseBeNationalNumber(text) !== undefined;
}
