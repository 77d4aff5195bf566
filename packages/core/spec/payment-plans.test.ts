import { fc, test } from "@fast-check/vitest";
import { Temporal } from "temporal-polyfill";
import { describe, expect } from "vitest";
import type { PlanPayment, PlanProposal, PlanRequestJson } from "../src/index.js";
import {
  beCalendar,
  instalmentDefaultDate,
  MoneyDecimal,
  nlCalendar,
  planReminders,
  planState,
  proposePlan,
} from "../src/index.js";

const FIRST = Temporal.PlainDate.from("2024-01-01");
const date = (max: number) =>
  fc.integer({ min: 0, max }).map((n) => FIRST.add({ days: n }).toString());
const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((c) => (c / 100).toFixed(2));

const request: fc.Arbitrary<PlanRequestJson> = fc
  .record({
    amount: cents(100, 5_000_000),
    firstDueDate: date(700),
    count: fc.integer({ min: 1, max: 36 }),
    frequency: fc.constantFrom(
      "weekly" as const,
      "biweekly" as const,
      "monthly" as const,
      "quarterly" as const,
    ),
    calendar: fc.constantFrom("be" as const, "nl" as const),
    shift: fc.constantFrom(
      "following" as const,
      "preceding" as const,
      "modified-following" as const,
      "modified-preceding" as const,
    ),
    interest: fc.constantFrom(
      { kind: "none" as const },
      { kind: "running" as const, rate: { fixed: "8" } },
      { kind: "annuity" as const, rate: "6" },
    ),
    fee: fc.option(cents(0, 10000), { nil: undefined }),
    remainder: fc.constantFrom("first" as const, "last" as const),
    down: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
  })
  .map((r) => ({
    amount: r.amount,
    agreedOn: r.firstDueDate,
    firstDueDate: r.firstDueDate,
    schedule: { count: r.count },
    frequency: r.frequency,
    calendar: r.calendar,
    shift: r.shift,
    interest: r.interest,
    remainder: r.remainder,
    ...(r.fee ? { fee: r.fee } : {}),
    ...(r.down
      ? {
          downPayment: {
            amount: new MoneyDecimal(r.amount)
              .times(r.down)
              .dividedBy(100)
              .toDecimalPlaces(2, 1)
              .toFixed(2),
            dueDate: r.firstDueDate,
          },
        }
      : {}),
  }));

const proposal = request.map((r) => {
  const result = proposePlan(r);
  if (!result.ok) throw new Error(`${result.code}: ${result.message}`);
  return result.plan;
});
const onSchedule = (plan: PlanProposal): PlanPayment[] =>
  plan.instalments.map((instalment) => ({
    id: `T${instalment.number}`,
    date: instalment.dueDate,
    amount: instalment.amount,
  }));

describe("payment plans", () => {
  test.prop([proposal])(
    "the instalments sum exactly to the amount financed plus the plan's interest and fees",
    (plan) => {
      const sum = plan.instalments.reduce((total, i) => total.plus(i.amount), new MoneyDecimal(0));
      expect(
        sum.equals(plan.totals.financed.plus(plan.totals.interest).plus(plan.totals.fees)),
      ).toBe(true);
      const principal = plan.instalments.reduce(
        (total, i) => total.plus(i.principal),
        new MoneyDecimal(0),
      );
      expect(principal.equals(plan.totals.financed)).toBe(true);
      for (const instalment of plan.instalments)
        expect(instalment.amount.decimalPlaces()).toBeLessThanOrEqual(2);
    },
  );

  test.prop([proposal])(
    "every due date is a business day of the plan's calendar when a shift rule is set",
    (plan) => {
      const calendar = plan.request.calendar === "be" ? beCalendar() : nlCalendar();
      for (const instalment of plan.instalments)
        expect(calendar.isBusinessDay(instalment.dueDate)).toBe(true);
    },
  );

  test.prop([proposal, fc.integer({ min: 0, max: 2000 })])(
    "a plan paid exactly on schedule never defaults",
    (plan, after) => {
      const payments = onSchedule(plan);
      const last = plan.lastDueDate;
      for (const instalment of plan.instalments) {
        expect(planState(plan, payments, instalment.dueDate).defaultedOn).toBeNull();
      }
      const end = planState(plan, payments, last.add({ days: after }));
      expect(end.defaultedOn).toBeNull();
      expect(end.status).toBe("completed");
    },
  );

  test.prop([
    proposal,
    fc.array(fc.record({ day: fc.integer({ min: 0, max: 1500 }), amount: cents(1, 200000) }), {
      maxLength: 12,
    }),
    fc.integer({ min: 0, max: 1500 }),
  ])("the state as of a date depends only on the payments up to that date", (plan, raw, cut) => {
    const asOf = FIRST.add({ days: cut });
    const payments = raw.map((p, index) => ({
      id: `P${index}`,
      date: FIRST.add({ days: p.day }),
      amount: new MoneyDecimal(p.amount),
    }));
    const upTo = payments.filter((p) => Temporal.PlainDate.compare(p.date, asOf) <= 0);
    expect(planState(plan, payments, asOf)).toEqual(planState(plan, upTo, asOf));
  });

  test.prop([
    proposal,
    fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
    fc.boolean(),
    fc.array(fc.integer({ min: 1, max: 30 }), { maxLength: 3 }),
  ])(
    "the reminder dates of an instalment are in order and never after its default date",
    (plan, before, onDay, after) => {
      const reminders = planReminders(plan, { before, onDay, after });
      for (const instalment of plan.instalments) {
        const own = reminders.filter((r) => r.instalment === instalment.number).map((r) => r.date);
        for (let i = 1; i < own.length; i++)
          expect(
            Temporal.PlainDate.compare(
              own[i - 1] as Temporal.PlainDate,
              own[i] as Temporal.PlainDate,
            ),
          ).toBeLessThanOrEqual(0);
        for (const day of own)
          expect(
            Temporal.PlainDate.compare(day, instalmentDefaultDate(plan, instalment)),
          ).toBeLessThanOrEqual(0);
      }
    },
  );
});
