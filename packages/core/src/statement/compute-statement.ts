import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import type { PenaltyClause } from "../charges/penalty-clause.js";
import { penaltyAmount } from "../charges/penalty-clause.js";
import { addYears } from "../dates/day-arithmetic.js";
import { fromEpochDay, toEpochDay, yearOfEpochDay } from "../dates/epoch-day.js";
import { IncassoError } from "../errors/incasso-error.js";
import { MoneyDecimal } from "../money/decimal.js";
import { roundDecimal } from "../money/rounding-mode.js";
import { builtInRateTables } from "../rates/built-in-rate-tables.js";
import type { RateEntry, RateTable } from "../rates/rate-table.js";
import { rateEntryOn } from "../rates/rate-table.js";
import type {
  CaseFile,
  Charge,
  Claim,
  Designation,
  ImputationOrder,
  InterestTerms,
  Payment,
} from "./case-file.js";
import type { Allocation, InterestLine, Statement, StatementCharge } from "./statement.js";

/**
 * Options of {@link computeStatement}.
 *
 * @example
 * ```ts
 * import { builtInRateTables, parseIsoDate, type StatementOptions } from "@incasso/core";
 * const options: StatementOptions = { asOf: parseIsoDate("2024-12-31"), rateTables: builtInRateTables() };
 * ```
 */
export interface StatementOptions {
  /** The statement date; the case file's `asOf` when not given. */
  readonly asOf?: Temporal.PlainDate;
  /** The rate tables by id; the built-in tables when not given. Extend or replace them here. */
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

const ZERO = new MoneyDecimal(0);
const HUNDRED = new MoneyDecimal(100);
const BUCKETS: Record<ImputationOrder, readonly ("costs" | "interest" | "principal")[]> = {
  "costs-interest-principal": ["costs", "interest", "principal"],
  "interest-costs-principal": ["interest", "costs", "principal"],
  "principal-interest-costs": ["principal", "interest", "costs"],
};

interface OpenLine {
  from: number;
  to: number;
  base: Decimal;
  rate: Decimal;
  divisor: number;
  entries: RateEntry[];
}

interface ClaimState {
  readonly claim: Claim;
  readonly index: number;
  readonly terms: InterestTerms | null;
  readonly table: RateTable | null;
  readonly tableEntries: readonly { readonly from: number; readonly entry: RateEntry }[];
  readonly trustedUntil: number;
  readonly firstDay: number;
  /** The computation's date cache: one `PlainDate` per day. */
  readonly dateOf: (day: number) => Temporal.PlainDate;
  /** Days after the first interest day on which the rate or the divisor may change. */
  readonly breaks: readonly number[];
  breakIndex: number;
  /** The last day interest has been accrued through. */
  through: number;
  principal: Decimal;
  capitalisedOutstanding: Decimal;
  capitalisedTotal: Decimal;
  paidUncapitalised: Decimal;
  closedSum: Decimal;
  open: OpenLine | null;
  readonly lines: InterestLine[];
}

interface ChargeState {
  readonly charge: Charge;
  readonly penalty: boolean;
  outstanding: Decimal;
}

let defaultTables: ReadonlyMap<string, RateTable> | undefined;

/** The built-in tables, built once on first use (immutable data, so sharing them is safe). */
function defaultRateTables(): ReadonlyMap<string, RateTable> {
  if (defaultTables === undefined) defaultTables = builtInRateTables();
  return defaultTables;
}

/**
 * Computes the statement (afrekening) of a case as of a date, by the semantics of the calculation
 * contract: interest lines as maximal runs of equal base, rate and divisor, rounded half-up per
 * line; a payment counts after that day's interest; yearly capitalisation on the anniversaries of
 * the first interest day; the penalty fixed at the end of its day after that day's payments;
 * imputation bucket by bucket in the case's order, oldest due date first, with designations
 * applied first; what is left is a credit that pays charges arising later.
 *
 * A pure function of the case and the date: the order in which information arrived does not matter
 * (a back-dated payment simply takes its place in time).
 *
 * @example
 * ```ts
 * import { computeStatement, parseCaseFile } from "@incasso/core";
 * const statement = computeStatement(parseCaseFile({
 *   asOf: "2024-03-31",
 *   terms: { interest: { rate: { table: "be.legal" } } },
 *   claims: [{ id: "F1", principal: "2500.00", dueDate: "2023-10-15" }],
 * }));
 * statement.interestLines.map((line) => line.amount.toFixed(2)); // ["27.69", "35.84"]
 * ```
 */
export function computeStatement(file: CaseFile, options: StatementOptions = {}): Statement {
  const asOfDate = options.asOf ?? file.asOf;
  const asOf = toEpochDay(asOfDate);
  const tables = options.rateTables ?? defaultRateTables();

  const dates = new Map<number, Temporal.PlainDate>();
  const dateOf = (day: number) => {
    let date = dates.get(day);
    if (date === undefined) {
      date = fromEpochDay(day);
      dates.set(day, date);
    }
    return date;
  };
  const claims = file.claims.map((claim, index) =>
    claimState(claim, index, file, tables, dateOf, asOf),
  );
  const byDue = [...claims].sort(
    (a, b) => toEpochDay(a.claim.dueDate) - toEpochDay(b.claim.dueDate) || a.index - b.index,
  );
  const paymentsByDay = groupByDay(
    file.payments.filter((payment) => toEpochDay(payment.date) <= asOf),
  );
  const chargesByDay = groupByDay(file.charges.filter((charge) => toEpochDay(charge.date) <= asOf));
  const penalty = file.terms.penalty;
  const penaltyDay = penalty === null ? null : toEpochDay(file.terms.penaltyDate ?? asOfDate);
  const yearEnds = new Map<number, ClaimState[]>();
  for (const state of claims) {
    if (state.terms?.compounding !== "yearly") continue;
    const first = fromEpochDay(state.firstDay);
    for (let year = 1; ; year++) {
      const end = toEpochDay(addYears(first, year)) - 1;
      if (end > asOf) break;
      const list = yearEnds.get(end);
      if (list) list.push(state);
      else yearEnds.set(end, [state]);
    }
  }

  const eventDays = new Set<number>([
    ...paymentsByDay.keys(),
    ...chargesByDay.keys(),
    ...yearEnds.keys(),
  ]);
  if (penaltyDay !== null && penaltyDay <= asOf) eventDays.add(penaltyDay);
  const paymentIndex = new Map(file.payments.map((payment, index) => [payment, index]));

  const charges: ChargeState[] = [];
  const allocations: Allocation[] = [];
  const credit: { payment: string; amount: Decimal }[] = [];

  const allocate = (
    payment: string,
    day: number,
    bucket: Allocation["bucket"],
    target: Allocation["target"],
    amount: Decimal,
    flags: { capitalised?: boolean; designated?: boolean } = {},
  ) => {
    allocations.push({
      payment,
      date: dateOf(day),
      bucket,
      target,
      capitalised: flags.capitalised ?? false,
      designated: flags.designated ?? false,
      amount,
    });
  };

  const useCredit = (state: ChargeState, day: number) => {
    while (state.outstanding.gt(0) && credit.length > 0) {
      const source = credit[0] as { payment: string; amount: Decimal };
      const paid = MoneyDecimal.min(source.amount, state.outstanding);
      state.outstanding = state.outstanding.minus(paid);
      source.amount = source.amount.minus(paid);
      if (source.amount.lte(0)) credit.shift();
      const bucket = state.charge.kind === "cost" ? "costs" : "interest";
      allocate(source.payment, day, bucket, { kind: "charge", id: state.charge.id }, paid);
    }
  };

  const addCharge = (charge: Charge, isPenalty: boolean, day: number) => {
    const state: ChargeState = { charge, penalty: isPenalty, outstanding: charge.amount };
    charges.push(state);
    useCredit(state, day);
  };

  // Charges are added day by day, so the list is already oldest first.
  const openCharges = (kind: "cost" | "interest") =>
    charges.filter((state) => state.charge.kind === kind && state.outstanding.gt(0));

  const payBucket = (
    bucket: Allocation["bucket"],
    payment: Payment,
    day: number,
    left: Decimal,
  ): Decimal => {
    let rest = left;
    const pay = (owed: Decimal) => MoneyDecimal.min(rest, owed);
    if (bucket === "costs" || bucket === "interest") {
      for (const state of openCharges(bucket === "costs" ? "cost" : "interest")) {
        if (rest.lte(0)) return rest;
        const paid = pay(state.outstanding);
        state.outstanding = state.outstanding.minus(paid);
        rest = rest.minus(paid);
        allocate(payment.id, day, bucket, { kind: "charge", id: state.charge.id }, paid);
      }
    }
    if (bucket === "costs") return rest;
    for (const state of byDue) {
      if (rest.lte(0)) return rest;
      if (bucket === "principal") {
        advance(state, day);
        const paid = pay(state.principal);
        if (paid.gt(0)) {
          state.principal = state.principal.minus(paid);
          rest = rest.minus(paid);
          allocate(payment.id, day, "principal", { kind: "claim", id: state.claim.id }, paid);
        }
        continue;
      }
      rest = payClaimInterest(state, day, rest, payment.id, false);
    }
    return rest;
  };

  const payClaimInterest = (
    state: ClaimState,
    day: number,
    left: Decimal,
    payment: string,
    designated: boolean,
  ) => {
    advance(state, day);
    let rest = left;
    const uncapitalised = uncapitalisedOwed(state, day);
    const paidUncapitalised = MoneyDecimal.min(rest, uncapitalised);
    if (paidUncapitalised.gt(0)) {
      state.paidUncapitalised = state.paidUncapitalised.plus(paidUncapitalised);
      rest = rest.minus(paidUncapitalised);
      allocate(payment, day, "interest", { kind: "claim", id: state.claim.id }, paidUncapitalised, {
        designated,
      });
    }
    const paidCapitalised = MoneyDecimal.min(rest, state.capitalisedOutstanding);
    if (paidCapitalised.gt(0)) {
      state.capitalisedOutstanding = state.capitalisedOutstanding.minus(paidCapitalised);
      rest = rest.minus(paidCapitalised);
      allocate(payment, day, "interest", { kind: "claim", id: state.claim.id }, paidCapitalised, {
        capitalised: true,
        designated,
      });
    }
    return rest;
  };

  const applyDesignation = (
    payment: Payment,
    paymentIndex: number,
    designation: Designation,
    index: number,
    day: number,
  ) => {
    const where = `case.payments.${paymentIndex}.allocation.${index}`;
    const fail = (owed: Decimal, what: string): never => {
      throw new IncassoError(
        "INVALID_ALLOCATION_DESIGNATION",
        `${where}: designates ${designation.amount.toFixed(2)} to ${what}, but ${owed.toFixed(2)} is owed on ${dateOf(day).toString()}`,
        [{ path: where, message: `expected at most ${owed.toFixed(2)}` }],
      );
    };
    if ("claim" in designation) {
      const state = claims.find((candidate) => candidate.claim.id === designation.claim);
      if (state === undefined) return fail(ZERO, `unknown claim ${designation.claim}`);
      advance(state, day);
      if (designation.bucket === "principal") {
        if (designation.amount.gt(state.principal))
          fail(state.principal, `the principal of ${designation.claim}`);
        state.principal = state.principal.minus(designation.amount);
        allocate(
          payment.id,
          day,
          "principal",
          { kind: "claim", id: state.claim.id },
          designation.amount,
          { designated: true },
        );
        return;
      }
      const owed = uncapitalisedOwed(state, day).plus(state.capitalisedOutstanding);
      if (designation.amount.gt(owed)) fail(owed, `the interest of ${designation.claim}`);
      payClaimInterest(state, day, designation.amount, payment.id, true);
      return;
    }
    const state = charges.find((candidate) => candidate.charge.id === designation.charge);
    const kind = designation.bucket === "costs" ? "cost" : "interest";
    if (state === undefined || state.charge.kind !== kind)
      return fail(ZERO, `${kind} charge ${designation.charge}`);
    if (designation.amount.gt(state.outstanding))
      fail(state.outstanding, `charge ${designation.charge}`);
    state.outstanding = state.outstanding.minus(designation.amount);
    allocate(
      payment.id,
      day,
      designation.bucket,
      { kind: "charge", id: state.charge.id },
      designation.amount,
      { designated: true },
    );
  };

  const processDay = (day: number) => {
    for (const charge of chargesByDay.get(day) ?? []) addCharge(charge, false, day);
    for (const payment of paymentsByDay.get(day) ?? []) {
      let left = payment.amount;
      const index = paymentIndex.get(payment) ?? 0;
      (payment.designation ?? []).forEach((designation, position) => {
        if (left.lt(designation.amount)) {
          throw new IncassoError(
            "INVALID_ALLOCATION_DESIGNATION",
            `case.payments.${paymentIndex}.allocation: designates more than the payment of ${payment.amount.toFixed(2)}`,
            [
              {
                path: `case.payments.${paymentIndex}.allocation`,
                message: "expected at most the payment's amount",
              },
            ],
          );
        }
        applyDesignation(payment, index, designation, position, day);
        left = left.minus(designation.amount);
      });
      for (const bucket of BUCKETS[file.terms.imputation])
        left = payBucket(bucket, payment, day, left);
      if (left.gt(0)) credit.push({ payment: payment.id, amount: left });
    }
    if (penalty !== null && day === penaltyDay) {
      const base = claims.reduce((sum, state) => sum.plus(state.principal), ZERO);
      const amount = penaltyAmount(penalty as PenaltyClause, base);
      if (amount.gt(0))
        addCharge({ id: "penalty", kind: "cost", date: fromEpochDay(day), amount }, true, day);
    }
    for (const state of yearEnds.get(day) ?? []) {
      advance(state, day);
      const unpaid = uncapitalisedOwed(state, day);
      if (unpaid.gt(0)) {
        state.capitalisedTotal = state.capitalisedTotal.plus(unpaid);
        state.capitalisedOutstanding = state.capitalisedOutstanding.plus(unpaid);
      }
    }
  };

  for (const day of [...eventDays].sort((a, b) => a - b)) processDay(day);
  for (const state of claims) {
    advance(state, asOf);
    close(state);
  }

  return summarise(file, asOfDate, claims, charges, allocations, credit);
}

function claimState(
  claim: Claim,
  index: number,
  file: CaseFile,
  tables: ReadonlyMap<string, RateTable>,
  dateOf: (day: number) => Temporal.PlainDate,
  asOf: number,
): ClaimState {
  const terms = claim.interest === undefined ? file.terms.interest : claim.interest;
  let table: RateTable | null = null;
  if (terms !== null && "table" in terms.rate) {
    const id = terms.rate.table;
    table = tables.get(id) ?? null;
    if (table === null) {
      const path =
        claim.interest === undefined
          ? "case.terms.interest.rate.table"
          : `case.claims.${index}.interest.rate.table`;
      throw new IncassoError(
        "UNKNOWN_RATE_TABLE",
        `${path}: expected one of ${[...tables.keys()].join(", ")} (got: "${id}")`,
        [{ path, message: `expected one of ${[...tables.keys()].join(", ")}` }],
      );
    }
  }
  const due = toEpochDay(claim.dueDate);
  let firstDay = due + 1;
  if (terms?.start.kind === "due-date") firstDay = due;
  if (terms?.start.kind === "date") firstDay = Math.max(toEpochDay(terms.start.date), due + 1);
  const breaks: number[] = [];
  if (terms !== null) {
    for (const entry of table?.entries ?? []) {
      const from = toEpochDay(entry.from);
      if (from > firstDay) breaks.push(from);
    }
    if (terms.dayCount === "act/act") {
      for (let year = yearOfEpochDay(firstDay) + 1; year <= yearOfEpochDay(asOf); year++) {
        breaks.push(toEpochDay({ year, month: 1, day: 1 }));
      }
    }
    breaks.sort((a, b) => a - b);
  }
  return {
    claim,
    index,
    terms,
    table,
    tableEntries: table?.entries.map((entry) => ({ from: toEpochDay(entry.from), entry })) ?? [],
    trustedUntil: table === null ? Number.POSITIVE_INFINITY : toEpochDay(table.trustedUntil),
    firstDay,
    dateOf,
    breaks,
    breakIndex: 0,
    through: firstDay - 1,
    principal: claim.principal,
    capitalisedOutstanding: ZERO,
    capitalisedTotal: ZERO,
    paidUncapitalised: ZERO,
    closedSum: ZERO,
    open: null,
    lines: [],
  };
}

/**
 * Accrues a claim's interest through `day`, line by line: the rate and the divisor can change only
 * at the claim's breaks, and the base only by an event, which advances the claim first.
 */
function advance(state: ClaimState, day: number): void {
  if (state.terms === null || day <= state.through) return;
  let from = Math.max(state.through + 1, state.firstDay);
  while (from <= day) {
    while (
      state.breakIndex < state.breaks.length &&
      (state.breaks[state.breakIndex] as number) <= from
    )
      state.breakIndex++;
    const next = state.breaks[state.breakIndex];
    const end = next === undefined ? day : Math.min(day, next - 1);
    accrue(state, from, end);
    from = end + 1;
  }
  state.through = day;
}

function accrue(state: ClaimState, start: number, end: number): void {
  const terms = state.terms;
  if (terms === null || start < state.firstDay) return;
  const base = state.principal.plus(state.capitalisedOutstanding);
  if (base.lte(0)) {
    close(state);
    return;
  }
  let entry: RateEntry | null = null;
  let rate: Decimal;
  if ("fixed" in terms.rate) rate = terms.rate.fixed;
  else {
    const table = state.table as RateTable;
    if (end > state.trustedUntil) rateEntryOn(table, fromEpochDay(end));
    entry = entryAt(state, start) ?? rateEntryOn(table, fromEpochDay(start));
    rate = entry.rate;
  }
  rate = rate.plus(terms.margin);
  if (rate.isNegative() && !rate.isZero()) {
    throw new IncassoError(
      "INVALID_INPUT",
      `interest rate with margin is negative on ${fromEpochDay(start).toString()}`,
    );
  }
  const divisor =
    terms.dayCount === "act/360"
      ? 360
      : terms.dayCount === "act/365"
        ? 365
        : daysInYear(yearOfEpochDay(start));
  const open = state.open;
  if (
    open !== null &&
    open.to === start - 1 &&
    open.divisor === divisor &&
    open.base.eq(base) &&
    open.rate.eq(rate)
  ) {
    open.to = end;
    if (entry !== null && !open.entries.includes(entry)) open.entries.push(entry);
    return;
  }
  close(state);
  state.open = {
    from: start,
    to: end,
    base,
    rate,
    divisor,
    entries: entry === null ? [] : [entry],
  };
}

function entryAt(state: ClaimState, day: number): RateEntry | undefined {
  const entries = state.tableEntries;
  let low = 0;
  let high = entries.length - 1;
  if (high < 0 || (entries[0] as { from: number }).from > day) return undefined;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((entries[middle] as { from: number }).from <= day) low = middle;
    else high = middle - 1;
  }
  return entries[low]?.entry;
}

function lineAmount(line: OpenLine, through: number): Decimal {
  const days = through - line.from + 1;
  return roundDecimal(
    line.base.times(line.rate).times(days).dividedBy(HUNDRED.times(line.divisor)),
    2,
  );
}

function close(state: ClaimState): void {
  const line = state.open;
  if (line === null) return;
  const amount = lineAmount(line, line.to);
  state.closedSum = state.closedSum.plus(amount);
  state.lines.push({
    claim: state.claim.id,
    from: state.dateOf(line.from),
    to: state.dateOf(line.to),
    days: line.to - line.from + 1,
    base: line.base,
    rate: line.rate,
    margin: state.terms?.margin ?? ZERO,
    divisor: line.divisor,
    amount,
    rateEntries: line.entries,
  });
  state.open = null;
}

/** Interest accrued through `day` (the open line counted up to that day) not yet capitalised or paid. */
function uncapitalisedOwed(state: ClaimState, day: number): Decimal {
  const open = state.open;
  const accrued =
    open === null
      ? state.closedSum
      : state.closedSum.plus(lineAmount(open, Math.min(day, open.to)));
  return accrued.minus(state.capitalisedTotal).minus(state.paidUncapitalised);
}

function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

function groupByDay<T extends { readonly date: Temporal.PlainDate }>(
  items: readonly T[],
): Map<number, T[]> {
  const map = new Map<number, T[]>();
  for (const item of items) {
    const day = toEpochDay(item.date);
    const list = map.get(day);
    if (list) list.push(item);
    else map.set(day, [item]);
  }
  return map;
}

function summarise(
  file: CaseFile,
  asOf: Temporal.PlainDate,
  claims: readonly ClaimState[],
  charges: readonly ChargeState[],
  allocations: readonly Allocation[],
  credit: readonly { amount: Decimal }[],
): Statement {
  const sum = (values: Iterable<Decimal>) => {
    let total = ZERO;
    for (const value of values) total = total.plus(value);
    return total;
  };
  const statementClaims = claims.map((state) => {
    const uncapitalised = state.closedSum
      .minus(state.capitalisedTotal)
      .minus(state.paidUncapitalised);
    return {
      id: state.claim.id,
      dueDate: state.claim.dueDate,
      originalPrincipal: state.claim.principal,
      principal: state.principal,
      interest: uncapitalised.plus(state.capitalisedOutstanding),
      capitalisedInterest: state.capitalisedOutstanding,
      interestAccrued: state.closedSum,
    };
  });
  const statementCharges: StatementCharge[] = charges.map((state) => ({
    id: state.charge.id,
    kind: state.charge.kind,
    date: state.charge.date,
    amount: state.charge.amount,
    outstanding: state.outstanding,
    penalty: state.penalty,
  }));
  const principal = sum(statementClaims.map((claim) => claim.principal));
  const interest = sum(statementClaims.map((claim) => claim.interest)).plus(
    sum(
      statementCharges
        .filter((charge) => charge.kind === "interest")
        .map((charge) => charge.outstanding),
    ),
  );
  const costs = sum(
    statementCharges.filter((charge) => charge.kind === "cost").map((charge) => charge.outstanding),
  );
  const creditTotal = sum(credit.map((entry) => entry.amount));
  const lines = claims
    .flatMap((state) => state.lines.map((line) => ({ line, order: state.index })))
    .sort((a, b) => toEpochDay(a.line.from) - toEpochDay(b.line.from) || a.order - b.order)
    .map((entry) => entry.line);
  const asOfDay = toEpochDay(asOf);
  return {
    asOf,
    currency: file.currency,
    totals: {
      principal,
      interest,
      costs,
      interestAccrued: sum(statementClaims.map((claim) => claim.interestAccrued)),
      penalty: sum(
        statementCharges.filter((charge) => charge.penalty).map((charge) => charge.amount),
      ),
      paid: sum(
        file.payments
          .filter((payment) => toEpochDay(payment.date) <= asOfDay)
          .map((payment) => payment.amount),
      ),
      credit: creditTotal,
      balance: principal.plus(interest).plus(costs).minus(creditTotal),
    },
    claims: statementClaims,
    interestLines: lines,
    charges: statementCharges,
    allocations,
  };
}
