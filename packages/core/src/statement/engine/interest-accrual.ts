// Interest accrual: the periods, the rate of each day and the day count (docs/calculations.md,
// "Interest").
//
// Sources:
// - First interest day: the BE law of 2 August 2002 and NL art. 6:119a BW (B2B: from the day after
//   the payment term, without notice); BE art. 5.240 new BW / old art. 1153 BW (civil: from the
//   formal notice). The case's interest terms choose; never before the day after the due date,
//   unless they say `due-date`.
// - Through the day of payment: art. 6:119a BW ("tot en met de dag waarop de schuldenaar de
//   geldsom heeft voldaan"); a payment on day D counts after D's interest.
// - Rate of a day: the rate table entry in force that day plus the margin; each table cites its
//   own legal source (rates/, docs/calculations.md "Rate tables").
// - Day count: no statute fixes it in either country, so it is a term (act/365, act/act, act/360;
//   act/360 accepted by the BE Cour de cassation 11-09-2008 where it is the sector's custom).
// - Lines: a maximal run of equal base, rate and divisor, rounded half-up to the cent per line: no
//   statute fixes the rounding, it is the calculation contract's choice (spec/case-file.md).
//
// The kernel is exact: amounts in bigint cents, rates as exact fractions, days as epoch days.
import { toEpochDay, yearOfEpochDay } from "../../dates/epoch-day.js";
import { IncassoError } from "../../errors/incasso-error.js";
import type { RateEntry, RateTable } from "../../rates/rate-table.js";
import { rateEntryOn } from "../../rates/rate-table.js";
import type { CaseFile, Claim, InterestTerms } from "../case-file.js";
import type { ExactRate } from "../cents.js";
import { interestCents, toCents, toExactRate } from "../cents.js";
import type { ClaimState } from "./engine-state.js";
import { dateOf } from "./engine-state.js";

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

/** Exact rates of table entries by margin, and of fixed-rate terms, shared by computations. */
const entryRates = new WeakMap<RateEntry, Map<string, ExactRate>>();
const fixedRates = new WeakMap<InterestTerms, ExactRate>();

/**
 * The exact rate of a table entry (or of the terms' fixed rate when `base` is null) plus the
 * margin, memoised per (immutable) entry and margin, or per terms; a margin that makes the rate
 * negative is refused.
 */
function exactRate(terms: InterestTerms, base: RateEntry | null): ExactRate {
  let byMargin: Map<string, ExactRate> | undefined;
  let margin = "";
  if (base === null) {
    const fixed = fixedRates.get(terms);
    if (fixed !== undefined) return fixed;
  } else {
    margin = marginKey(terms);
    byMargin = entryRates.get(base);
    if (byMargin === undefined) {
      byMargin = new Map();
      entryRates.set(base, byMargin);
    }
    const known = byMargin.get(margin);
    if (known !== undefined) return known;
  }
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
  const rate = toExactRate(value);
  if (byMargin === undefined) fixedRates.set(terms, rate);
  else byMargin.set(margin, rate);
  return rate;
}

/** The table entry in force from `start` through `end`, by binary search over epoch days. */
function entryOn(table: RateTable, start: number, end: number): RateEntry {
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
}

/** The number of days of a calendar year (the act/act divisor). */
function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/**
 * The state of a claim before its first interest day: its terms and table, its first interest
 * day, and the days its rate or divisor may change (the table's entries, 1 January under act/act).
 *
 * @internal
 */
export function claimState(
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

/**
 * Accrues a claim's interest through `day`; the rate and divisor change only at its breaks.
 *
 * @internal
 */
export function advance(state: ClaimState, day: number): void {
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
}

/** Accrues `start` through `end` (one rate, one divisor): extends the open line or opens one. */
function accrue(state: ClaimState, start: number, end: number): void {
  const terms = state.terms as InterestTerms;
  const base = state.principal + state.capitalisedOutstanding;
  if (base <= 0n) {
    closeLine(state);
    return;
  }
  const entry = state.table === null ? null : entryOn(state.table, start, end);
  const rate = exactRate(terms, entry);
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
  closeLine(state);
  state.open = {
    from: start,
    to: end,
    base,
    rate,
    divisor,
    entries: entry === null ? [] : [entry],
  };
}

/**
 * Closes the claim's open line: its amount rounded half-up to the cent, added to the claim's sum.
 *
 * @internal
 */
export function closeLine(state: ClaimState): void {
  const line = state.open;
  if (line === null) return;
  line.amount = interestCents(line.base, line.rate, line.to - line.from + 1, line.divisor);
  state.closedSum += line.amount;
  state.lines.push(line);
  state.open = null;
}

/**
 * Interest accrued through the day the claim was advanced to, not yet capitalised or paid.
 *
 * @internal
 */
export function uncapitalisedOwed(state: ClaimState): bigint {
  const open = state.open;
  const accrued =
    open === null
      ? state.closedSum
      : state.closedSum +
        interestCents(open.base, open.rate, open.to - open.from + 1, open.divisor);
  return accrued - state.capitalisedTotal - state.paidUncapitalised;
}
