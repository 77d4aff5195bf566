import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { PenaltyClause } from "../index.js";
import {
  B2B_COMPENSATION,
  beBook19Damages,
  MoneyDecimal,
  nlBikAmount,
  penaltyAmount,
} from "../index.js";
import { fromCentsText, toCents } from "../statement/cents.js";
import { penaltyCents } from "./penalty-clause.js";

const d = (value: string) => new MoneyDecimal(value);

describe("published collection-cost figures", () => {
  it("NL BIK: 6,000 gives 375 + 250 + 50 = 675 (E1)", () => {
    expect(nlBikAmount(d("6000")).toFixed(2)).toBe("675.00");
  });

  it("NL BIK with VAT: 1,000 gives 150, raised by 21 % to 181.50 (E2)", () => {
    expect(nlBikAmount(d("1000")).toFixed(2)).toBe("150.00");
    expect(nlBikAmount(d("1000"), d("21")).toFixed(2)).toBe("181.50");
  });

  it("NL BIK in court: 7,076.25 gives 728.81 (E3, Hof Den Haag 4-6-2019)", () => {
    expect(nlBikAmount(d("7076.25")).toFixed(2)).toBe("728.81");
  });

  it.each([
    ["100", "40.00"],
    ["266.67", "40.00"],
    ["2500", "375.00"],
    ["5000", "625.00"],
    ["10000", "875.00"],
    ["200000", "2775.00"],
    ["1000000", "6775.00"],
    ["2000000", "6775.00"],
  ])("NL BIK on %s is %s", (principal, fee) => {
    expect(nlBikAmount(d(principal)).toFixed(2)).toBe(fee);
  });

  it.each([
    ["100", "20.00"],
    ["150", "20.00"],
    ["150.01", "30.00"],
    ["200", "35.00"],
    ["500", "65.00"],
    ["1000", "90.00"],
    ["10000", "540.00"],
    ["39200", "2000.00"],
    ["100000", "2000.00"],
  ])("BE Book XIX damages on %s are %s", (outstanding, damages) => {
    expect(beBook19Damages(d(outstanding)).toFixed(2)).toBe(damages);
  });

  it("applies a percent clause with its minimum and maximum", () => {
    const clause = { kind: "percent", percent: d("10"), min: d("50"), max: d("2500") } as const;
    expect(penaltyAmount(clause, d("320")).toFixed(2)).toBe("50.00");
    expect(penaltyAmount(clause, d("1234.55")).toFixed(2)).toBe("123.46");
    expect(penaltyAmount(clause, d("90000")).toFixed(2)).toBe("2500.00");
    expect(penaltyAmount(clause, d("0")).toFixed(2)).toBe("0.00");
  });
});

describe("the B2B compensation", () => {
  it("is 40 EUR whatever the principal, and nothing once the principal is paid", () => {
    expect(penaltyAmount(B2B_COMPENSATION, d("1200")).toFixed(2)).toBe("40.00");
    expect(penaltyAmount(B2B_COMPENSATION, d("0.01")).toFixed(2)).toBe("40.00");
    expect(penaltyAmount(B2B_COMPENSATION, d("0")).toFixed(2)).toBe("0.00");
  });
});

describe("the scales in integer cents (the statement engine's) against decimal arithmetic", () => {
  const decimalCents = (clause: PenaltyClause, base: bigint) =>
    toCents(penaltyAmount(clause, fromCentsText(base)), "penalty");
  const integerCents = (clause: PenaltyClause, base: bigint) =>
    penaltyCents(clause, base, (amount) => toCents(amount, "penalty"));

  /** Every bracket boundary of the scales in cents, where the floor and cap start to bite. */
  const boundaries = [
    0n, // nothing owed
    15_000n, // Book XIX: 150
    26_667n, // BIK: 15 % reaches the minimum of 40 at 266.67
    50_000n, // Book XIX: 500
    250_000n, // BIK: 2,500
    500_000n, // BIK: 5,000
    1_000_000n, // BIK: 10,000
    3_920_000n, // Book XIX: the cap of 2,000 at 39,200
    20_000_000n, // BIK: 200,000
    100_000_000n, // BIK: the cap of 6,775 at 1,000,000
  ];
  const base = fc.oneof(
    fc
      .tuple(fc.constantFrom(...boundaries), fc.integer({ min: -3, max: 3 }))
      .map(([boundary, delta]) => boundary + BigInt(delta)),
    fc.bigInt({ min: -100n, max: 10_000_000n }),
    fc.bigInt({ min: 0n, max: 99_999_999_999_999n }),
  );
  /** Percentages with up to 6 decimals (the case file's), and some finer ones. */
  const percent = fc.oneof(
    fc.integer({ min: 0, max: 100_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(1_000_000)),
    fc
      .bigInt({ min: 0n, max: 10n ** 20n })
      .map((n) => new MoneyDecimal(n.toString()).dividedBy("1e18")),
  );
  /** Amounts for a minimum or maximum: whole cents mostly, some finer. */
  const bound = fc.oneof(
    fc.integer({ min: 0, max: 10_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(100)),
    fc.integer({ min: 0, max: 10_000_000 }).map((n) => new MoneyDecimal(n).dividedBy(1000)),
  );
  const clause: fc.Arbitrary<PenaltyClause> = fc.oneof(
    fc.constant<PenaltyClause>({ kind: "nl.bik" }),
    percent.map<PenaltyClause>((vatPercent) => ({ kind: "nl.bik", vatPercent })),
    fc.constant<PenaltyClause>({ kind: "be.book19" }),
    fc
      .tuple(percent, fc.option(bound, { nil: undefined }), fc.option(bound, { nil: undefined }))
      .map<PenaltyClause>(([p, min, max]) => ({
        kind: "percent",
        percent: p,
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      })),
    fc
      .integer({ min: 0, max: 100_000 })
      .map<PenaltyClause>((n) => ({ kind: "fixed", amount: new MoneyDecimal(n).dividedBy(100) })),
  );

  test.prop([clause, base], { numRuns: 2000 })(
    "every clause gives, in integer cents, the cents of the decimal amount (or the same error)",
    (penalty, cents) => {
      let expected: bigint | Error;
      try {
        expected = decimalCents(penalty, cents);
      } catch (error) {
        expected = error as Error;
      }
      if (expected instanceof Error)
        expect(() => integerCents(penalty, cents)).toThrow(expected.message);
      else expect(integerCents(penalty, cents)).toBe(expected);
    },
  );

  it.each(boundaries.flatMap((boundary) => [-1n, 0n, 1n].map((delta) => boundary + delta)))(
    "the scales agree at %s cents, on either side of every bracket boundary",
    (cents) => {
      for (const penalty of [
        { kind: "nl.bik" },
        { kind: "nl.bik", vatPercent: d("21") },
        { kind: "be.book19" },
      ] satisfies PenaltyClause[])
        expect(integerCents(penalty, cents)).toBe(decimalCents(penalty, cents));
    },
  );
});
