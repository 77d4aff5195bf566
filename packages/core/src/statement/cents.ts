import type { Decimal } from "decimal.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";

/** The base of decimal.js's digit words. */
const WORD = 1e7;

/**
 * A rate in percent per year as an exact fraction `num / den`, with `den` a power of ten.
 *
 * @internal
 */
export interface ExactRate {
  readonly num: bigint;
  readonly den: bigint;
  readonly decimal: Decimal;
  /** 100 × `den` × the divisor, for each divisor of a day count (360, 365, 366). */
  readonly den360: bigint;
  readonly den365: bigint;
  readonly den366: bigint;
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
  // The layout fromCents writes, read back for amounts below 10^13 units; text otherwise.
  const {
    d: words,
    e: exponent,
    s: sign,
  } = value as unknown as {
    d: number[] | null;
    e: number;
    s: number;
  };
  if (words !== null && exponent <= 12) {
    let cents: number;
    if (exponent < 0) cents = (words[0] as number) / 100_000;
    else {
      const unitWords = Math.floor(exponent / 7) + 1;
      let units = 0;
      for (let index = 0; index < unitWords; index++) units = units * WORD + (words[index] ?? 0);
      cents = units * 100 + (words[unitWords] ?? 0) / 100_000;
    }
    return BigInt(sign < 0 ? -cents : cents);
  }
  return toCentsText(value);
}

/**
 * An amount of whole cents as a bigint, by its text: the reference of {@link toCents}.
 *
 * @internal
 */
export function toCentsText(value: Decimal): bigint {
  const [units = "0", fraction = ""] = value.toFixed(2).split(".");
  return BigInt(`${units}${fraction}`);
}

/**
 * A bigint of cents as a decimal, exactly. Safe integers are laid out directly in decimal.js's
 * representation (digits in words of base 10^7 aligned on the decimal point, trailing zero words
 * dropped, the decimal exponent, the sign: the layout of the pinned decimal.js 10.6.0, which the
 * differential test in cents.test.ts checks against parsing the same amount as text); larger
 * amounts are parsed from text.
 *
 * @internal
 */
export function fromCents(cents: bigint): Decimal {
  const value = Number(cents);
  if (!Number.isSafeInteger(value)) return fromCentsText(cents);
  const sign = value < 0 ? -1 : 1;
  const magnitude = value < 0 ? -value : value;
  const fraction = magnitude % 100;
  const units = (magnitude - fraction) / 100;
  if (units === 0)
    return new LaidOut(sign, fraction === 0 ? 0 : fraction >= 10 ? -1 : -2, [fraction * 100_000]);
  // Safe cents have fewer than 10^14 units: at most two words before the point. Arrays written
  // as literals of their final length, so they keep no spare capacity.
  const high = Math.floor(units / WORD);
  const low = units - high * WORD;
  const tail = fraction * 100_000;
  let words: number[];
  let exponent: number;
  if (high === 0) {
    words = fraction === 0 ? [low] : [low, tail];
    exponent = digitsOf(low) - 1;
  } else {
    words = fraction !== 0 ? [high, low, tail] : low === 0 ? [high] : [high, low];
    exponent = digitsOf(high) + 6;
  }
  return new LaidOut(sign, exponent, words);
}

/**
 * Makes a decimal of the given layout: the fields decimal.js's constructor sets, in its order,
 * on an object whose prototype is the decimals' own, so it is a decimal in every respect.
 */
const LaidOut = function (
  this: { constructor: unknown; s: number; e: number; d: number[] },
  sign: number,
  exponent: number,
  words: number[],
) {
  this.constructor = MoneyDecimal;
  this.s = sign;
  this.e = exponent;
  this.d = words;
} as unknown as new (
  sign: number,
  exponent: number,
  words: number[],
) => Decimal;
(LaidOut as unknown as { prototype: object }).prototype = MoneyDecimal.prototype;

/** The number of decimal digits of a positive integer below 10^7. */
function digitsOf(value: number): number {
  return value < 10
    ? 1
    : value < 100
      ? 2
      : value < 1_000
        ? 3
        : value < 10_000
          ? 4
          : value < 100_000
            ? 5
            : value < 1_000_000
              ? 6
              : 7;
}

/**
 * A bigint of cents as a decimal, by parsing its text: the reference of {@link fromCents}.
 *
 * @internal
 */
export function fromCentsText(cents: bigint): Decimal {
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
    den360: 36_000n * den,
    den365: 36_500n * den,
    den366: 36_600n * den,
  };
}

/**
 * Interest on `base` cents at `rate` percent per year for `days` days over `divisor`, rounded
 * half-up to the cent, exactly: base × rate / 100 × days / divisor, for a base and a rate of zero
 * or more.
 *
 * @internal
 */
export function interestCents(
  base: bigint,
  rate: ExactRate,
  days: number,
  divisor: number,
): bigint {
  const denominator = interestDenominator(rate, divisor);
  return lineInterest(2n * base * rate.num, denominator, 2n * denominator, days);
}

/**
 * 100 × the divisor × the rate's denominator: the denominator of a line's interest.
 *
 * @internal
 */
export function interestDenominator(rate: ExactRate, divisor: number): bigint {
  return divisor === 365
    ? rate.den365
    : divisor === 366
      ? rate.den366
      : divisor === 360
        ? rate.den360
        : 100n * BigInt(divisor) * rate.den;
}

/**
 * The interest of a line from its factors: `scaled` = 2 × base × the rate's numerator,
 * `denominator` D = 100 × divisor × the rate's denominator and `twice` = 2D. Rounding half-up
 * is ⌊(2N + D) / 2D⌋ for N = base × numerator × days ≥ 0: one multiplication, one addition and
 * one division of bigints per evaluation, the factors being the line's own.
 *
 * @internal
 */
export function lineInterest(
  scaled: bigint,
  denominator: bigint,
  twice: bigint,
  days: number,
): bigint {
  return (scaled * BigInt(days) + denominator) / twice;
}
