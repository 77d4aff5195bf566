// The statement engine: one pass over the days on which something happens, each rule in its own
// file under engine/ with its legal source (interest accrual, capitalisation, imputation, the
// penalty, the summary). The state they share is one explicit object (engine/engine-state.ts);
// inside, amounts are bigint cents and days epoch days (the exact integer kernel).
import type { Temporal } from "temporal-polyfill";
import type { PenaltyClause } from "../charges/penalty-clause.js";
import type { RateTable } from "../rates/rate-table.js";
import { builtInRateTables } from "../rates/rates-file.js";
import type { CaseFile, Charge, Claim, Payment } from "./case-file.js";
import { toCents } from "./cents.js";
import { capitalisationDays, capitalise } from "./engine/capitalisation.js";
import type { ClaimState, EngineState } from "./engine/engine-state.js";
import { dayOf } from "./engine/engine-state.js";
import { addCharge, applyPayment } from "./engine/imputation.js";
import { advance, claimState, closeLine } from "./engine/interest-accrual.js";
import { fixPenalty } from "./engine/penalty.js";
import { summarise } from "./engine/summary.js";
import type { Statement } from "./statement.js";

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
  const asOf = dayOf(asOfDate);
  const tables = options.rateTables ?? defaultRateTables();
  const claims: ClaimState[] = [];
  for (let index = 0; index < file.claims.length; index++) {
    const claim = file.claims[index] as Claim;
    claims.push(claimState(claim, index, file, tables, dayOf(claim.dueDate)));
  }
  const engine: EngineState = {
    file,
    asOf,
    claims,
    byDue: oldestFirst(claims),
    charges: [],
    allocations: [],
    credit: [],
    paid: 0n,
  };

  // The days on which something happens, in order; interest accrues lazily in between. Within a
  // day: the charges of the day, then its payments in the order given, then the penalty at the
  // end of its day, then capitalisation at the end of a year of interest.
  const payments = inOrderOfDays(file.payments, asOf);
  const charges = inOrderOfDays(file.charges, asOf);
  const penalty = file.terms.penalty;
  let penaltyDay = penalty === null ? Infinity : dayOf(file.terms.penaltyDate ?? asOfDate);
  if (penaltyDay > asOf) penaltyDay = Infinity;
  const yearEnds = capitalisationDays(claims, asOf);
  const yearEndDays = yearEnds.size === 0 ? NO_DAYS : [...yearEnds.keys()].sort((a, b) => a - b);
  let nextPayment = 0;
  let nextCharge = 0;
  let nextYearEnd = 0;
  for (;;) {
    let day = penaltyDay;
    if (nextPayment < payments.days.length && (payments.days[nextPayment] as number) < day)
      day = payments.days[nextPayment] as number;
    if (nextCharge < charges.days.length && (charges.days[nextCharge] as number) < day)
      day = charges.days[nextCharge] as number;
    if (nextYearEnd < yearEndDays.length && (yearEndDays[nextYearEnd] as number) < day)
      day = yearEndDays[nextYearEnd] as number;
    if (day === Infinity) break;
    for (; nextCharge < charges.days.length && charges.days[nextCharge] === day; nextCharge++) {
      const index = charges.indices[nextCharge] as number;
      const charge = file.charges[index] as Charge;
      addCharge(engine, charge, false, toCents(charge.amount, `case.charges.${index}.amount`), day);
    }
    for (
      ;
      nextPayment < payments.days.length && payments.days[nextPayment] === day;
      nextPayment++
    ) {
      const index = payments.indices[nextPayment] as number;
      applyPayment(engine, file.payments[index] as Payment, index, day);
    }
    if (day === penaltyDay) {
      fixPenalty(engine, penalty as PenaltyClause, day);
      penaltyDay = Infinity;
    }
    if (nextYearEnd < yearEndDays.length && yearEndDays[nextYearEnd] === day) {
      for (const state of yearEnds.get(day) as ClaimState[]) capitalise(state, day);
      nextYearEnd++;
    }
  }
  for (const state of claims) {
    advance(state, asOf);
    closeLine(state);
  }
  return summarise(engine, asOfDate);
}

const NO_DAYS: readonly number[] = [];

/** The claims oldest due date first, ties by position (often already their order). */
function oldestFirst(claims: readonly ClaimState[]): readonly ClaimState[] {
  for (let index = 1; index < claims.length; index++) {
    if ((claims[index] as ClaimState).due < (claims[index - 1] as ClaimState).due)
      return [...claims].sort((a, b) => a.due - b.due || a.index - b.index);
  }
  return claims;
}
const NONE = { days: NO_DAYS, indices: NO_DAYS };

/**
 * The items dated through `asOf`, as their epoch days in order and their positions in the list
 * (items of one day in the order given).
 */
function inOrderOfDays(
  items: readonly { readonly date: Temporal.PlainDate }[],
  asOf: number,
): { readonly days: readonly number[]; readonly indices: readonly number[] } {
  if (items.length === 0) return NONE;
  const days: number[] = [];
  const indices: number[] = [];
  let sorted = true;
  for (let index = 0; index < items.length; index++) {
    const day = dayOf((items[index] as { readonly date: Temporal.PlainDate }).date);
    if (day > asOf) continue;
    if (days.length > 0 && day < (days[days.length - 1] as number)) sorted = false;
    days.push(day);
    indices.push(index);
  }
  if (sorted) return { days, indices };
  // Stable: items of one day keep their order.
  const order = indices.map((_, position) => position);
  order.sort((a, b) => (days[a] as number) - (days[b] as number) || a - b);
  return {
    days: order.map((position) => days[position] as number),
    indices: order.map((position) => indices[position] as number),
  };
}
