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
import type { Decimal } from "decimal.js";
import { toEpochDay, yearOfEpochDay } from "../../dates/epoch-day.js";
import { IncassoError } from "../../errors/incasso-error.js";
import type { RateEntry, RateTable } from "../../rates/rate-table.js";
import { rateEntryOn } from "../../rates/rate-table.js";
import type { CaseFile, Claim, InterestTerms } from "../case-file.js";
import type { ExactRate } from "../cents.js";
import { interestDenominator, lineInterest, toCents, toExactRate } from "../cents.js";
import type { ClaimState } from "./engine-state.js";
import { dateOf, dayOf } from "./engine-state.js";

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

const marginKeys = new WeakMap<InterestTerms, { readonly margin: Decimal; readonly key: string }>();
/**
 * The margin of interest terms as a string key, memoised per terms object and margin: a host
 * that puts another margin on the same terms object between two statements gets the new one (a
 * decimal itself never changes).
 */
function marginKey(terms: InterestTerms): string {
  const known = marginKeys.get(terms);
  if (known !== undefined && known.margin === terms.margin) return known.key;
  const key = terms.margin.toString();
  marginKeys.set(terms, { margin: terms.margin, key });
  return key;
}

/** Exact rates of each table's entries by margin, in the entries' order, shared by computations. */
const tableRates = new WeakMap<RateTable, Map<string, (ExactRate | undefined)[]>>();
const fixedRates = new WeakMap<
  InterestTerms,
  { readonly fixed: Decimal; readonly margin: Decimal; readonly rate: ExactRate }
>();
const NO_DAYS: readonly number[] = [];

/** The (lazily filled) exact rates of a table's entries plus the terms' margin. */
function ratesOf(table: RateTable, terms: InterestTerms): (ExactRate | undefined)[] {
  let byMargin = tableRates.get(table);
  if (byMargin === undefined) {
    byMargin = new Map();
    tableRates.set(table, byMargin);
  }
  const margin = marginKey(terms);
  let rates = byMargin.get(margin);
  if (rates === undefined) {
    rates = new Array<ExactRate | undefined>(table.entries.length).fill(undefined);
    byMargin.set(margin, rates);
  }
  return rates;
}

/**
 * The exact rate of a table entry (or of the terms' fixed rate when `base` is null) plus the
 * margin; a margin that makes the rate negative is refused.
 */
function exactRate(terms: InterestTerms, base: RateEntry | null): ExactRate {
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
  return toExactRate(value);
}

/** The number of days of a calendar year (the act/act divisor). */
function daysInYear(year: number): number {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
}

/** The epoch day of 1 January of a year. */
const januaryFirst = (year: number) => toEpochDay({ year, month: 1, day: 1 });

/**
 * The state of a claim before its first interest day: its terms and table, its first interest
 * day, and where it stands in its table (the rate changes on the table's entries, and the divisor
 * on 1 January under act/act).
 *
 * @internal
 */
export function claimState(
  claim: Claim,
  index: number,
  file: CaseFile,
  tables: ReadonlyMap<string, RateTable>,
  dueDay: number,
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
  let firstDay = dueDay + 1;
  if (terms?.start.kind === "due-date") firstDay = dueDay;
  if (terms?.start.kind === "date") firstDay = Math.max(dayOf(terms.start.date), dueDay + 1);
  const days = table === null ? null : tableDaysOf(table);
  const starts = days === null ? NO_DAYS : days.starts;
  // The entry in force on the first interest day: the last that starts on or before it.
  let entryIndex = -1;
  let high = starts.length - 1;
  while (entryIndex < high) {
    const middle = (entryIndex + high + 1) >> 1;
    if ((starts[middle] as number) <= firstDay) entryIndex = middle;
    else high = middle - 1;
  }
  const actAct = terms !== null && terms.dayCount === "act/act";
  const year = actAct ? yearOfEpochDay(firstDay) : 0;
  return {
    claim,
    index,
    due: dueDay,
    target: { kind: "claim", id: claim.id },
    terms,
    table,
    starts,
    trustedUntil: days === null ? 0 : days.trustedUntil,
    rates: table === null || terms === null ? [] : ratesOf(table, terms),
    actAct,
    firstDay,
    entryIndex,
    year,
    nextYear: actAct ? januaryFirst(year + 1) : 0,
    through: firstDay - 1,
    principal: toCents(claim.principal, `case.claims.${index}.principal`),
    capitalisedOutstanding: 0n,
    capitalisedTotal: 0n,
    paidUncapitalised: 0n,
    closedSum: 0n,
    open: null,
    lines: [],
    lastBase: -1n,
    lastBaseDecimal: null,
  };
}

/**
 * Accrues a claim's interest through `day`, in runs of one rate and one divisor: a run ends the
 * day before the next table entry starts and, under act/act, on 31 December.
 *
 * @internal
 */
export function advance(state: ClaimState, day: number): void {
  if (state.terms === null || day <= state.through) return;
  let from = state.through + 1;
  if (from < state.firstDay) from = state.firstDay;
  const starts = state.starts;
  while (from <= day) {
    while (
      state.entryIndex + 1 < starts.length &&
      (starts[state.entryIndex + 1] as number) <= from
    ) {
      state.entryIndex++;
    }
    let end = day;
    const nextEntry = starts[state.entryIndex + 1];
    if (nextEntry !== undefined && nextEntry - 1 < end) end = nextEntry - 1;
    if (state.actAct) {
      while (state.nextYear <= from) {
        state.year++;
        state.nextYear = januaryFirst(state.year + 1);
      }
      if (state.nextYear - 1 < end) end = state.nextYear - 1;
    }
    accrue(state, from, end);
    from = end + 1;
  }
  state.through = day;
}

/** The exact rate in force from `start` through `end` (one table entry, or the fixed rate). */
function rateOf(state: ClaimState, start: number, end: number): ExactRate {
  const terms = state.terms as InterestTerms;
  const table = state.table;
  if (table === null) {
    // Memoised per terms object, fixed rate and margin (see `marginKey`).
    const fixed = (terms.rate as { fixed: Decimal }).fixed;
    const known = fixedRates.get(terms);
    if (known !== undefined && known.fixed === fixed && known.margin === terms.margin)
      return known.rate;
    const rate = exactRate(terms, null);
    fixedRates.set(terms, { fixed, margin: terms.margin, rate });
    return rate;
  }
  if (state.entryIndex < 0) rateEntryOn(table, dateOf(start)); // throws RATE_NOT_COVERED
  if (end > state.trustedUntil) rateEntryOn(table, dateOf(end)); // throws RATE_NOT_COVERED
  let rate = state.rates[state.entryIndex];
  if (rate === undefined) {
    rate = exactRate(terms, table.entries[state.entryIndex] as RateEntry);
    state.rates[state.entryIndex] = rate;
  }
  return rate;
}

/** Accrues `start` through `end` (one rate, one divisor): extends the open line or opens one. */
function accrue(state: ClaimState, start: number, end: number): void {
  const terms = state.terms as InterestTerms;
  const base = state.principal + state.capitalisedOutstanding;
  if (base <= 0n) {
    closeLine(state);
    return;
  }
  const rate = rateOf(state, start, end);
  const entry = state.table === null ? null : (state.table.entries[state.entryIndex] as RateEntry);
  const divisor =
    terms.dayCount === "act/360"
      ? 360
      : terms.dayCount === "act/365"
        ? 365
        : daysInYear(state.year);
  const open = state.open;
  if (
    open !== null &&
    open.to === start - 1 &&
    open.divisor === divisor &&
    open.base === base &&
    // Exact rates are in lowest decimal terms (decimal.js drops trailing zeros): equal rates
    // have equal numerators and denominators.
    (open.rate === rate || (open.rate.num === rate.num && open.rate.den === rate.den))
  ) {
    open.to = end;
    if (entry !== null && !open.entries.includes(entry)) open.entries.push(entry);
    return;
  }
  closeLine(state);
  const denominator = interestDenominator(rate, divisor);
  state.open = {
    owner: state,
    from: start,
    to: end,
    base,
    rate,
    divisor,
    entries: entry === null ? [] : [entry],
    scaled: 2n * base * rate.num,
    denominator,
    twice: 2n * denominator,
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
  line.amount = lineInterest(line.scaled, line.denominator, line.twice, line.to - line.from + 1);
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
        lineInterest(open.scaled, open.denominator, open.twice, open.to - open.from + 1);
  return accrued - state.capitalisedTotal - state.paidUncapitalised;
}
