import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { beCalendar } from "../calendar/be-calendar.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { nlCalendar } from "../calendar/nl-calendar.js";
import { shiftDate } from "../calendar/shift-date.js";
import { addMonths } from "../dates/day-arithmetic.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { fromZodError } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import { splitEvenly } from "../money/allocate.js";
import { MoneyDecimal } from "../money/decimal.js";
import { Money } from "../money/money.js";
import { roundDecimal } from "../money/rounding-mode.js";
import type { RateTable } from "../rates/rate-table.js";
import { rateEntryOn } from "../rates/rate-table.js";
import { builtInRateTables } from "../rates/rates-file.js";
import type { PlanRequest } from "./plan-request.js";
import { planRequestSchema } from "./plan-request.js";

/**
 * One instalment of a plan: its number (0 for a down payment), the date the schedule gives and the
 * due date after the business-day rule, and what it pays: principal, interest, fee.
 *
 * @example
 * ```ts
 * import type { Instalment } from "@incasso/core";
 * const line = (i: Instalment) => `${i.number}. ${i.dueDate} ${i.amount.toFixed(2)}`;
 * ```
 */
export interface Instalment {
  readonly number: number;
  readonly nominalDate: Temporal.PlainDate;
  readonly dueDate: Temporal.PlainDate;
  readonly principal: Decimal;
  readonly interest: Decimal;
  readonly fee: Decimal;
  readonly amount: Decimal;
  /** The principal still to pay after this instalment. */
  readonly balanceAfter: Decimal;
}

/**
 * A payment plan proposal: everything a letter needs (the schedule, the totals, the payment
 * reference, the default rule), and the request it answers.
 *
 * @example
 * ```ts
 * import { proposePlan } from "@incasso/core";
 * const result = proposePlan({ amount: "900.00", firstDueDate: "2026-03-02", frequency: "monthly", schedule: { count: 3 } });
 * if (result.ok) result.plan.instalments.map((i) => i.amount.toFixed(2)); // ["300.00", "300.00", "300.00"]
 * ```
 */
export interface PlanProposal {
  readonly id: string;
  readonly request: PlanRequest;
  readonly instalments: readonly Instalment[];
  readonly totals: {
    readonly financed: Decimal;
    readonly interest: Decimal;
    readonly fees: Decimal;
    readonly total: Decimal;
  };
  readonly firstDueDate: Temporal.PlainDate;
  readonly lastDueDate: Temporal.PlainDate;
  readonly reference: string | null;
  readonly defaultRule: PlanRequest["default"];
  /** The plan this one replaces, after a renegotiation. */
  readonly replaces: string | null;
}

/**
 * Why a plan request cannot be met.
 *
 * @example
 * ```ts
 * import type { PlanRefusalCode } from "@incasso/core";
 * const code: PlanRefusalCode = "INSTALMENT_BELOW_MINIMUM";
 * ```
 */
export type PlanRefusalCode =
  | "NOTHING_TO_FINANCE"
  | "DOWN_PAYMENT_TOO_LARGE"
  | "END_DATE_BEFORE_FIRST_DUE_DATE"
  | "TOO_FEW_CUSTOM_DATES"
  | "INSTALMENT_BELOW_MINIMUM"
  | "DURATION_ABOVE_MAXIMUM"
  | "INSTALMENT_DOES_NOT_COVER_INTEREST"
  | "TOO_MANY_INSTALMENTS"
  | "ANNUITY_NEEDS_REGULAR_FREQUENCY";

/**
 * The answer to a plan request: the proposal, or the code and a sentence saying why it cannot be
 * met (an expected outcome, not an exception).
 *
 * @example
 * ```ts
 * import type { PlanResult } from "@incasso/core";
 * const explain = (result: PlanResult) => (result.ok ? "ok" : `${result.code}: ${result.message}`);
 * ```
 */
export type PlanResult =
  | { readonly ok: true; readonly plan: PlanProposal }
  | { readonly ok: false; readonly code: PlanRefusalCode; readonly message: string };

/**
 * Options of {@link proposePlan}.
 *
 * @example
 * ```ts
 * import { builtInRateTables, type PlanOptions } from "@incasso/core";
 * const options: PlanOptions = { rateTables: builtInRateTables() };
 * ```
 */
export interface PlanOptions {
  readonly rateTables?: ReadonlyMap<string, RateTable>;
  /** The plan this one replaces (renegotiation). */
  readonly replaces?: string;
}

const d = (value: string | number) => new MoneyDecimal(value);
const ZERO = d(0);
const PERIODS_PER_YEAR = { weekly: 52, biweekly: 26, monthly: 12, quarterly: 4 } as const;
let calendars: { be: BusinessCalendar; nl: BusinessCalendar } | undefined;
let tables: ReadonlyMap<string, RateTable> | undefined;

/**
 * Proposes a payment plan (afbetalingsplan) from a request: by number of instalments, by
 * instalment amount or by end date; weekly, every two weeks, monthly, quarterly or on a list of
 * dates; an optional down payment; due dates moved by the plan's business-day rule and calendar
 * (`following` by default); no interest, the case's running interest on the declining balance, or
 * an annuity at a fixed rate; an optional fee. Amounts are rounded to the cent with the remainder
 * on the last (or first) instalment, so the instalments add up exactly. A request that cannot be met
 * (an instalment below the minimum, a plan longer than allowed, ...) is answered with a code.
 * Invalid input throws `INVALID_INPUT` naming the field.
 *
 * @example
 * ```ts
 * import { proposePlan } from "@incasso/core";
 * const result = proposePlan({
 *   amount: "1000.00", firstDueDate: "2026-05-31", frequency: "monthly", schedule: { count: 3 }, calendar: "be",
 * });
 * if (result.ok) result.plan.instalments.map((i) => `${i.dueDate} ${i.amount.toFixed(2)}`);
 * // ["2026-06-01 333.33", "2026-06-30 333.33", "2026-07-31 333.34"]: 31 May is a Sunday
 * ```
 */
export function proposePlan(input: unknown, options: PlanOptions = {}): PlanResult {
  const parsed = planRequestSchema.safeParse(input);
  if (!parsed.success) throw fromZodError(parsed.error, "plan");
  const request = parsed.data;
  if (calendars === undefined) calendars = { be: beCalendar(), nl: nlCalendar() };
  const calendar = calendars[request.calendar];
  const refuse = (code: PlanRefusalCode, message: string): PlanResult => ({
    ok: false,
    code,
    message,
  });
  const total = d(request.amount);
  const down = request.downPayment ? d(request.downPayment.amount) : ZERO;
  if (total.lte(0)) return refuse("NOTHING_TO_FINANCE", "the amount to finance is zero");
  if (down.gte(total))
    return refuse(
      "DOWN_PAYMENT_TOO_LARGE",
      "the down payment covers the whole amount: no plan is needed",
    );
  const financed = total.minus(down);
  const fee = d(request.fee ?? "0");
  const first = parseIsoDate(request.firstDueDate);
  const frequency = request.frequency;
  const custom =
    typeof frequency === "object" ? frequency.dates.map((date) => parseIsoDate(date)) : null;
  const nominal = (index: number): Temporal.PlainDate | undefined => {
    if (custom !== null) return custom[index];
    switch (frequency) {
      case "weekly":
        return first.add({ days: 7 * index });
      case "biweekly":
        return first.add({ days: 14 * index });
      case "monthly":
        return addMonths(first, index);
      default:
        return addMonths(first, 3 * index);
    }
  };
  const agreedOn = request.agreedOn ? parseIsoDate(request.agreedOn) : first;
  if (tables === undefined) tables = builtInRateTables();
  const rateTables = options.rateTables ?? tables;

  // Interest of one period on a balance: none, running (table or fixed rate, act/365, split at rate
  // changes, rounded half-up per period), or annuity (the periodic rate).
  const interestFor = (
    balance: Decimal,
    from: Temporal.PlainDate,
    to: Temporal.PlainDate,
  ): Decimal => {
    const interest = request.interest;
    if (interest.kind === "none" || balance.lte(0)) return ZERO;
    if (interest.kind === "annuity") {
      return roundDecimal(
        balance
          .times(d(interest.rate))
          .dividedBy(100 * PERIODS_PER_YEAR[frequency as keyof typeof PERIODS_PER_YEAR]),
        2,
      );
    }
    let sum = ZERO;
    const margin = d(interest.margin);
    for (let day = from.add({ days: 1 }); Temporal.PlainDate.compare(day, to) <= 0; ) {
      let rate: Decimal;
      let until = to;
      if ("fixed" in interest.rate) rate = d(interest.rate.fixed);
      else {
        const table = rateTables.get(interest.rate.table);
        if (table === undefined) {
          throw new IncassoError(
            "UNKNOWN_RATE_TABLE",
            `plan.interest.rate.table: expected one of ${[...rateTables.keys()].join(", ")} (got: "${interest.rate.table}")`,
            [{ path: "plan.interest.rate.table", message: "expected a known rate table" }],
          );
        }
        const entry = rateEntryOn(table, day);
        rate = entry.rate;
        const next = table.entries.find(
          (candidate) => Temporal.PlainDate.compare(candidate.from, day) > 0,
        );
        if (next && Temporal.PlainDate.compare(next.from, to) <= 0)
          until = next.from.subtract({ days: 1 });
      }
      const days = day.until(until).days + 1;
      sum = sum.plus(balance.times(rate.plus(margin)).times(days).dividedBy(36500));
      day = until.add({ days: 1 });
    }
    return roundDecimal(sum, 2);
  };

  if (request.interest.kind === "annuity" && custom !== null) {
    return refuse(
      "ANNUITY_NEEDS_REGULAR_FREQUENCY",
      "an annuity needs a regular frequency, not a list of dates",
    );
  }

  // The number of instalments.
  let count: number;
  const schedule = request.schedule;
  if ("count" in schedule) {
    count = schedule.count;
    if (custom !== null && custom.length < count)
      return refuse(
        "TOO_FEW_CUSTOM_DATES",
        `the plan needs ${count} dates, ${custom.length} were given`,
      );
  } else if ("endDate" in schedule) {
    const end = parseIsoDate(schedule.endDate);
    count = 0;
    for (
      let date = nominal(0);
      date !== undefined && Temporal.PlainDate.compare(date, end) <= 0;
      date = nominal(count)
    ) {
      count++;
      if (count > 600)
        return refuse("TOO_MANY_INSTALMENTS", "the plan would have more than 600 instalments");
    }
    if (count === 0)
      return refuse("END_DATE_BEFORE_FIRST_DUE_DATE", "the end date is before the first due date");
  } else {
    // By instalment amount: simulate until the balance is paid.
    const amount = d(schedule.instalment);
    let balance = financed;
    let previous = agreedOn;
    count = 0;
    while (balance.gt(0)) {
      const date = nominal(count);
      if (date === undefined)
        return refuse("TOO_FEW_CUSTOM_DATES", "the custom dates run out before the amount is paid");
      const interest = interestFor(balance, previous, date);
      if (amount.lte(interest)) {
        return refuse(
          "INSTALMENT_DOES_NOT_COVER_INTEREST",
          `an instalment of ${amount.toFixed(2)} does not cover the interest of ${interest.toFixed(2)}`,
        );
      }
      balance = balance.minus(amount.minus(interest));
      previous = date;
      count++;
      if (count > 600)
        return refuse("TOO_MANY_INSTALMENTS", "the plan would have more than 600 instalments");
    }
  }

  // Principal per instalment.
  const principals: Decimal[] = [];
  const annuity = request.interest.kind === "annuity";
  if ("instalment" in schedule) {
    const amount = d(schedule.instalment);
    let balance = financed;
    let previous = agreedOn;
    for (let index = 0; index < count; index++) {
      const date = nominal(index) as Temporal.PlainDate;
      const part = MoneyDecimal.min(balance, amount.minus(interestFor(balance, previous, date)));
      principals.push(index === count - 1 ? balance : part);
      balance = balance.minus(principals[index] as Decimal);
      previous = date;
    }
  } else if (annuity) {
    const r = d((request.interest as { rate: string }).rate).dividedBy(
      100 * PERIODS_PER_YEAR[frequency as keyof typeof PERIODS_PER_YEAR],
    );
    const payment = r.isZero()
      ? roundDecimal(financed.dividedBy(count), 2)
      : roundDecimal(financed.times(r).dividedBy(d(1).minus(r.plus(1).pow(-count))), 2);
    let balance = financed;
    for (let index = 0; index < count; index++) {
      const part =
        index === count - 1
          ? balance
          : MoneyDecimal.min(balance, payment.minus(roundDecimal(balance.times(r), 2)));
      principals.push(part);
      balance = balance.minus(part);
    }
  } else {
    for (const part of splitEvenly(Money.of(financed), count, { remainder: request.remainder }))
      principals.push(part.amount);
  }
  const fees = fee.isZero()
    ? principals.map(() => ZERO)
    : splitEvenly(Money.of(fee), count, { remainder: request.remainder }).map(
        (part) => part.amount,
      );

  const instalments: Instalment[] = [];
  if (request.downPayment) {
    const date = parseIsoDate(request.downPayment.dueDate);
    instalments.push({
      number: 0,
      nominalDate: date,
      dueDate: shiftDate(calendar, date, request.shift),
      principal: down,
      interest: ZERO,
      fee: ZERO,
      amount: down,
      balanceAfter: financed,
    });
  }
  let balance = financed;
  let previous = agreedOn;
  for (let index = 0; index < count; index++) {
    const nominalDate = nominal(index) as Temporal.PlainDate;
    const principal = principals[index] as Decimal;
    const interest = interestFor(balance, previous, nominalDate);
    const feePart = fees[index] as Decimal;
    balance = balance.minus(principal);
    instalments.push({
      number: index + 1,
      nominalDate,
      dueDate: shiftDate(calendar, nominalDate, request.shift),
      principal,
      interest,
      fee: feePart,
      amount: principal.plus(interest).plus(feePart),
      balanceAfter: balance,
    });
    previous = nominalDate;
  }

  const regular = instalments.filter((instalment) => instalment.number > 0);
  const minimum = request.limits.minInstalment ? d(request.limits.minInstalment) : null;
  if (minimum !== null) {
    const checked = "instalment" in schedule ? regular.slice(0, -1) : regular;
    const smallest = checked.reduce<Decimal | null>(
      (min, i) => (min === null || i.amount.lt(min) ? i.amount : min),
      null,
    );
    if (smallest?.lt(minimum)) {
      return refuse(
        "INSTALMENT_BELOW_MINIMUM",
        `an instalment of ${smallest.toFixed(2)} is below the minimum of ${minimum.toFixed(2)}`,
      );
    }
  }
  const last = regular.at(-1) as Instalment;
  if (
    request.limits.maxMonths !== undefined &&
    Temporal.PlainDate.compare(last.dueDate, addMonths(first, request.limits.maxMonths)) > 0
  ) {
    return refuse(
      "DURATION_ABOVE_MAXIMUM",
      `the last instalment (${last.dueDate.toString()}) is more than ${request.limits.maxMonths} months after the first`,
    );
  }
  const sum = (pick: (i: Instalment) => Decimal) =>
    instalments.reduce((acc, i) => acc.plus(pick(i)), ZERO);
  return {
    ok: true,
    plan: {
      id: request.id,
      request,
      instalments,
      totals: {
        financed: total,
        interest: sum((i) => i.interest),
        fees: sum((i) => i.fee),
        total: sum((i) => i.amount),
      },
      firstDueDate: (instalments[0] as Instalment).dueDate,
      lastDueDate: last.dueDate,
      reference: request.reference ?? null,
      defaultRule: request.default,
      replaces: options.replaces ?? null,
    },
  };
}
