import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import {
  decimalSeparatorOf,
  formatAmount,
  Money,
  MoneyDecimal,
  parseAmount,
  parseMoney,
} from "../src/index.js";

const money = fc
  .bigInt({ min: -(10n ** 14n), max: 10n ** 14n })
  .map((c) => Money.of(new MoneyDecimal(c.toString()).dividedBy(100)));
const locale = fc.constantFrom(
  "nl-BE" as const,
  "nl-NL" as const,
  "fr-BE" as const,
  "de-BE" as const,
  "en" as const,
);

describe("amounts as our markets write them", () => {
  test.prop([money, locale])("a formatted amount reads back to the same amount", (amount, loc) => {
    const text = formatAmount(amount, { locale: loc });
    const read = parseMoney(text, "EUR", { decimalSeparator: decimalSeparatorOf(loc) });
    expect(read.equals(amount)).toBe(true);
  });

  test.prop([money, locale])(
    "an amount with cents needs no hint: two decimals are never ambiguous",
    (amount, loc) => {
      const number = formatAmount(amount.amount, { locale: loc });
      expect(parseAmount(number).equals(amount.amount)).toBe(true);
    },
  );

  test.prop([
    fc.integer({ min: 1, max: 999 }),
    fc.integer({ min: 0, max: 999 }),
    fc.constantFrom(".", ","),
  ])(
    "one separator followed by exactly three digits is ambiguous without a hint",
    (head, tail, separator) => {
      const text = `${head}${separator}${String(tail).padStart(3, "0")}`;
      expect(() => parseAmount(text)).toThrow(/AMBIGUOUS|can mean/);
      expect(parseAmount(text, { decimalSeparator: "," }).toString()).toBe(
        separator === ","
          ? new MoneyDecimal(text.replace(",", ".")).toString()
          : text.replace(".", ""),
      );
    },
  );
});
