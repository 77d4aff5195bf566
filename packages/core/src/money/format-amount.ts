import type { Decimal } from "decimal.js";
import { IncassoError } from "../errors/incasso-error.js";
import { currencyOf } from "./currency.js";
import type { DecimalInput } from "./decimal.js";
import { toDecimal } from "./decimal.js";
import { Money } from "./money.js";
import type { RoundingMode } from "./rounding-mode.js";
import { roundDecimal } from "./rounding-mode.js";

/**
 * The number formats of the letters Incasso produces: Belgium in Dutch, French and German, the
 * Netherlands, and English.
 *
 * | locale | number | money |
 * |---|---|---|
 * | `nl-BE`, `nl-NL` | `1.234,56` | `€ 1.234,56` |
 * | `fr-BE` | `1 234,56` (narrow no-break space) | `1 234,56 €` |
 * | `de-BE` | `1.234,56` | `1.234,56 €` |
 * | `en` | `1,234.56` | `€1,234.56` |
 *
 * @example
 * ```ts
 * import type { AmountLocale } from "@incasso/core";
 * const locale: AmountLocale = "fr-BE";
 * ```
 */
export type AmountLocale = "nl-BE" | "nl-NL" | "fr-BE" | "de-BE" | "en";

interface LocaleFormat {
  readonly group: string;
  readonly decimal: "," | ".";
  readonly money: (number: string, symbol: string, negative: boolean) => string;
}

const FORMATS: Record<AmountLocale, LocaleFormat> = {
  "nl-BE": { group: ".", decimal: ",", money: (n, s, neg) => `${s} ${neg ? "-" : ""}${n}` },
  "nl-NL": { group: ".", decimal: ",", money: (n, s, neg) => `${s} ${neg ? "-" : ""}${n}` },
  "fr-BE": {
    group: "\u202f",
    decimal: ",",
    money: (n, s, neg) => `${neg ? "-" : ""}${n}\u00a0${s}`,
  },
  "de-BE": { group: ".", decimal: ",", money: (n, s, neg) => `${neg ? "-" : ""}${n}\u00a0${s}` },
  en: { group: ",", decimal: ".", money: (n, s, neg) => `${neg ? "-" : ""}${s}${n}` },
};

/**
 * Options of {@link formatAmount}.
 *
 * @example
 * ```ts
 * import type { FormatAmountOptions } from "@incasso/core";
 * const options: FormatAmountOptions = { locale: "nl-BE", decimals: 2 };
 * ```
 */
export interface FormatAmountOptions {
  /** The number format; `nl-BE` by default. */
  readonly locale?: AmountLocale;
  /** The number of decimals shown; the currency's minor unit for money, 2 for decimals. */
  readonly decimals?: number;
  /**
   * How to round to `decimals` when the value has more. Without it, such a value is an error
   * (`SUBUNIT_AMOUNT`): formatting never rounds silently.
   */
  readonly rounding?: RoundingMode;
  /** Whether to show the group separator; true by default. */
  readonly grouping?: boolean;
}

/**
 * Formats a decimal or an amount of money for a letter. Money is shown with its currency symbol;
 * a decimal as a bare number. {@link parseAmount} with the locale's decimal separator reads the
 * result back to the same value.
 *
 * @example
 * ```ts
 * import { formatAmount, Money } from "@incasso/core";
 * formatAmount(Money.of("1234.5"), { locale: "nl-BE" }); // "€ 1.234,50"
 * formatAmount(Money.of("-1234.5"), { locale: "en" }); // "-€1,234.50"
 * formatAmount("1234.5"); // "1.234,50"
 * ```
 */
export function formatAmount(
  value: Money | DecimalInput,
  options: FormatAmountOptions = {},
): string {
  const format = FORMATS[options.locale ?? "nl-BE"];
  const isMoney = value instanceof Money;
  const amount: Decimal = isMoney ? value.amount : toDecimal(value);
  const decimals = options.decimals ?? (isMoney ? value.minorUnits : 2);
  let shown = amount;
  if (amount.decimalPlaces() > decimals) {
    if (options.rounding === undefined) {
      throw new IncassoError(
        "SUBUNIT_AMOUNT",
        `amount: expected at most ${decimals} decimals to format, or a rounding mode (got: ${amount.toString()})`,
      );
    }
    shown = roundDecimal(amount, decimals, options.rounding);
  }
  const negative = shown.isNegative() && !shown.isZero();
  const [integerDigits = "0", fraction = ""] = shown.abs().toFixed(decimals).split(".");
  const grouped =
    options.grouping === false
      ? integerDigits
      : integerDigits.replace(/\B(?=(\d{3})+(?!\d))/g, format.group);
  const number = fraction === "" ? grouped : `${grouped}${format.decimal}${fraction}`;
  if (!isMoney) return `${negative ? "-" : ""}${number}`;
  return format.money(number, currencyOf(value.currency).symbol, negative);
}

/**
 * The decimal separator of a locale, for reading back what {@link formatAmount} wrote.
 *
 * @example
 * ```ts
 * import { decimalSeparatorOf } from "@incasso/core";
 * decimalSeparatorOf("fr-BE"); // ","
 * ```
 */
export function decimalSeparatorOf(locale: AmountLocale): "," | "." {
  return FORMATS[locale].decimal;
}
