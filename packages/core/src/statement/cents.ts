import type { Decimal } from "decimal.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";

/**
 * A rate in percent per year as an exact fraction `num / den`, with `den` a power of ten.
 *
 * @internal
 */
export interface ExactRate {
  readonly num: bigint;
  readonly den: bigint;
  readonly decimal: Decimal;
}

/**
 * An amount of whole cents as a bigint, refusing fractions of a cent (`SUBUNIT_AMOUNT`).
 *
 * @internal
 */
export function toCents(value: Decimal, path: string): bigint {
  if (value.decimalPlaces() > 2) {
    throw new IncassoError(
      "SUBUNIT_AMOUNT",
      `${path}: expected whole cents (got: ${value.toString()})`,
      [{ path, message: "expected whole cents" }],
    );
  }
  const [units = "0", fraction = ""] = value.toFixed(2).split(".");
  return BigInt(`${units}${fraction}`);
}

/**
 * A bigint of cents as a decimal.
 *
 * @internal
 */
export function fromCents(cents: bigint): Decimal {
  const negative = cents < 0n;
  const digits = (negative ? -cents : cents).toString().padStart(3, "0");
  return new MoneyDecimal(`${negative ? "-" : ""}${digits.slice(0, -2)}.${digits.slice(-2)}`);
}

/**
 * A decimal rate as an exact fraction.
 *
 * @internal
 */
export function toExactRate(rate: Decimal): ExactRate {
  const places = rate.decimalPlaces();
  const den = 10n ** BigInt(places);
  return {
    num: BigInt(rate.times(new MoneyDecimal(10).pow(places)).toFixed(0)),
    den,
    decimal: rate,
  };
}

/**
 * Interest on `base` cents at `rate` percent per year for `days` days over `divisor`, rounded
 * half-up to the cent, exactly: base × rate / 100 × days / divisor.
 *
 * @internal
 */
export function interestCents(
  base: bigint,
  rate: ExactRate,
  days: number,
  divisor: number,
): bigint {
  const numerator = base * rate.num * BigInt(days);
  const denominator = 100n * BigInt(divisor) * rate.den;
  const quotient = numerator / denominator;
  return (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
}
