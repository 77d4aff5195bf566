// The state one statement computation carries from rule to rule: the claims, the charges, the
// allocations and the credit, as integer cents on epoch days (the exact integer kernel). Each rule
// file (interest accrual, capitalisation, imputation, penalty, summary) reads and updates it
// through the functions it exports; nothing outside one `computeStatement` call ever sees it.
import type { Temporal } from "temporal-polyfill";
import { fromEpochDay } from "../../dates/epoch-day.js";
import type { RateEntry, RateTable } from "../../rates/rate-table.js";
import type { CaseFile, Charge, Claim, InterestTerms } from "../case-file.js";
import type { ExactRate } from "../cents.js";
import type { Allocation } from "../statement.js";

/**
 * An imputation bucket: costs, interest or principal.
 *
 * @internal
 */
export type Bucket = Allocation["bucket"];

/**
 * An interest line still being extended. Amounts are bigint cents: the exact integer kernel.
 *
 * @internal
 */
export interface OpenLine {
  from: number;
  to: number;
  /** The line's amount in cents, set when the line is closed. */
  amount?: bigint;
  base: bigint;
  rate: ExactRate;
  divisor: number;
  entries: RateEntry[];
}

/**
 * One claim during the computation: its principal, capitalised and paid interest in cents, and
 * its interest lines.
 *
 * @internal
 */
export interface ClaimState {
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

/**
 * One charge (a cost or interest fixed elsewhere, or the penalty) and what is still owed of it.
 *
 * @internal
 */
export interface ChargeState {
  readonly charge: Charge;
  readonly penalty: boolean;
  readonly amount: bigint;
  outstanding: bigint;
}

/**
 * One imputation of (part of) a payment, in cents on an epoch day.
 *
 * @internal
 */
export interface RawAllocation {
  readonly payment: string;
  readonly day: number;
  readonly bucket: Bucket;
  readonly target: Allocation["target"];
  readonly capitalised: boolean;
  readonly designated: boolean;
  readonly amount: bigint;
}

/**
 * What is left of a payment after imputation, oldest first; it pays charges that arise later.
 *
 * @internal
 */
export interface Credit {
  readonly payment: string;
  amount: bigint;
}

/**
 * The state of one statement computation, passed explicitly between the rules.
 *
 * @internal
 */
export interface EngineState {
  readonly file: CaseFile;
  /** The statement date as an epoch day. */
  readonly asOf: number;
  /** The claims in the case's order. */
  readonly claims: readonly ClaimState[];
  /** The claims oldest due date first, ties by position (the order of imputation). */
  readonly byDue: readonly ClaimState[];
  readonly claimsById: ReadonlyMap<string, ClaimState>;
  /** The charges in the order they arose (so oldest first). */
  readonly charges: ChargeState[];
  readonly allocations: RawAllocation[];
  readonly credit: Credit[];
  /** Cents of the payments counted through the statement date. */
  paid: bigint;
}

/** Dates by epoch day, shared by every computation (a PlainDate is immutable); bounded. */
const dates = new Map<number, Temporal.PlainDate>();
const MAX_DATES = 65_536;

/**
 * The `Temporal.PlainDate` of an epoch day, memoised across computations: a statement's dates
 * are few and recur from one case to the next, so a date is built once, not once per line.
 *
 * @internal
 */
export function dateOf(day: number): Temporal.PlainDate {
  let date = dates.get(day);
  if (date === undefined) {
    if (dates.size >= MAX_DATES) dates.clear();
    date = fromEpochDay(day);
    dates.set(day, date);
  }
  return date;
}
