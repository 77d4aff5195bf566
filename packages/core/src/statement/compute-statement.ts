// The statement engine: one pass over the days on which something happens, each rule in its own
// file under engine/ with its legal source (interest accrual, capitalisation, imputation, the
// penalty, the summary). The state they share is one explicit object (engine/engine-state.ts);
// inside, amounts are bigint cents and days epoch days (the exact integer kernel).
import type { Temporal } from "temporal-polyfill";
import { toEpochDay } from "../dates/epoch-day.js";
import type { RateTable } from "../rates/rate-table.js";
import { builtInRateTables } from "../rates/rates-file.js";
import type { CaseFile } from "./case-file.js";
import { toCents } from "./cents.js";
import { capitalisationDays, capitalise } from "./engine/capitalisation.js";
import type { EngineState } from "./engine/engine-state.js";
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
  const asOf = toEpochDay(asOfDate);
  const tables = options.rateTables ?? defaultRateTables();
  const claims = file.claims.map((claim, index) => claimState(claim, index, file, tables, asOf));
  const engine: EngineState = {
    file,
    asOf,
    claims,
    byDue: [...claims].sort(
      (a, b) => toEpochDay(a.claim.dueDate) - toEpochDay(b.claim.dueDate) || a.index - b.index,
    ),
    claimsById: new Map(claims.map((state) => [state.claim.id, state])),
    charges: [],
    allocations: [],
    credit: [],
    paid: 0n,
  };

  // The days on which something happens, in order; interest accrues lazily in between.
  const paymentsByDay = groupByDay(
    file.payments.filter((payment) => toEpochDay(payment.date) <= asOf),
  );
  const chargesByDay = groupByDay(file.charges.filter((charge) => toEpochDay(charge.date) <= asOf));
  const penalty = file.terms.penalty;
  const penaltyDay = penalty === null ? null : toEpochDay(file.terms.penaltyDate ?? asOfDate);
  const yearEnds = capitalisationDays(claims, asOf);
  const eventDays = new Set<number>([
    ...paymentsByDay.keys(),
    ...chargesByDay.keys(),
    ...yearEnds.keys(),
  ]);
  if (penaltyDay !== null && penaltyDay <= asOf) eventDays.add(penaltyDay);
  const paymentIndex = new Map(file.payments.map((payment, index) => [payment, index]));

  // Within a day: the charges of the day, then its payments in the order given, then the penalty
  // at the end of its day, then capitalisation at the end of a year of interest.
  for (const day of [...eventDays].sort((a, b) => a - b)) {
    for (const charge of chargesByDay.get(day) ?? []) {
      const amount = toCents(charge.amount, `case.charges.${file.charges.indexOf(charge)}.amount`);
      addCharge(engine, charge, false, amount, day);
    }
    for (const payment of paymentsByDay.get(day) ?? [])
      applyPayment(engine, payment, paymentIndex.get(payment) ?? 0, day);
    if (penalty !== null && day === penaltyDay) fixPenalty(engine, penalty, day);
    for (const state of yearEnds.get(day) ?? []) capitalise(state, day);
  }
  for (const state of claims) {
    advance(state, asOf);
    closeLine(state);
  }
  return summarise(engine, asOfDate);
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
