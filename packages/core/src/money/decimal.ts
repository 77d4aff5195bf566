import { Decimal } from "decimal.js";
import { fieldError } from "../errors/incasso-error.js";

/**
 * The decimal.js constructor the core computes with: 40 significant digits, half-up by default,
 * and plain notation in `toString()` (never `1e+21`). It is a private clone, so the core never
 * touches the global `Decimal` settings of the host application.
 *
 * @example
 * ```ts
 * import { MoneyDecimal } from "@incasso/core";
 * new MoneyDecimal("0.1").plus("0.2").toString(); // "0.3"
 * ```
 */
export const MoneyDecimal: typeof Decimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -40,
  toExpPos: 40,
});

/**
 * What the core accepts as an exact decimal: a `Decimal` or a plain decimal string such as
 * `"1234.50"` or `"-0.5"`. JS numbers are not accepted: they are binary fractions.
 *
 * @example
 * ```ts
 * import type { DecimalInput } from "@incasso/core";
 * const rate: DecimalInput = "10.5";
 * ```
 */
export type DecimalInput = Decimal | string;

const PLAIN_DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/**
 * Converts a {@link DecimalInput} to a core decimal, rejecting anything that is not a finite
 * plain decimal (no exponents, no hexadecimal, no `NaN`, no JS numbers).
 *
 * @param value - the decimal or decimal string
 * @param field - the field name used in the error message
 * @example
 * ```ts
 * import { toDecimal } from "@incasso/core";
 * toDecimal("1234.50", "principal").toFixed(2); // "1234.50"
 * ```
 */
export function toDecimal(value: DecimalInput, field = "amount"): Decimal {
  if (typeof value === "string") {
    const text = value.trim();
    if (!PLAIN_DECIMAL.test(text)) {
      throw fieldError("INVALID_AMOUNT", field, "expected a decimal string such as 1234.50", value);
    }
    return new MoneyDecimal(text);
  }
  if (Decimal.isDecimal(value) && value.isFinite()) return new MoneyDecimal(value);
  throw fieldError(
    "INVALID_AMOUNT",
    field,
    "expected a finite Decimal or a decimal string",
    String(value),
  );
}
