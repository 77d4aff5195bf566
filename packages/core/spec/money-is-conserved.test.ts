import { test } from "@fast-check/vitest";
import type { Decimal } from "decimal.js";
import { describe, expect } from "vitest";
import { computeStatement, MoneyDecimal } from "../src/index.js";
import { caseFile } from "./support/case-arbitraries.js";

const sum = (values: readonly { amount: Decimal }[]) =>
  values.reduce((total, v) => total.plus(v.amount), new MoneyDecimal(0));

describe("imputation conserves money", () => {
  test.prop([caseFile], { numRuns: 200 })(
    "every euro paid is imputed somewhere or kept as credit: payments = imputed amounts + credit",
    (file) => {
      const statement = computeStatement(file);
      expect(
        sum(statement.allocations).plus(statement.totals.credit).equals(statement.totals.paid),
      ).toBe(true);
    },
  );

  test.prop([caseFile], { numRuns: 200 })("no bucket ever goes negative", (file) => {
    const statement = computeStatement(file);
    for (const claim of statement.claims) {
      expect(claim.principal.isNegative() && !claim.principal.isZero()).toBe(false);
      expect(claim.interest.isNegative() && !claim.interest.isZero()).toBe(false);
    }
    for (const charge of statement.charges) expect(charge.outstanding.gte(0)).toBe(true);
    expect(statement.totals.credit.gte(0)).toBe(true);
  });

  test.prop([caseFile], { numRuns: 200 })(
    "what is owed is what was charged less what was imputed: principal, interest and costs balance out",
    (file) => {
      const s = computeStatement(file);
      const principal = file.claims.reduce(
        (total, c) => total.plus(c.principal),
        new MoneyDecimal(0),
      );
      const charged = s.charges.reduce((total, c) => total.plus(c.amount), new MoneyDecimal(0));
      const owedBefore = principal.plus(s.totals.interestAccrued).plus(charged);
      const owedNow = s.totals.principal.plus(s.totals.interest).plus(s.totals.costs);
      expect(owedBefore.minus(sum(s.allocations)).equals(owedNow)).toBe(true);
    },
  );

  test.prop([caseFile], { numRuns: 100 })(
    "a credit exists only when nothing else is owed",
    (file) => {
      const s = computeStatement(file);
      if (s.totals.credit.gt(0)) {
        expect(
          s.totals.principal.isZero() && s.totals.interest.isZero() && s.totals.costs.isZero(),
        ).toBe(true);
      }
    },
  );
});
