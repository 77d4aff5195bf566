import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { allocate, Money, MoneyDecimal, splitEvenly } from "../src/index.js";

const cents = fc.bigInt({ min: -10_000_000_000n, max: 10_000_000_000n });
const amount = cents.map((c) => Money.of(new MoneyDecimal(c.toString()).dividedBy(100)));
const ratio = fc.oneof(
  fc.integer({ min: 0, max: 1_000_000 }).map(String),
  fc.integer({ min: 0, max: 99_999 }).map((n) => (n / 1000).toFixed(3)),
);
const ratios = fc
  .array(ratio, { minLength: 1, maxLength: 12 })
  .filter((list) => list.some((r) => Number(r) > 0));
const policy = fc.constantFrom("largest-remainder" as const, "first" as const, "last" as const);

describe("allocation of an amount into parts", () => {
  test.prop([amount, ratios, policy])(
    "the parts sum exactly to the whole",
    (whole, shares, remainder) => {
      expect(Money.sum(allocate(whole, shares, { remainder })).equals(whole)).toBe(true);
    },
  );

  test.prop([amount, ratios, policy])(
    "every part is a whole number of cents",
    (whole, shares, remainder) => {
      for (const part of allocate(whole, shares, { remainder }))
        expect(part.isRounded()).toBe(true);
    },
  );

  test.prop([amount, ratios])(
    "with largest remainders every part is within one cent of its exact share",
    (whole, shares) => {
      const total = shares.reduce((sum, r) => sum.plus(r), new MoneyDecimal(0));
      allocate(whole, shares).forEach((part, index) => {
        const exact = whole.amount.times(shares[index] ?? "0").dividedBy(total);
        expect(part.amount.minus(exact).abs().lessThan("0.01")).toBe(true);
      });
    },
  );

  test.prop([amount, ratios, policy])(
    "a part with ratio zero gets nothing",
    (whole, shares, remainder) => {
      allocate(whole, shares, { remainder }).forEach((part, index) => {
        if (Number(shares[index]) === 0) expect(part.isZero()).toBe(true);
      });
    },
  );

  test.prop([amount, ratios])(
    "allocating a negative amount mirrors the positive one",
    (whole, shares) => {
      const negative = allocate(whole.negated(), shares);
      allocate(whole, shares).forEach((part, index) => {
        expect(part.negated().equals(negative[index] ?? Money.zero())).toBe(true);
      });
    },
  );

  test.prop([amount, fc.integer({ min: 1, max: 48 })])(
    "an even split differs by at most one cent between parts, larger parts first",
    (whole, parts) => {
      const split = splitEvenly(whole.abs(), parts);
      const amounts = split.map((part) => part.amount);
      amounts.slice(1).forEach((current, index) => {
        const diff = (amounts[index] ?? current).minus(current);
        expect(diff.greaterThanOrEqualTo(0) && diff.lessThanOrEqualTo("0.01")).toBe(true);
      });
    },
  );
});
