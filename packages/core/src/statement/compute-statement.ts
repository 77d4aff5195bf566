import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import { penaltyAmount } from "../charges/penalty-clause.js";
import {
  addYearsToEpochDay,
  fromEpochDay,
  toEpochDay,
  yearOfEpochDay,
} from "../dates/epoch-day.js";
import { IncassoError } from "../errors/incasso-error.js";
import type { RateEntry, RateTable } from "../rates/rate-table.js";
import { rateEntryOn } from "../rates/rate-table.js";
import { builtInRateTables } from "../rates/rates-file.js";
import type {
  CaseFile,
  Charge,
  Claim,
  Designation,
  ImputationOrder,
  InterestTerms,
  Payment,
} from "./case-file.js";
import type { ExactRate } from "./cents.js";
import {
  fromCents as centsToDecimal,
  fromCents,
  interestCents,
  toCents,
  toExactRate,
} from "./cents.js";
import type {
  Allocation,
  InterestLine,
  Statement,
  StatementCharge,
  StatementClaim,
} from "./statement.js";

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

type Bucket = Allocation["bucket"];

const BUCKETS: Record<ImputationOrder, readonly Bucket[]> = {
  "costs-interest-principal": ["costs", "interest", "principal"],
  "interest-costs-principal": ["interest", "costs", "principal"],
  "principal-interest-costs": ["principal", "interest", "costs"],
};

/** An interest line still being extended. Amounts are bigint cents: the exact integer kernel. */
interface OpenLine {
  from: number;
  to: number;
  /** The line's amount in cents, set when the line is closed. */
  amount?: bigint;
  base: bigint;
  rate: ExactRate;
  divisor: number;
  entries: RateEntry[];
}

interface ClaimState {
  readonly claim: Claim;
  readonly index: number;
  readonly terms: InterestTerms | null;
  readonly table: RateTable | null;
  readonly firstDay: number;
  /** Days after the first interest day on which the rate or the divisor may change. */
  readonly breaks: readonly number[];
  breakIndex: number;
  /** The last day interest has been accrued through. */
  through: number;
  principal: bigint;
  capitalisedOutstanding: bigint;
  capitalisedTotal: bigint;
  paidUncapitalised: bigint;
  closedSum: bigint;
  open: OpenLine | null;
  readonly lines: OpenLine[];
}

interface ChargeState {
  readonly charge: Charge;
  readonly penalty: boolean;
  readonly amount: bigint;
  outstanding: bigint;
}

interface RawAllocation {
  readonly payment: string;
  readonly day: number;
  readonly bucket: Bucket;
  readonly target: Allocation["target"];
  readonly capitalised: boolean;
  readonly designated: boolean;
  readonly amount: bigint;
}

let defaultTables: ReadonlyMap<string, RateTable> | undefined;

/** Epoch days of each table's entries, memoised per (immutable) table. */
const tableDays = new WeakMap<
  RateTable,
  { readonly starts: readonly number[]; readonly trustedUntil: number }
>();
function tableDaysOf(table: RateTable): {
  readonly starts: readonly number[];
  readonly trustedUntil: number;
} {
  let days = tableDays.get(table);
  if (days === undefined) {
    days = {
      starts: table.entries.map((entry) => toEpochDay(entry.from)),
      trustedUntil: toEpochDay(table.trustedUntil),
    };
    tableDays.set(table, days);
  }
  return days;
}

/** The built-in tables, built once on first use (immutable data, so sharing them is safe). */
function defaultRateTables(): ReadonlyMap<string, RateTable> {
  if (defaultTables === undefined) defaultTables = builtInRateTables();
  return defaultTables;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

const marginKeys = new WeakMap<InterestTerms, string>();
/** The margin of interest terms as a string key, memoised per (immutable) terms object. */
function marginKey(terms: InterestTerms): string {
  let key = marginKeys.get(terms);
  if (key === undefined) {
    key = terms.margin.toString();
    marginKeys.set(terms, key);
  }
  return key;
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
 * (a back-dated payment simply takes its place in time). Amounts must be whole cents
 * (`SUBUNIT_AMOUNT` otherwise); inside, the engine computes on integer cents and exact rational
 * rates, which the differential test suite proves identical to decimal arithmetic.
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
  const rates = new Map<unknown, Map<string, ExactRate>>();
  const exactRate = (key: unknown, terms: InterestTerms, base: RateEntry | null): ExactRate => {
    const margin = marginKey(terms);
    let byMargin = rates.get(key);
    if (byMargin === undefined) {
      byMargin = new Map();
      rates.set(key, byMargin);
    }
    let rate = byMargin.get(margin);
    if (rate === undefined) {
      const value = (
        base === null ? (terms.rate as { fixed: RateEntry["rate"] }).fixed : base.rate
      ).plus(terms.margin);
      if (value.isNegative() && !value.isZero()) {
        const what =
          base === null
            ? `the fixed rate ${(terms.rate as { fixed: RateEntry["rate"] }).fixed.toString()} %`
            : `${base.table} ${base.rate.toString()} % from ${base.from.toString()}`;
        const message = `expected a margin that keeps the rate at zero or more: ${what} + margin ${terms.margin.toString()} = ${value.toString()} %`;
        throw new IncassoError("INVALID_INPUT", `interest.margin: ${message}`, [
          { path: "interest.margin", message },
        ]);
      }
      rate = toExactRate(value);
      byMargin.set(margin, rate);
    }
    return rate;
  };

  /** The table entry in force from `start` through `end`, by binary search over epoch days. */
  const entryOn = (table: RateTable, start: number, end: number): RateEntry => {
    const { starts, trustedUntil } = tableDaysOf(table);
    if (start < (starts[0] as number)) return rateEntryOn(table, dateOf(start)); // throws RATE_NOT_COVERED
    if (end > trustedUntil) return rateEntryOn(table, dateOf(end)); // throws RATE_NOT_COVERED
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if ((starts[middle] as number) <= start) low = middle;
      else high = middle - 1;
    }
    return table.entries[low] as RateEntry;
  };

  const claims = file.claims.map((claim, index) => claimState(claim, index, file, tables, asOf));
  const byDue = [...claims].sort(
    (a, b) => toEpochDay(a.claim.dueDate) - toEpochDay(b.claim.dueDate) || a.index - b.index,
  );
  const claimsById = new Map(claims.map((state) => [state.claim.id, state]));
  const paymentsByDay = groupByDay(
    file.payments.filter((payment) => toEpochDay(payment.date) <= asOf),
  );
  const chargesByDay = groupByDay(file.charges.filter((charge) => toEpochDay(charge.date) <= asOf));
  const penalty = file.terms.penalty;
  const penaltyDay = penalty === null ? null : toEpochDay(file.terms.penaltyDate ?? asOfDate);
  const yearEnds = new Map<number, ClaimState[]>();
  const addYearEnd = (end: number, state: ClaimState) => {
    const list = yearEnds.get(end);
    if (list === undefined) yearEnds.set(end, [state]);
    else if (!list.includes(state)) list.push(state);
  };
  for (const state of claims) {
    for (const date of state.terms?.capitalisationDates ?? []) {
      const day = toEpochDay(date);
      if (day >= state.firstDay && day <= asOf) addYearEnd(day, state);
    }
    if (state.terms?.compounding !== "yearly") continue;
    for (let year = 1; ; year++) {
      const end = addYearsToEpochDay(state.firstDay, year) - 1;
      if (end > asOf) break;
      addYearEnd(end, state);
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
  const allocations: RawAllocation[] = [];
  const credit: { payment: string; amount: bigint }[] = [];

  /** Accrues a claim's interest through `day`; the rate and divisor change only at its breaks. */
  const advance = (state: ClaimState, day: number): void => {
    if (state.terms === null || day <= state.through) return;
    let from = Math.max(state.through + 1, state.firstDay);
    while (from <= day) {
      while (
        state.breakIndex < state.breaks.length &&
        (state.breaks[state.breakIndex] as number) <= from
      ) {
        state.breakIndex++;
      }
      const next = state.breaks[state.breakIndex];
      const end = next === undefined ? day : Math.min(day, next - 1);
      accrue(state, from, end);
      from = end + 1;
    }
    state.through = Math.max(state.through, day);
  };

  const accrue = (state: ClaimState, start: number, end: number): void => {
    const terms = state.terms as InterestTerms;
    const base = state.principal + state.capitalisedOutstanding;
    if (base <= 0n) {
      close(state);
      return;
    }
    const entry = state.table === null ? null : entryOn(state.table, start, end);
    const rate = exactRate(entry ?? state.claim, terms, entry);
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
      open.base === base &&
      open.rate.num * rate.den === rate.num * open.rate.den
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
  };

  const allocate = (
    payment: string,
    day: number,
    bucket: Bucket,
    target: Allocation["target"],
    amount: bigint,
    flags: { capitalised?: boolean; designated?: boolean } = {},
  ) => {
    allocations.push({
      payment,
      day,
      bucket,
      target,
      capitalised: flags.capitalised ?? false,
      designated: flags.designated ?? false,
      amount,
    });
  };

  const useCredit = (state: ChargeState, day: number) => {
    while (state.outstanding > 0n && credit.length > 0) {
      const source = credit[0] as { payment: string; amount: bigint };
      const paid = min(source.amount, state.outstanding);
      state.outstanding -= paid;
      source.amount -= paid;
      if (source.amount <= 0n) credit.shift();
      allocate(
        source.payment,
        day,
        state.charge.kind === "cost" ? "costs" : "interest",
        { kind: "charge", id: state.charge.id },
        paid,
      );
    }
  };

  const addCharge = (charge: Charge, isPenalty: boolean, amount: bigint, day: number) => {
    const state: ChargeState = { charge, penalty: isPenalty, amount, outstanding: amount };
    charges.push(state);
    useCredit(state, day);
  };

  const payClaimInterest = (
    state: ClaimState,
    day: number,
    left: bigint,
    payment: string,
    designated: boolean,
  ) => {
    advance(state, day);
    let rest = left;
    const fromUncapitalised = min(rest, uncapitalisedOwed(state));
    if (fromUncapitalised > 0n) {
      state.paidUncapitalised += fromUncapitalised;
      rest -= fromUncapitalised;
      allocate(payment, day, "interest", { kind: "claim", id: state.claim.id }, fromUncapitalised, {
        designated,
      });
    }
    const fromCapitalised = min(rest, state.capitalisedOutstanding);
    if (fromCapitalised > 0n) {
      state.capitalisedOutstanding -= fromCapitalised;
      rest -= fromCapitalised;
      allocate(payment, day, "interest", { kind: "claim", id: state.claim.id }, fromCapitalised, {
        capitalised: true,
        designated,
      });
    }
    return rest;
  };

  const payPrincipal = (
    state: ClaimState,
    day: number,
    amount: bigint,
    payment: string,
    designated: boolean,
  ) => {
    advance(state, day);
    state.principal -= amount;
    allocate(payment, day, "principal", { kind: "claim", id: state.claim.id }, amount, {
      designated,
    });
  };

  const payBucket = (bucket: Bucket, payment: Payment, day: number, left: bigint): bigint => {
    let rest = left;
    if (bucket !== "principal") {
      // Charges are added day by day, so the list is already oldest first.
      const kind = bucket === "costs" ? "cost" : "interest";
      for (const state of charges) {
        if (rest <= 0n) return rest;
        if (state.charge.kind !== kind || state.outstanding <= 0n) continue;
        const paid = min(rest, state.outstanding);
        state.outstanding -= paid;
        rest -= paid;
        allocate(payment.id, day, bucket, { kind: "charge", id: state.charge.id }, paid);
      }
      if (bucket === "costs") return rest;
    }
    for (const state of byDue) {
      if (rest <= 0n) return rest;
      if (bucket === "interest") rest = payClaimInterest(state, day, rest, payment.id, false);
      else if (state.principal > 0n) {
        const paid = min(rest, state.principal);
        payPrincipal(state, day, paid, payment.id, false);
        rest -= paid;
      }
    }
    return rest;
  };

  const applyDesignation = (
    payment: Payment,
    index: number,
    designation: Designation,
    position: number,
    day: number,
  ) => {
    const where = `case.payments.${index}.allocation.${position}`;
    const amount = toCents(designation.amount, `${where}.amount`);
    const fail = (owed: bigint, what: string): never => {
      throw new IncassoError(
        "INVALID_ALLOCATION_DESIGNATION",
        `${where}: designates ${designation.amount.toFixed(2)} to ${what}, but ${fromCents(owed).toFixed(2)} is owed on ${dateOf(day).toString()}`,
        [{ path: where, message: `expected at most ${fromCents(owed).toFixed(2)}` }],
      );
    };
    if ("claim" in designation) {
      const state = claimsById.get(designation.claim);
      if (state === undefined) return fail(0n, `unknown claim ${designation.claim}`);
      advance(state, day);
      if (designation.bucket === "principal") {
        if (amount > state.principal)
          fail(state.principal, `the principal of ${designation.claim}`);
        payPrincipal(state, day, amount, payment.id, true);
        return amount;
      }
      const owed = uncapitalisedOwed(state) + state.capitalisedOutstanding;
      if (amount > owed) fail(owed, `the interest of ${designation.claim}`);
      payClaimInterest(state, day, amount, payment.id, true);
      return amount;
    }
    const kind = designation.bucket === "costs" ? "cost" : "interest";
    const state = charges.find((candidate) => candidate.charge.id === designation.charge);
    if (state === undefined || state.charge.kind !== kind)
      return fail(0n, `${kind} charge ${designation.charge}`);
    if (amount > state.outstanding) fail(state.outstanding, `charge ${designation.charge}`);
    state.outstanding -= amount;
    allocate(payment.id, day, designation.bucket, { kind: "charge", id: state.charge.id }, amount, {
      designated: true,
    });
    return amount;
  };

  const processDay = (day: number) => {
    for (const charge of chargesByDay.get(day) ?? []) {
      addCharge(
        charge,
        false,
        toCents(charge.amount, `case.charges.${file.charges.indexOf(charge)}.amount`),
        day,
      );
    }
    for (const payment of paymentsByDay.get(day) ?? []) {
      const index = paymentIndex.get(payment) ?? 0;
      let left = toCents(payment.amount, `case.payments.${index}.amount`);
      (payment.designation ?? []).forEach((designation, position) => {
        if (
          left < toCents(designation.amount, `case.payments.${index}.allocation.${position}.amount`)
        ) {
          throw new IncassoError(
            "INVALID_ALLOCATION_DESIGNATION",
            `case.payments.${index}.allocation: designates more than the payment of ${payment.amount.toFixed(2)}`,
            [
              {
                path: `case.payments.${index}.allocation`,
                message: "expected at most the payment's amount",
              },
            ],
          );
        }
        left -= applyDesignation(payment, index, designation, position, day);
      });
      for (const bucket of BUCKETS[payment.imputation ?? file.terms.imputation])
        left = payBucket(bucket, payment, day, left);
      if (left > 0n) credit.push({ payment: payment.id, amount: left });
    }
    if (penalty !== null && day === penaltyDay) {
      const only = file.terms.penaltyClaims;
      const base = claims.reduce(
        (sum, state) =>
          only === undefined || only.includes(state.claim.id) ? sum + state.principal : sum,
        0n,
      );
      const amount = toCents(penaltyAmount(penalty, fromCents(base)), "case.terms.penalty");
      if (amount > 0n)
        addCharge(
          { id: "penalty", kind: "cost", date: dateOf(day), amount: fromCents(amount) },
          true,
          amount,
          day,
        );
    }
    for (const state of yearEnds.get(day) ?? []) {
      advance(state, day);
      const unpaid = uncapitalisedOwed(state);
      if (unpaid > 0n) {
        state.capitalisedTotal += unpaid;
        state.capitalisedOutstanding += unpaid;
      }
    }
  };

  for (const day of [...eventDays].sort((a, b) => a - b)) processDay(day);
  for (const state of claims) {
    advance(state, asOf);
    close(state);
  }
  return summarise(file, asOfDate, claims, charges, allocations, credit, dateOf);
}

function claimState(
  claim: Claim,
  index: number,
  file: CaseFile,
  tables: ReadonlyMap<string, RateTable>,
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
      const known = [...tables.keys()].join(", ");
      throw new IncassoError(
        "UNKNOWN_RATE_TABLE",
        `${path}: expected one of ${known} (got: "${id}")`,
        [{ path, message: `expected one of ${known}` }],
      );
    }
  }
  const due = toEpochDay(claim.dueDate);
  let firstDay = due + 1;
  if (terms?.start.kind === "due-date") firstDay = due;
  if (terms?.start.kind === "date") firstDay = Math.max(toEpochDay(terms.start.date), due + 1);
  const breaks: number[] = [];
  if (terms !== null) {
    for (const from of table === null ? [] : tableDaysOf(table).starts)
      if (from > firstDay) breaks.push(from);
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
    firstDay,
    breaks,
    breakIndex: 0,
    through: firstDay - 1,
    principal: toCents(claim.principal, `case.claims.${index}.principal`),
    capitalisedOutstanding: 0n,
    capitalisedTotal: 0n,
    paidUncapitalised: 0n,
    closedSum: 0n,
    open: null,
    lines: [],
  };
}

function close(state: ClaimState): void {
  const line = state.open;
  if (line === null) return;
  line.amount = interestCents(line.base, line.rate, line.to - line.from + 1, line.divisor);
  state.closedSum += line.amount;
  state.lines.push(line);
  state.open = null;
}

/** Interest accrued through the day the claim was advanced to, not yet capitalised or paid. */
function uncapitalisedOwed(state: ClaimState): bigint {
  const open = state.open;
  const accrued =
    open === null
      ? state.closedSum
      : state.closedSum +
        interestCents(open.base, open.rate, open.to - open.from + 1, open.divisor);
  return accrued - state.capitalisedTotal - state.paidUncapitalised;
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
  allocations: readonly RawAllocation[],
  credit: readonly { amount: bigint }[],
  dateOf: (day: number) => Temporal.PlainDate,
): Statement {
  // Decimals are immutable, so one instance per distinct amount serves every field that shows it.
  const decimals = new Map<bigint, Decimal>();
  const fromCents = (cents: bigint): Decimal => {
    let value = decimals.get(cents);
    if (value === undefined) {
      value = centsToDecimal(cents);
      decimals.set(cents, value);
    }
    return value;
  };
  const sum = (values: readonly bigint[]) => values.reduce((total, value) => total + value, 0n);
  const claimInterest = claims.map(
    (state) =>
      state.closedSum -
      state.capitalisedTotal -
      state.paidUncapitalised +
      state.capitalisedOutstanding,
  );
  const statementClaims: StatementClaim[] = claims.map((state, index) => ({
    id: state.claim.id,
    dueDate: state.claim.dueDate,
    originalPrincipal: state.claim.principal,
    principal: fromCents(state.principal),
    interest: fromCents(claimInterest[index] ?? 0n),
    capitalisedInterest: fromCents(state.capitalisedOutstanding),
    interestAccrued: fromCents(state.closedSum),
  }));
  const statementCharges: StatementCharge[] = charges.map((state) => ({
    id: state.charge.id,
    kind: state.charge.kind,
    date: state.charge.date,
    amount: fromCents(state.amount),
    outstanding: fromCents(state.outstanding),
    penalty: state.penalty,
  }));
  const principal = sum(claims.map((state) => state.principal));
  const interest =
    sum(claimInterest) +
    sum(
      charges.filter((state) => state.charge.kind === "interest").map((state) => state.outstanding),
    );
  const costs = sum(
    charges.filter((state) => state.charge.kind === "cost").map((state) => state.outstanding),
  );
  const creditTotal = sum(credit.map((entry) => entry.amount));
  const asOfDay = toEpochDay(asOf);
  const paid = sum(
    file.payments
      .filter((payment) => toEpochDay(payment.date) <= asOfDay)
      .map((payment) => toCents(payment.amount, "payment")),
  );
  const lines: InterestLine[] = claims
    .flatMap((state) => state.lines.map((line) => ({ line, state })))
    .sort((a, b) => a.line.from - b.line.from || a.state.index - b.state.index)
    .map(({ line, state }) => ({
      claim: state.claim.id,
      from: dateOf(line.from),
      to: dateOf(line.to),
      days: line.to - line.from + 1,
      base: fromCents(line.base),
      rate: line.rate.decimal,
      margin: (state.terms as InterestTerms).margin,
      divisor: line.divisor,
      amount: fromCents(line.amount ?? 0n),
      rateEntries: line.entries,
    }));
  return {
    asOf,
    currency: file.currency,
    totals: {
      principal: fromCents(principal),
      interest: fromCents(interest),
      costs: fromCents(costs),
      interestAccrued: fromCents(sum(claims.map((state) => state.closedSum))),
      penalty: fromCents(
        sum(charges.filter((state) => state.penalty).map((state) => state.amount)),
      ),
      paid: fromCents(paid),
      credit: fromCents(creditTotal),
      balance: fromCents(principal + interest + costs - creditTotal),
    },
    claims: statementClaims,
    interestLines: lines,
    charges: statementCharges,
    allocations: allocations.map((allocation) => ({
      payment: allocation.payment,
      date: dateOf(allocation.day),
      bucket: allocation.bucket,
      target: allocation.target,
      capitalised: allocation.capitalised,
      designated: allocation.designated,
      amount: fromCents(allocation.amount),
    })),
  };
}
