// The payment plan kernel in exact integers (plan-state.ts, plan-reminders.ts) against the same
// rules written in decimal arithmetic and Temporal dates, on generated plans and payments: the
// decimal version below is the implementation the integer kernel replaced, kept as the model.
import { fc, test } from "@fast-check/vitest";
import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { describe, expect } from "vitest";
import type {
  PlanPayment,
  PlanProposal,
  PlanReminder,
  PlanState,
  ReminderPolicy,
} from "../index.js";
import { MoneyDecimal, planReminders, planState, proposePlan } from "../index.js";

const ZERO = new MoneyDecimal(0);
const before = (a: Temporal.PlainDate, b: Temporal.PlainDate) =>
  Temporal.PlainDate.compare(a, b) < 0;
const limitOf = (plan: PlanProposal, dueDate: Temporal.PlainDate) => {
  const rule = plan.defaultRule;
  return dueDate.add({ days: (rule.kind === "days-late" ? rule.days : rule.graceDays) + 1 });
};

/** The decimal model of `planState`. */
function modelPlanState(
  plan: PlanProposal,
  payments: readonly PlanPayment[],
  asOf: Temporal.PlainDate,
  cancelledOn?: Temporal.PlainDate,
): PlanState {
  const counted = payments
    .map((payment, index) => ({ payment, index }))
    .filter(({ payment }) => !before(asOf, payment.date))
    .sort((a, b) => Temporal.PlainDate.compare(a.payment.date, b.payment.date) || a.index - b.index)
    .map(({ payment }) => payment);
  const paid: Decimal[] = plan.instalments.map(() => ZERO);
  const fullOn = plan.instalments.map((instalment) =>
    instalment.amount.lte(0) && !before(asOf, instalment.dueDate) ? instalment.dueDate : null,
  );
  let credit: Decimal = ZERO;
  const pay = (index: number, amount: Decimal, date: Temporal.PlainDate): Decimal => {
    const instalment = plan.instalments[index];
    if (instalment === undefined) return amount;
    const open = instalment.amount.minus(paid[index] as Decimal);
    const part = MoneyDecimal.min(open, amount);
    if (part.lte(0)) return amount;
    paid[index] = (paid[index] as Decimal).plus(part);
    if ((paid[index] as Decimal).gte(instalment.amount)) fullOn[index] = date;
    return amount.minus(part);
  };
  for (const payment of counted) {
    let left = payment.amount;
    const designated = plan.instalments.findIndex((i) => i.number === payment.instalment);
    if (designated >= 0) left = pay(designated, left, payment.date);
    for (let index = 0; index < plan.instalments.length && left.gt(0); index++)
      left = pay(index, left, payment.date);
    credit = credit.plus(left);
  }
  const states = plan.instalments.map((instalment, index) => {
    const full = fullOn[index] ?? null;
    const amountPaid = paid[index] as Decimal;
    const status = full
      ? ("paid" as const)
      : before(instalment.dueDate, asOf)
        ? ("overdue" as const)
        : instalment.dueDate.equals(asOf)
          ? ("due" as const)
          : amountPaid.gt(0)
            ? ("partly-paid" as const)
            : ("upcoming" as const);
    const daysLate = full
      ? Math.max(0, instalment.dueDate.until(full).days)
      : status === "overdue"
        ? instalment.dueDate.until(asOf).days
        : 0;
    return { instalment, paid: amountPaid, paidInFullOn: full, status, daysLate };
  });
  const rule = plan.defaultRule;
  const missedFrom = plan.instalments.map((instalment, index) => {
    const from = limitOf(plan, instalment.dueDate);
    const paidOn = fullOn[index] ?? null;
    return paidOn === null || Temporal.PlainDate.compare(paidOn, from) >= 0 ? from : null;
  });
  const candidates = missedFrom
    .filter((day): day is Temporal.PlainDate => day !== null && !before(asOf, day))
    .sort(Temporal.PlainDate.compare);
  let defaultedOn: Temporal.PlainDate | null = null;
  if (rule.kind === "days-late") defaultedOn = candidates[0] ?? null;
  else {
    for (const day of candidates) {
      const missed = missedFrom.filter((from, index) => {
        const paidOn = fullOn[index] ?? null;
        return (
          from !== null &&
          !before(day, from) &&
          (paidOn === null || Temporal.PlainDate.compare(paidOn, day) >= 0)
        );
      }).length;
      if (missed >= rule.count) {
        defaultedOn = day;
        break;
      }
    }
  }
  const overdue = states
    .filter((state) => state.status === "overdue")
    .reduce((sum, state) => sum.plus(state.instalment.amount.minus(state.paid)), ZERO);
  const totalPaid = paid.reduce((sum, value) => sum.plus(value), ZERO);
  const cancelled = cancelledOn !== undefined && !before(asOf, cancelledOn);
  return {
    status: cancelled
      ? "cancelled"
      : states.every((state) => state.status === "paid")
        ? "completed"
        : defaultedOn !== null
          ? "defaulted"
          : overdue.gt(0)
            ? "in-arrears"
            : "active",
    instalments: states,
    paid: totalPaid,
    overdue,
    outstanding: plan.totals.total.minus(totalPaid),
    credit,
    defaultedOn,
  };
}

/** The Temporal model of `planReminders`. */
function modelPlanReminders(plan: PlanProposal, policy: ReminderPolicy): PlanReminder[] {
  const reminders: PlanReminder[] = [];
  for (const instalment of plan.instalments) {
    const limit = limitOf(plan, instalment.dueDate);
    const add = (date: Temporal.PlainDate, kind: PlanReminder["kind"]) => {
      if (date.until(limit).days >= 0)
        reminders.push({
          instalment: instalment.number,
          date,
          kind,
          dueDate: instalment.dueDate,
          amount: instalment.amount,
        });
    };
    for (const days of [...policy.before].sort((a, b) => b - a))
      add(instalment.dueDate.subtract({ days }), "before");
    if (policy.onDay) add(instalment.dueDate, "on-day");
    for (const days of [...policy.after].sort((a, b) => a - b))
      add(instalment.dueDate.add({ days }), "after");
  }
  return reminders.sort(
    (a, b) => Temporal.PlainDate.compare(a.date, b.date) || a.instalment - b.instalment,
  );
}

/** A plan state as text: every amount with its exact digits, every date as ISO. */
const stateText = (state: PlanState) => ({
  status: state.status,
  paid: state.paid.toString(),
  overdue: state.overdue.toString(),
  outstanding: state.outstanding.toString(),
  credit: state.credit.toString(),
  defaultedOn: state.defaultedOn?.toString() ?? null,
  instalments: state.instalments.map((i) => ({
    number: i.instalment.number,
    paid: i.paid.toString(),
    paidInFullOn: i.paidInFullOn?.toString() ?? null,
    status: i.status,
    daysLate: i.daysLate,
  })),
});

const reminderText = (reminders: readonly PlanReminder[]) =>
  reminders.map((r) => `${r.instalment} ${r.kind} ${r.date} ${r.dueDate} ${r.amount.toString()}`);

const START = Temporal.PlainDate.from("2026-01-05");
const day = (offset: number) => START.add({ days: offset });
const money = (cents: number, places: 2 | 3) =>
  places === 2 ? new MoneyDecimal(cents).dividedBy(100) : new MoneyDecimal(cents).dividedBy(1000);

const planArbitrary = fc
  .record({
    amount: fc.integer({ min: 1, max: 5_000_000 }),
    count: fc.integer({ min: 1, max: 40 }),
    frequency: fc.constantFrom("weekly", "biweekly", "monthly", "quarterly"),
    firstDueDate: fc.integer({ min: 0, max: 60 }),
    fee: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    rule: fc.oneof(
      fc.record({
        kind: fc.constant("missed-instalments" as const),
        count: fc.integer({ min: 1, max: 4 }),
        graceDays: fc.integer({ min: 0, max: 20 }),
      }),
      fc.record({ kind: fc.constant("days-late" as const), days: fc.integer({ min: 1, max: 60 }) }),
    ),
  })
  .map((input) => {
    const result = proposePlan({
      amount: money(input.amount, 2).toFixed(2),
      firstDueDate: day(input.firstDueDate).toString(),
      frequency: input.frequency,
      schedule: { count: input.count },
      ...(input.fee === undefined ? {} : { fee: money(input.fee, 2).toFixed(2) }),
      default: input.rule,
    });
    if (!result.ok) throw new Error(result.code);
    return result.plan;
  });

const paymentsArbitrary = fc.array(
  fc.record({
    offset: fc.integer({ min: -10, max: 1400 }),
    cents: fc.integer({ min: -20_000, max: 400_000 }),
    // Now and then an amount with a third decimal place, which the kernel must hold exactly too.
    places: fc.constantFrom<2 | 3>(2, 2, 2, 2, 3),
    instalment: fc.option(fc.integer({ min: 0, max: 45 }), { nil: undefined }),
  }),
  { maxLength: 40 },
);

describe("the payment plan kernel in exact integers", () => {
  test.prop([
    planArbitrary,
    paymentsArbitrary,
    fc.integer({ min: -5, max: 1500 }),
    fc.option(fc.integer({ min: 0, max: 1500 }), { nil: undefined }),
  ])(
    "a plan's state computed in integer units and epoch days is the state computed in decimals and dates",
    (plan, generated, asOf, cancelled) => {
      const payments: PlanPayment[] = generated.map((payment, index) => ({
        id: `T${index}`,
        date: day(payment.offset),
        amount: money(payment.cents, payment.places),
        ...(payment.instalment === undefined ? {} : { instalment: payment.instalment }),
      }));
      const cancelledOn = cancelled === undefined ? undefined : day(cancelled);
      const options = cancelledOn === undefined ? {} : { cancelledOn };
      expect(stateText(planState(plan, payments, day(asOf), options))).toEqual(
        stateText(modelPlanState(plan, payments, day(asOf), cancelledOn)),
      );
    },
  );

  test.prop([
    planArbitrary,
    fc.record({
      before: fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 4 }),
      onDay: fc.boolean(),
      after: fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 4 }),
    }),
  ])(
    "a plan's reminders planned on epoch days are the reminders planned on dates, in the same order",
    (plan, policy) => {
      expect(reminderText(planReminders(plan, policy))).toEqual(
        reminderText(modelPlanReminders(plan, policy)),
      );
    },
  );
});
