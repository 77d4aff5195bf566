import { fieldError } from "../errors/incasso-error.js";
import { lettersToDigits, mod97 } from "./mod97.js";

const compact = (text: string): string => text.replace(/\s+/g, "").toUpperCase();

/**
 * Creates an ISO 11649 structured creditor reference (RF) from a reference of 1 to 21 letters and
 * digits: `RF` + two check digits + the reference. Spaces are ignored; letters are upper-cased.
 *
 * @example
 * ```ts
 * import { createRfReference } from "@incasso/core";
 * createRfReference("539007547034"); // "RF18539007547034"
 * ```
 */
export function createRfReference(reference: string): string {
  const body = compact(reference);
  if (!/^[A-Z0-9]{1,21}$/.test(body)) {
    throw fieldError(
      "INVALID_REFERENCE",
      "reference",
      "expected 1 to 21 letters or digits",
      reference,
    );
  }
  const check = 98 - mod97(lettersToDigits(`${body}RF00`));
  return `RF${String(check).padStart(2, "0")}${body}`;
}

/**
 * Whether a text is a valid ISO 11649 creditor reference: `RF`, two check digits, 1 to 21 letters
 * or digits (25 characters at most), and the MOD 97-10 check. Spaces are ignored, case too.
 *
 * @example
 * ```ts
 * import { isValidRfReference } from "@incasso/core";
 * isValidRfReference("RF18 5390 0754 7034"); // true
 * isValidRfReference("RF19 5390 0754 7034"); // false
 * ```
 */
export function isValidRfReference(text: string): boolean {
  const body = compact(text);
  if (!/^RF\d{2}[A-Z0-9]{1,21}$/.test(body)) return false;
  return mod97(lettersToDigits(`${body.slice(4)}${body.slice(0, 4)}`)) === 1;
}

/**
 * Writes a creditor reference in groups of four, as printed on invoices (`RF18 5390 0754 7034`).
 *
 * @example
 * ```ts
 * import { formatRfReference } from "@incasso/core";
 * formatRfReference("RF18539007547034"); // "RF18 5390 0754 7034"
 * ```
 */
export function formatRfReference(text: string): string {
  return compact(text).replace(/(.{4})(?=.)/g, "$1 ");
}
