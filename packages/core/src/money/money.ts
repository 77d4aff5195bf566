import type { Decimal } from "decimal.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { CurrencyCode } from "./currency.js";
import { currencyOf } from "./currency.js";
import type { DecimalInput } from "./decimal.js";
import { toDecimal } from "./decimal.js";
import type { RoundingMode } from "./rounding-mode.js";
import { roundDecimal } from "./rounding-mode.js";

/**
 * An exact amount of money in one currency. Immutable: every operation returns a new value.
 *
 * Arithmetic is exact (decimal.js, 40 significant digits); nothing is rounded until
 * {@link Money.round} is called, which is how rounding happens at named points only. Combining
 * two currencies throws `CURRENCY_MISMATCH`.
 *
 * @example
 * ```ts
 * import { Money } from "@incasso/core";
 * const principal = Money.of("605.00");
 * const interest = principal.times("0.105").times("92").dividedBy("365").round();
 * interest.toString(); // "16.01 EUR"
 * ```
 */
export class Money {
  /** The exact amount. */
  readonly amount: Decimal;
  /** The ISO 4217 currency code. */
  readonly currency: CurrencyCode;

  private constructor(amount: Decimal, currency: CurrencyCode) {
    this.amount = amount;
    this.currency = currency;
    Object.freeze(this);
  }

  /**
   * Creates an amount from a `Decimal` or a plain decimal string (`"1234.50"`).
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("1234.5", "EUR").toFixed(); // "1234.50"
   * ```
   */
  static of(amount: DecimalInput, currency: CurrencyCode = "EUR", field = "amount"): Money {
    currencyOf(currency);
    return new Money(toDecimal(amount, field), currency);
  }

  /**
   * Zero in a currency.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.zero().isZero(); // true
   * ```
   */
  static zero(currency: CurrencyCode = "EUR"): Money {
    return Money.of("0", currency);
  }

  /**
   * The exact sum of amounts; zero in `currency` for an empty list.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.sum([Money.of("0.10"), Money.of("0.20")]).toFixed(); // "0.30"
   * ```
   */
  static sum(amounts: Iterable<Money>, currency: CurrencyCode = "EUR"): Money {
    let total = Money.zero(currency);
    for (const amount of amounts) total = total.plus(amount);
    return total;
  }

  /**
   * Adds an amount of the same currency.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("1.10").plus(Money.of("2.20")).toFixed(); // "3.30"
   * ```
   */
  plus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.plus(other.amount), this.currency);
  }

  /**
   * Subtracts an amount of the same currency.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("1.00").minus(Money.of("2.50")).toFixed(); // "-1.50"
   * ```
   */
  minus(other: Money): Money {
    this.assertSameCurrency(other);
    return new Money(this.amount.minus(other.amount), this.currency);
  }

  /**
   * Multiplies by an exact factor (a rate, a number of days); the result is not rounded.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("100.00").times("0.125").amount.toString(); // "12.5"
   * ```
   */
  times(factor: DecimalInput): Money {
    return new Money(this.amount.times(toDecimal(factor, "factor")), this.currency);
  }

  /**
   * Divides by an exact, non-zero divisor; the quotient keeps 40 significant digits and is not
   * rounded to the cent.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("100.00").dividedBy("3").round().toFixed(); // "33.33"
   * ```
   */
  dividedBy(divisor: DecimalInput): Money {
    const value = toDecimal(divisor, "divisor");
    if (value.isZero())
      throw new IncassoError("INVALID_INPUT", "divisor: expected a non-zero decimal");
    return new Money(this.amount.dividedBy(value), this.currency);
  }

  /**
   * The amount with the opposite sign.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("5").negated().toFixed(); // "-5.00"
   * ```
   */
  negated(): Money {
    return new Money(this.amount.negated(), this.currency);
  }

  /**
   * The absolute amount.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("-5").abs().toFixed(); // "5.00"
   * ```
   */
  abs(): Money {
    return new Money(this.amount.abs(), this.currency);
  }

  /**
   * Rounds to the currency's minor unit (or to `decimals`), half-up unless another
   * {@link RoundingMode} is named.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("2.345").round().toFixed(); // "2.35"
   * Money.of("2.345").round("half-even").toFixed(); // "2.34"
   * ```
   */
  round(mode: RoundingMode = "half-up", decimals: number = this.minorUnits): Money {
    return new Money(roundDecimal(this.amount, decimals, mode), this.currency);
  }

  /**
   * Whether the amount is a whole number of minor units (cents).
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("1.005").isRounded(); // false
   * ```
   */
  isRounded(): boolean {
    return this.amount.decimalPlaces() <= this.minorUnits;
  }

  /**
   * The number of minor-unit decimals of the currency (2 for the euro).
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.zero().minorUnits; // 2
   * ```
   */
  get minorUnits(): number {
    return currencyOf(this.currency).minorUnits;
  }

  /**
   * Whether the amount is zero.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("0.00").isZero(); // true
   * ```
   */
  isZero(): boolean {
    return this.amount.isZero();
  }

  /**
   * Whether the amount is below zero.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("-0.01").isNegative(); // true
   * ```
   */
  isNegative(): boolean {
    return this.amount.isNegative() && !this.amount.isZero();
  }

  /**
   * Whether the amount is above zero.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("0.01").isPositive(); // true
   * ```
   */
  isPositive(): boolean {
    return this.amount.isPositive() && !this.amount.isZero();
  }

  /**
   * Compares with an amount of the same currency: -1, 0 or 1.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("1.50").compare(Money.of("1.5")); // 0
   * ```
   */
  compare(other: Money): -1 | 0 | 1 {
    this.assertSameCurrency(other);
    return this.amount.comparedTo(other.amount) as -1 | 0 | 1;
  }

  /**
   * Whether two amounts are equal in value and currency (`"12.5"` equals `"12.50"`).
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("12.5").equals(Money.of("12.50")); // true
   * ```
   */
  equals(other: Money): boolean {
    return this.currency === other.currency && this.amount.equals(other.amount);
  }

  /**
   * The amount as a decimal string with at least the currency's minor-unit decimals
   * (`"1234.50"`), and more if the amount has more: nothing is rounded away.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * Money.of("7").toFixed(); // "7.00"
   * Money.of("7.125").toFixed(); // "7.125"
   * ```
   */
  toFixed(): string {
    return this.amount.toFixed(Math.max(this.amount.decimalPlaces(), this.minorUnits));
  }

  /**
   * The amount and currency, as `"1234.50 EUR"`.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * String(Money.of("1234.5")); // "1234.50 EUR"
   * ```
   */
  toString(): string {
    return `${this.toFixed()} ${this.currency}`;
  }

  /**
   * The JSON form: the amount as a decimal string, never a JS number.
   *
   * @example
   * ```ts
   * import { Money } from "@incasso/core";
   * JSON.stringify(Money.of("1.5")); // '{"amount":"1.50","currency":"EUR"}'
   * ```
   */
  toJSON(): { amount: string; currency: CurrencyCode } {
    return { amount: this.toFixed(), currency: this.currency };
  }

  private assertSameCurrency(other: Money): void {
    if (other.currency !== this.currency) {
      throw new IncassoError(
        "CURRENCY_MISMATCH",
        `cannot combine ${this.currency} and ${other.currency}`,
      );
    }
  }
}

/**
 * Shorthand for {@link Money.of}.
 *
 * @example
 * ```ts
 * import { money } from "@incasso/core";
 * money("40.00").toString(); // "40.00 EUR"
 * ```
 */
export function money(amount: DecimalInput, currency: CurrencyCode = "EUR"): Money {
  return Money.of(amount, currency);
}
