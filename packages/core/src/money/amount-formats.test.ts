import { describe, expect, it } from "vitest";
import { formatAmount, IncassoError, Money, parseAmount, parseMoney } from "../index.js";

describe("parseAmount", () => {
  it.each([
    ["1234.56", "1234.56"],
    ["1234,56", "1234.56"],
    ["1.234,56", "1234.56"],
    ["1 234,56", "1234.56"],
    ["1\u00a0234,56", "1234.56"],
    ["1\u202f234,56", "1234.56"],
    ["1,234.56", "1234.56"],
    ["1.234.567", "1234567"],
    ["1,234,567.5", "1234567.5"],
    ["-1.234,56", "-1234.56"],
    ["€ 1.234,56", "1234.56"],
    ["€ -1.234,56", "-1234.56"],
    ["1 234,56 €", "1234.56"],
    ["12,5 EUR", "12.5"],
    ["0,123", "0.123"],
    ["1234,567", "1234.567"],
    ["  42  ", "42"],
  ])("reads %j as %s", (text, expected) => {
    expect(parseAmount(text).toString()).toBe(expected);
  });

  it.each([["1.234"], ["1,234"], ["-999.000"]])(
    "refuses the ambiguous %j without a decimal separator",
    (text) => {
      expect(() => parseAmount(text)).toThrow(
        expect.objectContaining({ code: "AMBIGUOUS_AMOUNT" }),
      );
    },
  );

  it("resolves ambiguity with the decimal separator", () => {
    expect(parseAmount("1.234", { decimalSeparator: "," }).toString()).toBe("1234");
    expect(parseAmount("1.234", { decimalSeparator: "." }).toString()).toBe("1.234");
  });

  it.each([["1.23.456"], ["12a"], [""], ["1,234.56,7"], [",50"], ["1..2"], ["1e5"], ["--1"]])(
    "rejects %j, naming the field",
    (text) => {
      try {
        parseAmount(text, { field: "row 3, amount" });
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(IncassoError);
        expect((error as IncassoError).message).toMatch(/^row 3, amount: expected/);
      }
    },
  );

  it("reads money with at most two decimals", () => {
    expect(parseMoney("€ 1.234,5").toFixed()).toBe("1234.50");
    expect(() => parseMoney("1,2345")).toThrow(expect.objectContaining({ code: "SUBUNIT_AMOUNT" }));
  });
});

describe("formatAmount", () => {
  it("writes the formats of our letters", () => {
    const amount = Money.of("1234567.5");
    expect(formatAmount(amount, { locale: "nl-BE" })).toBe("€ 1.234.567,50");
    expect(formatAmount(amount, { locale: "fr-BE" })).toBe("1\u202f234\u202f567,50\u00a0€");
    expect(formatAmount(amount, { locale: "de-BE" })).toBe("1.234.567,50\u00a0€");
    expect(formatAmount(amount, { locale: "en" })).toBe("€1,234,567.50");
    expect(formatAmount(amount.negated(), { locale: "nl-NL" })).toBe("€ -1.234.567,50");
    expect(formatAmount("0.5")).toBe("0,50");
    expect(formatAmount("1234.5", { grouping: false, locale: "en" })).toBe("1234.50");
  });

  it("never rounds silently", () => {
    expect(() => formatAmount(Money.of("1.005"))).toThrow(
      expect.objectContaining({ code: "SUBUNIT_AMOUNT" }),
    );
    expect(formatAmount(Money.of("1.005"), { rounding: "half-up" })).toBe("€ 1,01");
  });
});
