import { fc, test } from "@fast-check/vitest";
import { Decimal } from "decimal.js";
import { describe, expect, it } from "vitest";
import { MoneyDecimal } from "../money/decimal.js";
import {
  fromCents,
  fromCentsText,
  interestCents,
  toCents,
  toCentsText,
  toExactRate,
} from "./cents.js";

/** Cents across every width of decimal.js's digit words, with the edges made likely. */
const cents = fc.oneof(
  fc.bigInt({ min: -1000n, max: 1000n }),
  fc.bigInt({ min: -(10n ** 16n), max: 10n ** 16n }),
  fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }),
  fc.constantFrom(
    0n,
    1n,
    -1n,
    9n,
    10n,
    99n,
    100n,
    999_999_999n,
    1_000_000_000n,
    1_000_000_001n,
    100_000_000_000_000n,
    BigInt(Number.MAX_SAFE_INTEGER),
    BigInt(Number.MAX_SAFE_INTEGER) + 1n,
    -BigInt(Number.MAX_SAFE_INTEGER),
  ),
);

/** Decimal arithmetic with digits to spare, so the reference rounds once, at the cent. */
const Exact = Decimal.clone({ precision: 80 });

const layout = (value: Decimal) => {
  const { d, e, s } = value as unknown as { d: number[]; e: number; s: number };
  return { d, e, s };
};

describe("the exact integer kernel's conversions", () => {
  test.prop([cents])(
    "a decimal laid out from cents is the decimal parsed from the same amount as text, digit for digit",
    (amount) => {
      const fast = fromCents(amount);
      const text = fromCentsText(amount);
      expect(layout(fast)).toEqual(layout(text));
      expect(fast.constructor).toBe(MoneyDecimal);
      expect(fast.toFixed(2)).toBe(text.toFixed(2));
      expect(fast.equals(text)).toBe(true);
      // It computes like any decimal.
      expect(fast.plus("0.01").minus(text).toFixed(2)).toBe("0.01");
    },
  );

  test.prop([cents])("cents read from a decimal are the cents its text shows", (amount) => {
    const value = new MoneyDecimal(fromCentsText(amount).toFixed(2));
    expect(toCents(value, "amount")).toBe(toCentsText(value));
    expect(toCents(value, "amount")).toBe(amount);
  });

  test.prop([cents])(
    "cents read from a decimal of another constructor are its cents too",
    (amount) => {
      const value = new Decimal(fromCentsText(amount).toString());
      expect(toCents(value, "amount")).toBe(amount);
    },
  );

  it("refuses fractions of a cent", () => {
    expect(() => toCents(new MoneyDecimal("0.001"), "case.claims.0.principal")).toThrow(
      /case\.claims\.0\.principal: expected whole cents/,
    );
  });

  test.prop([
    fc.bigInt({ min: 0n, max: 10n ** 12n }),
    fc.integer({ min: 0, max: 2000 }).map((n) => new MoneyDecimal(n).dividedBy(100)),
    fc.integer({ min: 1, max: 400 }),
    fc.constantFrom(360, 365, 366),
  ])(
    "interest in integers is the decimal product base × rate / 100 × days / divisor rounded half-up",
    (base, rate, days, divisor) => {
      const expected = new Exact(fromCentsText(base).toString())
        .times(rate.toString())
        .dividedBy(100)
        .times(days)
        .dividedBy(divisor)
        .toDecimalPlaces(2, Decimal.ROUND_HALF_UP)
        .toFixed(2);
      expect(fromCents(interestCents(base, toExactRate(rate), days, divisor)).toFixed(2)).toBe(
        expected,
      );
    },
  );

  test.prop([fc.bigInt({ min: 0n, max: 10n ** 12n }), fc.constantFrom(360, 365, 366)])(
    "a line of exactly half a cent more than whole cents rounds up (ties half-up)",
    (whole, divisor) => {
      // 1 % a year for a whole year: the interest is the base / 100 cents exactly.
      const base = whole * 100n + 50n;
      expect(interestCents(base, toExactRate(new MoneyDecimal(1)), divisor, divisor)).toBe(
        whole + 1n,
      );
      expect(interestCents(base - 1n, toExactRate(new MoneyDecimal(1)), divisor, divisor)).toBe(
        whole,
      );
    },
  );
});
