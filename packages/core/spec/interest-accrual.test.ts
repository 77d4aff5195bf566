import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { computeStatement, MoneyDecimal, parseCaseFile } from "../src/index.js";
import { caseJson, cents, interestTerms } from "./support/case-arbitraries.js";

const days = fc.integer({ min: 1, max: 700 });

describe("interest accrual", () => {
  test.prop([cents(1, 10_000_000), fc.integer({ min: 0, max: 3000 }), days, days])(
    "interest is additive over a split of the period when base and rate do not change (within the cent of rounding)",
    (principal, rateBp, first, second) => {
      const at = (asOf: string, start: string) =>
        computeStatement(
          parseCaseFile({
            asOf,
            terms: {
              interest: { rate: { fixed: (rateBp / 100).toString() }, start: { date: start } },
            },
            claims: [{ id: "F1", principal, dueDate: "2015-01-01" }],
          }),
        ).totals.interestAccrued;
      const day = (n: number) => {
        const d = new Date(Date.UTC(2016, 0, 1 + n));
        return d.toISOString().slice(0, 10);
      };
      const whole = at(day(first + second - 1), day(0));
      const firstPart = at(day(first - 1), day(0));
      const secondPart = at(day(first + second - 1), day(first));
      expect(whole.minus(firstPart.plus(secondPart)).abs().lte("0.01")).toBe(true);
    },
  );

  test.prop([caseJson, interestTerms])(
    "a claim paid in full on or before its due date bears no interest from the day after",
    (file, terms) => {
      fc.pre(
        terms.start === undefined ||
          terms.start === "day-after-due" ||
          typeof terms.start === "object",
      );
      const claim = (file.claims ?? [])[0];
      if (claim === undefined) return;
      const single = {
        asOf: file.asOf,
        terms: { interest: terms },
        claims: [claim],
        payments: [{ id: "P", date: claim.dueDate, amount: claim.principal }],
      };
      const statement = computeStatement(parseCaseFile(single));
      expect(statement.totals.interestAccrued.isZero()).toBe(true);
      expect(statement.totals.balance.isZero()).toBe(true);
    },
  );

  test.prop([caseJson], { numRuns: 150 })(
    "yearly compounding never yields less than simple interest over the same period, but for the rounding of each line",
    (file) => {
      const interest = file.terms?.interest;
      fc.pre(interest != null);
      const run = (compounding: "none" | "yearly") =>
        computeStatement(
          parseCaseFile({
            ...file,
            payments: [],
            terms: { ...file.terms, interest: { ...interest, compounding } },
          }),
        );
      const compound = run("yearly");
      const simple = run("none");
      // Each line is rounded to the cent (at most half a cent off), so the exact law
      // compound >= simple holds for the rounded totals up to half a cent per line of either.
      const tolerance = new MoneyDecimal("0.005").times(
        compound.interestLines.length + simple.interestLines.length,
      );
      expect(
        compound.totals.interestAccrued.plus(tolerance).gte(simple.totals.interestAccrued),
      ).toBe(true);
    },
  );

  test.prop([caseJson], { numRuns: 150 })(
    "paying the full balance on the statement date leaves nothing owed",
    (file) => {
      const once = computeStatement(parseCaseFile(file));
      fc.pre(once.totals.balance.gt(0));
      fc.pre(
        file.terms?.penalty == null ||
          (file.terms.penaltyDate !== undefined && file.terms.penaltyDate < file.asOf),
      );
      const payment = { id: "SETTLE", date: file.asOf, amount: once.totals.balance.toFixed(2) };
      const settled = computeStatement(
        parseCaseFile({ ...file, payments: [...(file.payments ?? []), payment] }),
      );
      expect(settled.totals.balance.equals(new MoneyDecimal(0))).toBe(true);
      expect(settled.totals.credit.isZero()).toBe(true);
    },
  );
});
