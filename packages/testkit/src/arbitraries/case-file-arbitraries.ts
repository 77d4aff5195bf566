import type { CaseFile, CaseFileJson } from "@incasso/core";
import { parseCaseFile } from "@incasso/core";
import fc from "fast-check";
import { Temporal } from "temporal-polyfill";

const FIRST = Temporal.PlainDate.from("2015-01-01");
const LAST = Temporal.PlainDate.from("2025-06-30"); // every built-in table is trusted through this day
const SPAN = FIRST.until(LAST).days;

const dateBetween = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((offset) => FIRST.add({ days: offset }).toString());

/**
 * A fast-check arbitrary of an amount as the contract writes it (a decimal string with two
 * decimals), between two amounts given in cents.
 *
 * @param min - the least amount, in cents
 * @param max - the greatest amount, in cents
 * @example
 * ```ts
 * import { arbitraryAmount } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.sample(arbitraryAmount(100, 999), 1)[0]; // such as "4.37"
 * ```
 */
export const arbitraryAmount = (min: number, max: number): fc.Arbitrary<string> =>
  fc.integer({ min, max }).map((value) => (value / 100).toFixed(2));
const cents = arbitraryAmount;

const rate = fc.oneof(
  fc
    .constantFrom("be.legal", "be.commercial", "nl.legal", "nl.commercial")
    .map((table) => ({ table })),
  fc.integer({ min: 0, max: 2000 }).map((bp) => ({ fixed: (bp / 100).toString() })),
);

/**
 * A fast-check arbitrary of the interest terms of a case file: a rate table or a fixed rate, a
 * margin, compounding, the day count and the start of interest.
 *
 * @example
 * ```ts
 * import { arbitraryInterestTerms } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.sample(arbitraryInterestTerms, 1)[0]?.rate;
 * ```
 */
export const arbitraryInterestTerms = fc.record(
  {
    rate,
    margin: fc.constantFrom("0", "1", "2.5", "3"),
    compounding: fc.constantFrom("none" as const, "yearly" as const),
    dayCount: fc.constantFrom("act/365" as const, "act/act" as const, "act/360" as const),
    start: fc.oneof(
      fc.constantFrom("day-after-due" as const, "due-date" as const),
      dateBetween(SPAN - 1500, SPAN).map((date) => ({ date })),
    ),
  },
  { requiredKeys: ["rate"] },
);

/**
 * A fast-check arbitrary of a penalty clause or statutory scale: a percentage with a floor and a
 * cap, a fixed amount, the Dutch BIK (with or without VAT) or the Belgian Book XIX scale.
 *
 * @example
 * ```ts
 * import { arbitraryPenalty } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.sample(arbitraryPenalty, 1)[0]?.kind;
 * ```
 */
export const arbitraryPenalty = fc.oneof(
  fc.record({
    kind: fc.constant("percent" as const),
    percent: fc.constantFrom("5", "10", "15"),
    min: cents(0, 10000),
    max: cents(10000, 500000),
  }),
  fc.record({ kind: fc.constant("fixed" as const), amount: cents(0, 10000) }),
  fc.record({ kind: fc.constant("nl.bik" as const) }),
  fc.record({ kind: fc.constant("nl.bik" as const), vatPercent: fc.constant("21") }),
  fc.record({ kind: fc.constant("be.book19" as const) }),
);

/**
 * A fast-check arbitrary of an imputation order of payments.
 *
 * @example
 * ```ts
 * import { arbitraryImputation } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.sample(arbitraryImputation, 1)[0]; // such as "costs-interest-principal"
 * ```
 */
export const arbitraryImputation = fc.constantFrom(
  "costs-interest-principal" as const,
  "interest-costs-principal" as const,
  "principal-interest-costs" as const,
);

/**
 * A fast-check arbitrary of a case file as the contract writes it (claims, payments, charges,
 * interest, penalty, imputation), with dates from 2015 to mid-2025 spanning at most about four
 * years, as of a date every built-in rate table covers.
 *
 * @example
 * ```ts
 * import { arbitraryCaseFileJson } from "@incasso/testkit";
 * import { computeStatement, parseCaseFile } from "@incasso/core";
 * import fc from "fast-check";
 * fc.assert(fc.property(arbitraryCaseFileJson, (json) => computeStatement(parseCaseFile(json)).lines.length >= 0));
 * ```
 */
export const arbitraryCaseFileJson: fc.Arbitrary<CaseFileJson> = fc
  .record({
    asOf: fc.integer({ min: 1300, max: SPAN }),
    claims: fc.array(
      fc.record({ principal: cents(1, 5_000_000), due: fc.integer({ min: 0, max: 1200 }) }),
      { minLength: 1, maxLength: 3 },
    ),
    payments: fc.array(
      fc.record({ at: fc.integer({ min: -10, max: 1300 }), amount: cents(1, 3_000_000) }),
      { maxLength: 4 },
    ),
    charges: fc.array(
      fc.record({
        kind: fc.constantFrom("cost" as const, "interest" as const),
        at: fc.integer({ min: 0, max: 1300 }),
        amount: cents(1, 50000),
      }),
      { maxLength: 2 },
    ),
    interest: fc.option(arbitraryInterestTerms, { nil: undefined }),
    penalty: fc.option(arbitraryPenalty, { nil: undefined }),
    penaltyAt: fc.option(fc.integer({ min: -10, max: 1300 }), { nil: undefined }),
    imputation: arbitraryImputation,
  })
  .map((c) => {
    // Dates count back from the statement date, so every case spans at most about four years.
    const before = (days: number) => FIRST.add({ days: c.asOf - days }).toString();
    return {
      asOf: before(0),
      terms: {
        ...(c.interest ? { interest: c.interest } : {}),
        ...(c.penalty ? { penalty: c.penalty } : {}),
        ...(c.penaltyAt === undefined ? {} : { penaltyDate: before(c.penaltyAt) }),
        imputation: c.imputation,
      },
      claims: c.claims.map((claim, index) => ({
        id: `F${index + 1}`,
        principal: claim.principal,
        dueDate: before(claim.due),
      })),
      payments: c.payments.map((payment, index) => ({
        id: `P${index + 1}`,
        date: before(payment.at),
        amount: payment.amount,
      })),
      charges: c.charges.map((charge, index) => ({
        id: `K${index + 1}`,
        kind: charge.kind,
        date: before(charge.at),
        amount: charge.amount,
      })),
    };
  });

/**
 * A fast-check arbitrary of a parsed case file ({@link arbitraryCaseFileJson}, parsed).
 *
 * @example
 * ```ts
 * import { arbitraryCaseFile } from "@incasso/testkit";
 * import fc from "fast-check";
 * fc.sample(arbitraryCaseFile, 1)[0]?.claims.length;
 * ```
 */
export const arbitraryCaseFile: fc.Arbitrary<CaseFile> = arbitraryCaseFileJson.map((json) =>
  parseCaseFile(json),
);
