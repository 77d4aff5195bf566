// The state one statement computation carries from rule to rule: the claims, the charges, the
// allocations and the credit, as integer cents on epoch days (the exact integer kernel). Each rule
// file (interest accrual, capitalisation, imputation, penalty, summary) reads and updates it
// through the functions it exports; nothing outside one `computeStatement` call ever sees it.
import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { fromEpochDay, toEpochDay } from "../../dates/epoch-day.js";
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
  /** The claim the line belongs to. */
  readonly owner: ClaimState;
  from: number;
  to: number;
  /** The line's amount in cents, set when the line is closed. */
  amount?: bigint;
  base: bigint;
  rate: ExactRate;
  divisor: number;
  entries: RateEntry[];
  /** The factors of the line's interest (`lineInterest`): 2 × base × rate numerator, D, 2D. */
  readonly scaled: bigint;
  readonly denominator: bigint;
  readonly twice: bigint;
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
  /** The due date as an epoch day. */
  readonly due: number;
  /** What an allocation to this claim points at (one object per claim and statement). */
  readonly target: Allocation["target"];
  readonly terms: InterestTerms | null;
  readonly table: RateTable | null;
  /** The epoch days on which the table's entries start (shared by every claim on the table). */
  readonly starts: readonly number[];
  /** The last epoch day the table is trusted for. */
  readonly trustedUntil: number;
  /** The exact rates of the table's entries plus the claim's margin, filled as they are needed. */
  readonly rates: (ExactRate | undefined)[];
  /** Whether the divisor is the length of each calendar year (act/act). */
  readonly actAct: boolean;
  readonly firstDay: number;
  /** The index of the table entry in force on the next day to accrue (`-1` before the first). */
  entryIndex: number;
  /** The calendar year of the next day to accrue, and its 1 January's successor (act/act). */
  year: number;
  nextYear: number;
  /** The last day interest has been accrued through. */
  through: number;
  principal: bigint;
  capitalisedOutstanding: bigint;
  capitalisedTotal: bigint;
  paidUncapitalised: bigint;
  closedSum: bigint;
  open: OpenLine | null;
  readonly lines: OpenLine[];
  /** The base of the claim's last line put on the statement, and its decimal (the summary's). */
  lastBase: bigint;
  lastBaseDecimal: Decimal | null;
}

/**
 * One charge (a cost or interest fixed elsewhere, or the penalty) and what is still owed of it.
 *
 * @internal
 */
export interface ChargeState {
  readonly charge: Charge;
  /** What an allocation to this charge points at. */
  readonly target: Allocation["target"];
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
  /** The charges in the order they arose (so oldest first). */
  readonly charges: ChargeState[];
  readonly allocations: RawAllocation[];
  readonly credit: Credit[];
  /** Cents of the payments counted through the statement date. */
  paid: bigint;
}

/**
 * Dates by epoch day, shared by every computation (a PlainDate is immutable): in blocks of 256
 * days for the years 1612 to 2328 (which hold every date the case files accept, 1900 to 2199), in
 * a bounded map otherwise.
 */
const BLOCK = 256;
const OFFSET = 1 << 17;
const blocks: (Temporal.PlainDate | undefined)[][] = [];
const farDates = new Map<number, Temporal.PlainDate>();
const MAX_FAR_DATES = 4_096;

/**
 * The `Temporal.PlainDate` of an epoch day, memoised across computations: a statement's dates
 * are few and recur from one case to the next, so a date is built once, not once per line.
 *
 * @internal
 */
export function dateOf(day: number): Temporal.PlainDate {
  const slot = day + OFFSET;
  if (slot >= 0 && slot < 2 * OFFSET) {
    const block = slot >> 8;
    let dates = blocks[block];
    if (dates === undefined) {
      dates = new Array<Temporal.PlainDate | undefined>(BLOCK).fill(undefined);
      blocks[block] = dates;
    }
    let date = dates[slot & (BLOCK - 1)];
    if (date === undefined) {
      date = fromEpochDay(day);
      dates[slot & (BLOCK - 1)] = date;
      days.set(date, day);
    }
    return date;
  }
  let date = farDates.get(day);
  if (date === undefined) {
    if (farDates.size >= MAX_FAR_DATES) farDates.clear();
    date = fromEpochDay(day);
    farDates.set(day, date);
    days.set(date, day);
  }
  return date;
}

/** Epoch days of the dates a computation reads, shared by computations (a PlainDate is immutable). */
const days = new WeakMap<Temporal.PlainDate, number>();

/**
 * The epoch day of a `Temporal.PlainDate`, memoised per date object: the polyfill's `year`,
 * `month` and `day` getters cost about 100 ns each, a look-up a fraction of that, and the same
 * case file's dates are read by every computation of its statement.
 *
 * @internal
 */
export function dayOf(date: Temporal.PlainDate): number {
  let day = days.get(date);
  if (day === undefined) {
    day = toEpochDay(date);
    // Only the polyfill's own dates, which nothing can change; any other object is read anew.
    if (date instanceof Temporal.PlainDate) days.set(date, day);
  }
  return day;
}
