import { fieldError } from "../errors/incasso-error.js";

/**
 * Formats a case number from a mask and a sequence number, as practice-management software does:
 * each `0` is a digit of the sequence (zero-padded to the number of zeros), a backslash makes the
 * next character literal, other characters are copied. `000000` → `000042`; `\L\O\L00000` →
 * `LOL00042`; `\2\0\2\6-00000` → `2026-00042`. A sequence too long for the mask is an error.
 *
 * @example
 * ```ts
 * import { formatCaseNumber } from "@incasso/core";
 * formatCaseNumber("\\2\\0\\2\\6/00000", 42); // "2026/00042"
 * ```
 */
export function formatCaseNumber(mask: string, sequence: number): string {
  if (!Number.isSafeInteger(sequence) || sequence < 0) {
    throw fieldError("INVALID_INPUT", "sequence", "expected a whole number of 0 or more", sequence);
  }
  const width = [...mask.replace(/\\./g, "")].filter((char) => char === "0").length;
  if (width === 0)
    throw fieldError(
      "INVALID_INPUT",
      "mask",
      "expected at least one 0 for the sequence digits",
      mask,
    );
  const digits = String(sequence).padStart(width, "0");
  if (digits.length > width) {
    throw fieldError(
      "INVALID_INPUT",
      "sequence",
      `expected at most ${width} digits for mask ${mask}`,
      sequence,
    );
  }
  let next = 0;
  let out = "";
  for (let index = 0; index < mask.length; index++) {
    const char = mask[index] as string;
    if (char === "\\") {
      out += mask[index + 1] ?? "";
      index++;
    } else if (char === "0") out += digits[next++];
    else out += char;
  }
  return out;
}
