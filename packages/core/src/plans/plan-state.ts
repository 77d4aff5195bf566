import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { fromEpochDay, toEpochDay } from "../dates/epoch-day.js";
import { MoneyDecimal } from "../money/decimal.js";
import type { Instalment, PlanProposal } from "./propose-plan.js";

/**
 * A payment towards a plan: its date and amount, and optionally the instalment it designates
 * (the reference on the transfer).
 *
 * @example
 * ```ts
 * import { MoneyDecimal, parseIsoDate, type PlanPayment } from "@incasso/core";
 * const payment: PlanPayment = { id: "T1", date: parseIsoDate("2026-03-02"), amount: new MoneyDecimal("150.00") };
 * ```
 */
export interface PlanPayment {
  readonly id: string;
  readonly date: Temporal.PlainDate;
  readonly amount: Decimal;
  readonly instalment?: number;
}

/**
 * An instalment as of a date: what was paid on it, when it was paid in full, and its status
 * (`paid`, `partly-paid` before its due date, `due` today, `overdue` after, `upcoming`).
 *
 * @example
 * ```ts
 * import type { InstalmentState } from "@incasso/core";
 * const late = (i: InstalmentState) => i.status === "overdue" && i.daysLate > 14;
 * ```
 */
export interface InstalmentState {
  readonly instalment: Instalment;
  readonly paid: Decimal;
  readonly paidInFullOn: Temporal.PlainDate | null;
  readonly status: "paid" | "partly-paid" | "due" | "overdue" | "upcoming";
  /** Days late: past the due date while unpaid, or how late it was paid in full. */
  readonly daysLate: number;
}

/**
 * A plan as of a date: `active`, `in-arrears`, `defaulted` (by the plan's rule, with the date),
 * `completed` or `cancelled`; the instalments, what was paid, what is overdue and any credit.
 *
 * @example
 * ```ts
 * import type { PlanState } from "@incasso/core";
 * const resumeScenario = (state: PlanState) => state.status === "defaulted";
 * ```
 */
export interface PlanState {
  readonly status: "active" | "in-arrears" | "defaulted" | "completed" | "cancelled";
  readonly instalments: readonly InstalmentState[];
  readonly paid: Decimal;
  readonly overdue: Decimal;
  readonly outstanding: Decimal;
  readonly credit: Decimal;
  /** The day the plan defaulted by its rule, if it did by the date. */
  readonly defaultedOn: Temporal.PlainDate | null;
}

const ZERO = new MoneyDecimal(0);
const before = (a: Temporal.PlainDate, b: Temporal.PlainDate) =>
  Temporal.PlainDate.compare(a, b) < 0;

/**
 * The state of a plan as of a date, from the payments up to that date (later ones do not count).
 * Payments go first to the instalment they designate, then to the oldest unpaid instalments.
 * Default follows the plan's rule: `missed-instalments` (that many instalments unpaid at the same
 * time, each counted as missed the day after its due date plus the grace days) or `days-late` (one
 * instalment unpaid more than that many days after its due date).
 *
 * @example
 * ```ts
 * import { parseIsoDate, planState, proposePlan } from "@incasso/core";
 * const result = proposePlan({ amount: "300.00", firstDueDate: "2026-03-02", frequency: "monthly", schedule: { count: 3 } });
 * if (result.ok) planState(result.plan, [], parseIsoDate("2026-06-30")).status; // "defaulted"
 * ```
 */
export function planState(
  plan: PlanProposal,
  payments: readonly PlanPayment[],
  asOf: Temporal.PlainDate,
  options: { readonly cancelledOn?: Temporal.PlainDate } = {},
): PlanState {
  const counted = payments
    .map((payment, index) => ({ payment, index }))
    .filter(({ payment }) => !before(asOf, payment.date))
    .sort((a, b) => Temporal.PlainDate.compare(a.payment.date, b.payment.date) || a.index - b.index)
    .map(({ payment }) => payment);
  const paid = plan.instalments.map(() => ZERO);
  // An instalment of nothing (a tiny plan split into many parts) is settled on its due date.
  const fullOn: (Temporal.PlainDate | null)[] = plan.instalments.map((instalment) =>
    instalment.amount.lte(0) && !before(asOf, instalment.dueDate) ? instalment.dueDate : null,
  );
  let credit = ZERO;
  const pay = (index: number, amount: Decimal, date: Temporal.PlainDate): Decimal => {
    const instalment = plan.instalments[index] as Instalment;
    const open = instalment.amount.minus(paid[index] as Decimal);
    const part = MoneyDecimal.min(open, amount);
    if (part.lte(0)) return amount;
    paid[index] = (paid[index] as Decimal).plus(part);
    if ((paid[index] as Decimal).gte(instalment.amount)) fullOn[index] = date;
    return amount.minus(part);
  };
  for (const payment of counted) {
    let left = payment.amount;
    const designated = plan.instalments.findIndex(
      (instalment) => instalment.number === payment.instalment,
    );
    if (designated >= 0) left = pay(designated, left, payment.date);
    for (let index = 0; index < plan.instalments.length && left.gt(0); index++)
      left = pay(index, left, payment.date);
    credit = credit.plus(left);
  }
  const states: InstalmentState[] = plan.instalments.map((instalment, index) => {
    const full = fullOn[index] ?? null;
    const amountPaid = paid[index] as Decimal;
    const status: InstalmentState["status"] =
      full !== null
        ? "paid"
        : before(instalment.dueDate, asOf)
          ? "overdue"
          : instalment.dueDate.equals(asOf)
            ? "due"
            : amountPaid.gt(0)
              ? "partly-paid"
              : "upcoming";
    const daysLate =
      full !== null
        ? Math.max(0, instalment.dueDate.until(full).days)
        : status === "overdue"
          ? instalment.dueDate.until(asOf).days
          : 0;
    return { instalment, paid: amountPaid, paidInFullOn: full, status, daysLate };
  });
  const defaultedOn = defaultDate(plan, fullOn, asOf);
  const overdue = states
    .filter((state) => state.status === "overdue")
    .reduce((sum, state) => sum.plus(state.instalment.amount.minus(state.paid)), ZERO);
  const totalPaid = paid.reduce((sum, value) => sum.plus(value), ZERO);
  const cancelled = options.cancelledOn !== undefined && !before(asOf, options.cancelledOn);
  const status: PlanState["status"] = cancelled
    ? "cancelled"
    : states.every((state) => state.status === "paid")
      ? "completed"
      : defaultedOn !== null
        ? "defaulted"
        : overdue.gt(0)
          ? "in-arrears"
          : "active";
  return {
    status,
    instalments: states,
    paid: totalPaid,
    overdue,
    outstanding: plan.totals.total.minus(totalPaid),
    credit,
    defaultedOn,
  };
}

/**
 * The day an instalment counts against the plan's default rule when it is still unpaid: the day
 * after its due date plus the grace days (`missed-instalments`) or plus the allowed days late
 * (`days-late`). Reminders of an instalment are never dated after it.
 *
 * @example
 * ```ts
 * import { instalmentDefaultDate, proposePlan } from "@incasso/core";
 * const result = proposePlan({ amount: "300.00", firstDueDate: "2026-03-02", frequency: "monthly", schedule: { count: 3 } });
 * if (result.ok) instalmentDefaultDate(result.plan, result.plan.instalments[0]!).toString(); // "2026-03-03"
 * ```
 */
export function instalmentDefaultDate(
  plan: PlanProposal,
  instalment: Instalment,
): Temporal.PlainDate {
  const rule = plan.defaultRule;
  return instalment.dueDate.add({
    days: (rule.kind === "days-late" ? rule.days : rule.graceDays) + 1,
  });
}

function defaultDate(
  plan: PlanProposal,
  fullOn: readonly (Temporal.PlainDate | null)[],
  asOf: Temporal.PlainDate,
): Temporal.PlainDate | null {
  // Epoch days: this runs a candidate by instalment comparison, so it stays in integers.
  const rule = plan.defaultRule;
  const limit = toEpochDay(asOf);
  const paid = fullOn.map((date) => (date === null ? null : toEpochDay(date)));
  const missedFrom = plan.instalments.map((instalment, index) => {
    const from = toEpochDay(instalmentDefaultDate(plan, instalment));
    const paidOn = paid[index] ?? null;
    return paidOn === null || paidOn >= from ? from : null;
  });
  const candidates = missedFrom
    .filter((day): day is number => day !== null && day <= limit)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return null;
  if (rule.kind === "days-late") return fromEpochDay(first);
  for (const day of candidates) {
    let missed = 0;
    missedFrom.forEach((from, index) => {
      const paidOn = paid[index] ?? null;
      if (from !== null && from <= day && (paidOn === null || paidOn >= day)) missed++;
    });
    if (missed >= rule.count) return fromEpochDay(day);
  }
  return null;
}

/**
 * A promise to pay (one amount by a date) as of a date: `open`, `kept` (paid in full by the due
 * date), `partly-kept` (paid in part by the due date) or `broken` (nothing by the due date); the
 * same machinery as a one-instalment plan.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, parseIsoDate, promiseState } from "@incasso/core";
 * promiseState({ amount: new MoneyDecimal("200.00"), dueDate: parseIsoDate("2026-01-15") }, [], parseIsoDate("2026-01-20")); // "broken"
 * ```
 */
export function promiseState(
  promise: { readonly amount: Decimal; readonly dueDate: Temporal.PlainDate },
  payments: readonly PlanPayment[],
  asOf: Temporal.PlainDate,
): "open" | "kept" | "partly-kept" | "broken" {
  const byDue = payments.filter(
    (payment) => !before(promise.dueDate, payment.date) && !before(asOf, payment.date),
  );
  const paid = byDue.reduce((sum, payment) => sum.plus(payment.amount), ZERO);
  if (paid.gte(promise.amount)) return "kept";
  if (!before(promise.dueDate, asOf)) return "open";
  return paid.gt(0) ? "partly-kept" : "broken";
}
