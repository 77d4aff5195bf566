import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { toEpochDay } from "../dates/epoch-day.js";
import { MoneyDecimal } from "../money/decimal.js";
import { dateOf } from "../statement/engine/engine-state.js";
import { fromUnits, toUnits, unitScale } from "./plan-units.js";
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
 * Computed in exact integers: amounts as bigint units of the finest decimal place among them
 * (cents, as a rule), dates as epoch days; the differential test plans-differential.test.ts proves
 * it identical to the same rules in decimal arithmetic.
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
  const today = toEpochDay(asOf);
  const instalments = plan.instalments;
  const count = instalments.length;
  const scale = unitScale(instalments, payments, plan.totals.total);
  const due: number[] = new Array(count);
  const amount: bigint[] = new Array(count);
  const paid: bigint[] = new Array(count);
  const fullOn: (Temporal.PlainDate | null)[] = new Array(count);
  const fullDay: number[] = new Array(count);
  const firstByNumber = new Map<number, number>();
  for (let index = 0; index < count; index++) {
    const instalment = instalments[index] as Instalment;
    const day = toEpochDay(instalment.dueDate);
    due[index] = day;
    amount[index] = toUnits(instalment.amount, scale);
    paid[index] = 0n;
    // An instalment of nothing (a tiny plan split into many parts) is settled on its due date.
    const settled = (amount[index] as bigint) <= 0n && day <= today;
    fullOn[index] = settled ? instalment.dueDate : null;
    fullDay[index] = settled ? day : NOT_PAID;
    if (!firstByNumber.has(instalment.number)) firstByNumber.set(instalment.number, index);
  }
  const counted: { payment: PlanPayment; day: number; index: number }[] = [];
  payments.forEach((payment, index) => {
    const day = toEpochDay(payment.date);
    if (day <= today) counted.push({ payment, day, index });
  });
  counted.sort((a, b) => a.day - b.day || a.index - b.index);

  let credit = 0n;
  // Every instalment before `firstOpen` is paid in full; paying only ever closes instalments.
  let firstOpen = 0;
  const pay = (index: number, left: bigint, entry: { payment: PlanPayment; day: number }) => {
    const open = (amount[index] as bigint) - (paid[index] as bigint);
    const part = open < left ? open : left;
    if (part <= 0n) return left;
    paid[index] = (paid[index] as bigint) + part;
    if ((paid[index] as bigint) >= (amount[index] as bigint)) {
      fullOn[index] = entry.payment.date;
      fullDay[index] = entry.day;
    }
    return left - part;
  };
  for (const entry of counted) {
    let left = toUnits(entry.payment.amount, scale);
    const number = entry.payment.instalment;
    const designated = number === undefined ? undefined : firstByNumber.get(number);
    if (designated !== undefined) left = pay(designated, left, entry);
    while (firstOpen < count && (paid[firstOpen] as bigint) >= (amount[firstOpen] as bigint))
      firstOpen++;
    for (let index = firstOpen; index < count && left > 0n; index++) left = pay(index, left, entry);
    credit += left;
  }

  let overdue = 0n;
  let totalPaid = 0n;
  let allPaid = true;
  const states: InstalmentState[] = new Array(count);
  for (let index = 0; index < count; index++) {
    const day = due[index] as number;
    const full = fullOn[index] ?? null;
    const amountPaid = paid[index] as bigint;
    totalPaid += amountPaid;
    const status: InstalmentState["status"] =
      full !== null
        ? "paid"
        : day < today
          ? "overdue"
          : day === today
            ? "due"
            : amountPaid > 0n
              ? "partly-paid"
              : "upcoming";
    if (status !== "paid") allPaid = false;
    if (status === "overdue") overdue += (amount[index] as bigint) - amountPaid;
    const daysLate =
      full !== null
        ? Math.max(0, (fullDay[index] as number) - day)
        : status === "overdue"
          ? today - day
          : 0;
    states[index] = {
      instalment: instalments[index] as Instalment,
      paid: fromUnits(amountPaid, scale),
      paidInFullOn: full,
      status,
      daysLate,
    };
  }
  const defaultedOn = defaultDate(plan, due, fullDay, today);
  const cancelled = options.cancelledOn !== undefined && toEpochDay(options.cancelledOn) <= today;
  const status: PlanState["status"] = cancelled
    ? "cancelled"
    : allPaid
      ? "completed"
      : defaultedOn !== null
        ? "defaulted"
        : overdue > 0n
          ? "in-arrears"
          : "active";
  return {
    status,
    instalments: states,
    paid: fromUnits(totalPaid, scale),
    overdue: fromUnits(overdue, scale),
    outstanding: fromUnits(toUnits(plan.totals.total, scale) - totalPaid, scale),
    credit: fromUnits(credit, scale),
    defaultedOn,
  };
}

/** The epoch day of an instalment not paid in full. */
const NOT_PAID = Number.POSITIVE_INFINITY;

/**
 * The days after its due date on which an unpaid instalment counts against the plan's default
 * rule: the grace days (`missed-instalments`) or the allowed days late (`days-late`), plus one.
 *
 * @internal
 */
export function defaultDelay(plan: PlanProposal): number {
  const rule = plan.defaultRule;
  return (rule.kind === "days-late" ? rule.days : rule.graceDays) + 1;
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
  return instalment.dueDate.add({ days: defaultDelay(plan) });
}

function defaultDate(
  plan: PlanProposal,
  due: readonly number[],
  fullDay: readonly number[],
  today: number,
): Temporal.PlainDate | null {
  const rule = plan.defaultRule;
  const delay = defaultDelay(plan);
  // The day each instalment counts as missed, unless it was paid in full before that day.
  const missedFrom = due.map((day, index) => {
    const from = day + delay;
    return (fullDay[index] as number) >= from ? from : null;
  });
  const candidates = missedFrom
    .filter((day): day is number => day !== null && day <= today)
    .sort((a, b) => a - b);
  const first = candidates[0];
  if (first === undefined) return null;
  if (rule.kind === "days-late") return dateOf(first);
  // Missed on day D: counted from a day on or before D and not paid in full before D. Every
  // instalment paid before D was counted before it too, so a sweep over both sorted lists counts
  // them: (counted by D) - (paid before D).
  const paidDays = missedFrom
    .flatMap((from, index) => (from === null ? [] : [fullDay[index] as number]))
    .sort((a, b) => a - b);
  let counted = 0;
  let paidBefore = 0;
  for (const day of candidates) {
    while (counted < candidates.length && (candidates[counted] as number) <= day) counted++;
    while (paidBefore < paidDays.length && (paidDays[paidBefore] as number) < day) paidBefore++;
    if (counted - paidBefore >= rule.count) return dateOf(day);
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
