export { type AllocateOptions, allocate, type RemainderPolicy, splitEvenly } from "./allocate.js";
export { CURRENCIES, type Currency, type CurrencyCode, currencyOf } from "./currency.js";
export { type DecimalInput, MoneyDecimal, toDecimal } from "./decimal.js";
export {
  type AmountLocale,
  decimalSeparatorOf,
  type FormatAmountOptions,
  formatAmount,
} from "./format-amount.js";
export { Money, money } from "./money.js";
export { type ParseAmountOptions, parseAmount, parseMoney } from "./parse-amount.js";
export { type RoundingMode, roundDecimal } from "./rounding-mode.js";
