import fc from "fast-check";
import { Temporal } from "temporal-polyfill";
import type { CaseFileJson } from "../../src/index.js";
import { parseCaseFile } from "../../src/index.js";

const FIRST = Temporal.PlainDate.from("2015-01-01");
const LAST = Temporal.PlainDate.from("2025-06-30"); // every built-in table is trusted through this day
const SPAN = FIRST.until(LAST).days;

export const dateBetween = (from: number, to: number) =>
  fc.integer({ min: from, max: to }).map((offset) => FIRST.add({ days: offset }).toString());
export const anyDay = dateBetween(0, SPAN);
export const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((value) => (value / 100).toFixed(2));

const rate = fc.oneof(
  fc
    .constantFrom("be.legal", "be.commercial", "nl.legal", "nl.commercial")
    .map((table) => ({ table })),
  fc.integer({ min: 0, max: 2000 }).map((bp) => ({ fixed: (bp / 100).toString() })),
);

export const interestTerms = fc.record(
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

export const penalty = fc.oneof(
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

export const imputation = fc.constantFrom(
  "costs-interest-principal" as const,
  "interest-costs-principal" as const,
  "principal-interest-costs" as const,
);

/** A case as the contract writes it, with dates in 2015 to mid-2025. */
export const caseJson: fc.Arbitrary<CaseFileJson> = fc
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
    interest: fc.option(interestTerms, { nil: undefined }),
    penalty: fc.option(penalty, { nil: undefined }),
    penaltyAt: fc.option(fc.integer({ min: -10, max: 1300 }), { nil: undefined }),
    imputation,
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

/** The same, parsed. */
export const caseFile = caseJson.map((json) => parseCaseFile(json));
