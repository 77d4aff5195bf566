import type { Decimal } from "decimal.js";
import { fieldError } from "../errors/incasso-error.js";
import type { CurrencyCode } from "./currency.js";
import { currencyOf } from "./currency.js";
import { MoneyDecimal } from "./decimal.js";
import { Money } from "./money.js";

/**
 * Options of {@link parseAmount}.
 *
 * @example
 * ```ts
 * import type { ParseAmountOptions } from "@incasso/core";
 * const options: ParseAmountOptions = { decimalSeparator: ",", field: "row 4, amount" };
 * ```
 */
export interface ParseAmountOptions {
  /**
   * The decimal separator the source uses. Without it, the separator is inferred and an input
   * that can be read two ways (`1.234`, `1,234`) is rejected with `AMBIGUOUS_AMOUNT`.
   */
  readonly decimalSeparator?: "," | ".";
  /** The field name used in error messages; `amount` by default. */
  readonly field?: string;
}

const SPACES = /[\u0020\u00a0\u202f]/;
const BODY = /^[0-9.,\u0020\u00a0\u202f]+$/;

/**
 * Reads an amount written the way our markets write it, exactly (never through a JS number):
 * `1234.56`, `1234,56`, `1.234,56` (nl, de), `1 234,56` (fr, with a space, no-break space or
 * narrow no-break space), `1,234.56` (en), with an optional sign and an optional `€`/`EUR`.
 *
 * When the separator is not given, the last of `.` and `,` is the decimal separator if both occur;
 * a single separator followed by other than three digits is the decimal separator; a separator
 * that repeats groups thousands. `1.234` and `1,234` are ambiguous and rejected unless
 * `decimalSeparator` says which is meant. Thousands groups must be well-formed (`1.23.456` is
 * rejected).
 *
 * @example
 * ```ts
 * import { parseAmount } from "@incasso/core";
 * parseAmount("1.234,56").toString(); // "1234.56"
 * parseAmount("1 234,56 €").toString(); // "1234.56"
 * parseAmount("1,234", { decimalSeparator: "," }).toString(); // "1.234"
 * ```
 */
export function parseAmount(text: string, options: ParseAmountOptions = {}): Decimal {
  const field = options.field ?? "amount";
  const fail = (expected: string): never => {
    throw fieldError("INVALID_AMOUNT", field, expected, text);
  };
  // Sign and currency in either order: "-€ 1,00", "€ -1,00", "-1,00 €", "EUR 1.00".
  const match =
    /^([+-]?)[\u0020\u00a0\u202f]*(?:€|EUR)?[\u0020\u00a0\u202f]*([+-]?)[\u0020\u00a0\u202f]*(.*?)[\u0020\u00a0\u202f]*(?:€|EUR)?$/i.exec(
      text.trim(),
    );
  const [, outerSign = "", innerSign = "", body = ""] = match ?? [];
  if (outerSign !== "" && innerSign !== "") return fail("expected at most one sign");
  const sign = outerSign === "-" || innerSign === "-" ? "-" : "";
  const rest = body;
  if (rest === "" || !BODY.test(rest) || !/^\d/.test(rest) || !/\d$/.test(rest)) {
    return fail("expected an amount such as 1234.56, 1.234,56 or 1 234,56");
  }
  const decimalSeparator = options.decimalSeparator ?? inferDecimalSeparator(rest, field, text);
  let integerPart = rest;
  let fraction = "";
  if (decimalSeparator !== undefined) {
    const at = rest.lastIndexOf(decimalSeparator);
    if (at >= 0) {
      integerPart = rest.slice(0, at);
      fraction = rest.slice(at + 1);
      if (!/^\d+$/.test(fraction)) return fail("expected only digits after the decimal separator");
    }
  }
  const digits = ungroup(integerPart);
  if (digits === undefined)
    return fail("expected thousands groups of three digits, such as 1.234.567");
  return new MoneyDecimal(`${sign}${digits}${fraction === "" ? "" : `.${fraction}`}`);
}

/**
 * Reads an amount of money with {@link parseAmount} and checks that it has no more decimals than
 * the currency's minor unit (`SUBUNIT_AMOUNT` otherwise).
 *
 * @example
 * ```ts
 * import { parseMoney } from "@incasso/core";
 * parseMoney("€ 1.234,50").toString(); // "1234.50 EUR"
 * ```
 */
export function parseMoney(
  text: string,
  currency: CurrencyCode = "EUR",
  options: ParseAmountOptions = {},
): Money {
  const amount = parseAmount(text, options);
  const { minorUnits } = currencyOf(currency);
  if (amount.decimalPlaces() > minorUnits) {
    throw fieldError(
      "SUBUNIT_AMOUNT",
      options.field ?? "amount",
      `expected at most ${minorUnits} decimals for ${currency}`,
      text,
    );
  }
  return Money.of(amount, currency);
}

function inferDecimalSeparator(body: string, field: string, text: string): "," | "." | undefined {
  const dots = count(body, ".");
  const commas = count(body, ",");
  if (dots > 0 && commas > 0) return body.lastIndexOf(".") > body.lastIndexOf(",") ? "." : ",";
  const separator = dots > 0 ? "." : commas > 0 ? "," : undefined;
  if (separator === undefined) return undefined;
  if ((dots || commas) > 1) return separator === "." ? "," : ".";
  const at = body.indexOf(separator);
  const before = body.slice(0, at);
  const after = body.slice(at + 1);
  if (after.length !== 3 || SPACES.test(before)) return separator;
  if (before === "0" || before.length > 3 || before.startsWith("0")) return separator;
  throw fieldError(
    "AMBIGUOUS_AMOUNT",
    field,
    `expected an unambiguous amount: "${body}" can mean ${before}${after} or ${before}.${after}; give the decimal separator`,
    text,
  );
}

function ungroup(integerPart: string): string | undefined {
  if (/^\d+$/.test(integerPart)) return integerPart;
  const separators = new Set(integerPart.replace(/\d/g, "").replace(/[\u0020\u00a0\u202f]/g, " "));
  if (separators.size !== 1) return undefined;
  const groups = integerPart.split(/[.,\u0020\u00a0\u202f]/);
  const [head, ...tail] = groups;
  if (head === undefined || !/^\d{1,3}$/.test(head)) return undefined;
  if (!tail.every((group) => /^\d{3}$/.test(group))) return undefined;
  return groups.join("");
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}
