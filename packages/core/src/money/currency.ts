import { fieldError } from "../errors/incasso-error.js";

/**
 * A currency the money type knows: its ISO 4217 code, its number of minor-unit decimals and its
 * symbol for letters.
 *
 * @example
 * ```ts
 * import { CURRENCIES } from "@incasso/core";
 * CURRENCIES.EUR.minorUnits; // 2
 * ```
 */
export interface Currency {
  readonly code: string;
  readonly minorUnits: number;
  readonly symbol: string;
}

/**
 * The currencies Incasso handles, euro first (Belgium and the Netherlands), and the neighbouring
 * currencies a foreign debtor may owe in.
 *
 * @example
 * ```ts
 * import { CURRENCIES } from "@incasso/core";
 * Object.keys(CURRENCIES); // ["EUR", "GBP", "CHF", "USD"]
 * ```
 */
export const CURRENCIES = {
  EUR: { code: "EUR", minorUnits: 2, symbol: "€" },
  GBP: { code: "GBP", minorUnits: 2, symbol: "£" },
  CHF: { code: "CHF", minorUnits: 2, symbol: "CHF" },
  USD: { code: "USD", minorUnits: 2, symbol: "$" },
} as const satisfies Record<string, Currency>;

/**
 * An ISO 4217 code of one of the {@link CURRENCIES}.
 *
 * @example
 * ```ts
 * import type { CurrencyCode } from "@incasso/core";
 * const currency: CurrencyCode = "EUR";
 * ```
 */
export type CurrencyCode = keyof typeof CURRENCIES;

/**
 * Looks up a currency by code, with an error naming the field when the code is unknown.
 *
 * @example
 * ```ts
 * import { currencyOf } from "@incasso/core";
 * currencyOf("EUR").symbol; // "€"
 * ```
 */
export function currencyOf(code: string, field = "currency"): Currency {
  if (Object.hasOwn(CURRENCIES, code)) return CURRENCIES[code as CurrencyCode];
  throw fieldError(
    "UNKNOWN_CURRENCY",
    field,
    `expected one of ${Object.keys(CURRENCIES).join(", ")}`,
    code,
  );
}
