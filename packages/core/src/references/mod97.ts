/**
 * The remainder of a decimal digit string divided by 97, exactly, for strings of any length
 * (the ISO 7064 MOD 97-10 core of IBAN, RF, OGM and KBO checks).
 *
 * @example
 * ```ts
 * import { mod97 } from "@incasso/core";
 * mod97("1234567890"); // 2
 * ```
 */
export function mod97(digits: string): number {
  let remainder = 0;
  for (let index = 0; index < digits.length; index += 7) {
    remainder = Number(`${remainder}${digits.slice(index, index + 7)}`) % 97;
  }
  return remainder;
}

/**
 * Replaces letters by numbers (A = 10 … Z = 35) as ISO 13616 and ISO 11649 prescribe.
 *
 * @example
 * ```ts
 * import { lettersToDigits } from "@incasso/core";
 * lettersToDigits("RF00"); // "271500"
 * ```
 */
export function lettersToDigits(text: string): string {
  return text.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
}
