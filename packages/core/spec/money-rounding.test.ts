import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { Money, MoneyDecimal } from "../src/index.js";

const exact = fc
  .tuple(fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n }), fc.integer({ min: 0, max: 8 }))
  .map(([digits, scale]) =>
    Money.of(new MoneyDecimal(digits.toString()).dividedBy(new MoneyDecimal(10).pow(scale))),
  );

describe("money arithmetic and rounding", () => {
  test.prop([exact, exact])(
    "adding then subtracting an amount gives back the original exactly",
    (a, b) => {
      expect(a.plus(b).minus(b).equals(a)).toBe(true);
    },
  );

  test.prop([exact, exact, exact])(
    "addition is associative, so totals do not depend on order",
    (a, b, c) => {
      expect(
        a
          .plus(b)
          .plus(c)
          .equals(a.plus(b.plus(c))),
      ).toBe(true);
    },
  );

  test.prop([exact, fc.constantFrom("half-up" as const, "half-even" as const)])(
    "rounding to the cent moves an amount by at most half a cent",
    (a, mode) => {
      expect(a.round(mode).amount.minus(a.amount).abs().lessThanOrEqualTo("0.005")).toBe(true);
    },
  );

  test.prop([exact, fc.constantFrom("half-up" as const, "half-even" as const)])(
    "rounding twice is rounding once",
    (a, mode) => {
      expect(a.round(mode).round(mode).equals(a.round(mode))).toBe(true);
    },
  );

  test.prop([exact])("half-up and half-even differ only on an exact half cent", (a) => {
    const differ = !a.round("half-up").equals(a.round("half-even"));
    const isTie = a.amount.times(1000).mod(10).abs().equals(5) && a.amount.decimalPlaces() === 3;
    expect(differ).toBe(differ && isTie);
  });

  test.prop([exact])("half-up rounds a negative amount as the mirror of its positive", (a) => {
    expect(a.negated().round().equals(a.round().negated())).toBe(true);
  });
});

describe("no money through JS numbers", () => {
  test.prop([fc.double({ noNaN: true })])("a JS number is never accepted as an amount", (n) => {
    expect(() => Money.of(n as unknown as string)).toThrow(/INVALID|decimal/i);
  });
});
