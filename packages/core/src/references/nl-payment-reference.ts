import { fieldError } from "../errors/incasso-error.js";

const WEIGHTS = [2, 4, 8, 5, 10, 9, 7, 3, 6, 1];

/**
 * The check digit of a Dutch payment reference (betalingskenmerk) over the digits after it:
 * weights 2, 4, 8, 5, 10, 9, 7, 3, 6, 1 (repeating) from the right, `11 − (sum mod 11)`, with
 * 10 → 1 and 11 → 0.
 *
 * @example
 * ```ts
 * import { nlPaymentReferenceCheckDigit } from "@incasso/core";
 * nlPaymentReferenceCheckDigit("000056789012345"); // 5
 * ```
 */
export function nlPaymentReferenceCheckDigit(digits: string): number {
  if (!/^\d+$/.test(digits))
    throw fieldError("INVALID_REFERENCE", "digits", "expected digits only", digits);
  let sum = 0;
  for (let index = 0; index < digits.length; index++) {
    const digit = Number(digits[digits.length - 1 - index]);
    sum += digit * (WEIGHTS[index % WEIGHTS.length] ?? 1);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 1 : check === 11 ? 0 : check;
}

/**
 * Whether a text is a valid Dutch payment reference (betalingskenmerk, Betaalvereniging
 * specification), spaces ignored:
 * - 16 digits: a check digit over the 15 that follow;
 * - 9 to 14 digits: check digit, length digit L (the count of the digits after it, modulo 10), then
 *   those digits; the check covers L and the digits;
 * - 7 digits: no check digit.
 * Other lengths are not payment references.
 *
 * @example
 * ```ts
 * import { isValidNlPaymentReference } from "@incasso/core";
 * isValidNlPaymentReference("5000 0567 8901 2345"); // true
 * isValidNlPaymentReference("12 2345 3462 2567"); // true
 * ```
 */
export function isValidNlPaymentReference(text: string): boolean {
  const digits = text.replace(/\s+/g, "");
  if (!/^\d+$/.test(digits)) return false;
  const length = digits.length;
  if (length === 7) return true;
  const rest = digits.slice(1);
  if (length === 16) return nlPaymentReferenceCheckDigit(rest) === Number(digits[0]);
  if (length >= 9 && length <= 14) {
    if (Number(digits[1]) !== (length - 2) % 10) return false;
    return nlPaymentReferenceCheckDigit(rest) === Number(digits[0]);
  }
  return false;
}

/**
 * Creates a 16-digit Dutch payment reference from 15 digits by putting the check digit in front.
 *
 * @example
 * ```ts
 * import { createNlPaymentReference } from "@incasso/core";
 * createNlPaymentReference("000056789012345"); // "5000056789012345"
 * ```
 */
export function createNlPaymentReference(digits: string): string {
  const body = digits.replace(/\s+/g, "");
  if (!/^\d{15}$/.test(body))
    throw fieldError("INVALID_REFERENCE", "digits", "expected exactly 15 digits", digits);
  return `${nlPaymentReferenceCheckDigit(body)}${body}`;
}
