import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { beCalendar } from "../calendar/be-calendar.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { nlCalendar } from "../calendar/nl-calendar.js";
import { daysBetween } from "../dates/day-arithmetic.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { MoneyDecimal } from "../money/decimal.js";
import type { RateTable } from "../rates/rate-table.js";
import { builtInRateTables } from "../rates/rates-file.js";
import type { CaseFile } from "../statement/case-file.js";
import { computeStatement } from "../statement/compute-statement.js";
import type { Statement } from "../statement/statement.js";
import type { CaseEvent } from "./case-event.js";
import type { Finding } from "./findings/finding.js";
import type { CaseState, FoldOptions } from "./fold-case.js";
import { foldCase } from "./fold-case.js";
import { createPackContext, DEFAULT_IMPUTATION } from "./rule-packs/pack-context.js";
import type { RulePackPolicy } from "./rule-packs.js";
import { RULE_PACK_DEFINITIONS } from "./rule-packs.js";

/**
 * Options of the case reports.
 *
 * @example
 * ```ts
 * import type { CaseOptions } from "@incasso/core";
 * const options: CaseOptions = { policy: { book19AboveCap: "nothing" } };
 * ```
 */
export interface CaseOptions extends FoldOptions {
  readonly policy?: RulePackPolicy;
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

/**
 * A case as the calculation engine sees it after its rule pack has applied, with the findings and
 * the dates the pack computed.
 *
 * @example
 * ```ts
 * import { parseIsoDate, resolveCase, type ResolvedCase } from "@incasso/core";
 * declare const events: unknown[];
 * const resolved: ResolvedCase = resolveCase(events, parseIsoDate("2026-06-30"));
 * ```
 */
export interface ResolvedCase {
  readonly state: CaseState;
  readonly caseFile: CaseFile;
  readonly rateTables: ReadonlyMap<string, RateTable>;
  readonly findings: readonly Finding[];
  /** be.consumer: the first day anything may be charged (after the Book XIX waiting period). */
  readonly chargeableFrom?: Temporal.PlainDate;
  /** nl.consumer: the last day of the term of the 14-day letter that made the BIK due. */
  readonly letterTermExpiry?: Temporal.PlainDate;
  /** nl.consumer: every 14-day letter with its receipt, its term and whether it made the BIK due. */
  readonly letters14?: readonly LetterTerm[];
}

/**
 * A Dutch 14-day letter (art. 6:96 lid 6 BW) as the `nl.consumer` pack reads it: when it was
 * sent and by which channel, the day it reached the debtor and the rule that says so, the last
 * day of its 14-day term (Algemene termijnenwet applied), the claims the debtor was in default for
 * when it was sent, and whether it is the letter that made the BIK due.
 *
 * @example
 * ```ts
 * import { caseStatement, parseIsoDate, type LetterTerm } from "@incasso/core";
 * declare const events: unknown[];
 * const letters: readonly LetterTerm[] = caseStatement(events, parseIsoDate("2026-06-30")).letters14 ?? [];
 * letters.find((letter) => letter.foundsBik)?.termExpiry.toString();
 * ```
 */
export interface LetterTerm {
  readonly eventId: string;
  readonly sent: Temporal.PlainDate;
  readonly channel: "post" | "email" | "registered-post" | "hand-delivered";
  /** The day the letter reached (or is presumed to have reached) the debtor; the term starts the day after. */
  readonly received: Temporal.PlainDate;
  /** Why `received` is that day, with the source. */
  readonly receipt: string;
  /** The last day of the 14-day term. */
  readonly termExpiry: Temporal.PlainDate;
  /** The last day to pay as the letter states it, if it states one. */
  readonly statedExpiry?: Temporal.PlainDate;
  /** The claims the debtor was in default for when the letter was sent. */
  readonly claims: readonly string[];
  /** Whether this is the letter that made the BIK due (the first letter that could). */
  readonly foundsBik: boolean;
}

const ZERO = new MoneyDecimal(0);
let calendars: { be: BusinessCalendar; nl: BusinessCalendar } | undefined;
let tables: ReadonlyMap<string, RateTable> | undefined;
const defaults = () => {
  if (calendars === undefined) calendars = { be: beCalendar(), nl: nlCalendar() };
  if (tables === undefined) tables = builtInRateTables();
  return { calendars, tables };
};

/**
 * Applies a case's rule pack to its events as of a date: which claims bear interest from when and
 * at which rate, which penalty and costs are due and from when, in which order payments are
 * imputed, and the findings of the pack's checks. Anything a pack finds not due is left out of the
 * case file and explained in a finding.
 *
 * @example
 * ```ts
 * import { parseIsoDate, resolveCase } from "@incasso/core";
 * declare const events: unknown[];
 * resolveCase(events, parseIsoDate("2026-06-30")).findings.map((f) => f.code);
 * ```
 */
export function resolveCase(
  events: unknown,
  asOf: Temporal.PlainDate,
  options: CaseOptions = {},
): ResolvedCase {
  const state = foldCase(events, asOf, options);
  const { calendars: builtInCalendars, tables: builtInTables } = defaults();
  const rateTables = new Map(options.rateTables ?? builtInTables);
  const findings: Finding[] = [];
  const context = createPackContext(state, {
    policy: options.policy ?? {},
    calendars: builtInCalendars,
    rateTables,
    findings,
  });
  const resolution = RULE_PACK_DEFINITIONS[state.rulePack].resolve(context);
  const { penalty } = resolution;
  const caseFile: CaseFile = {
    asOf: state.asOf,
    currency: "EUR",
    terms: {
      interest: null,
      penalty: penalty?.clause ?? null,
      penaltyDate: penalty?.date ?? null,
      imputation: resolution.imputation ?? DEFAULT_IMPUTATION,
      ...(penalty?.claims === undefined ? {} : { penaltyClaims: penalty.claims }),
    },
    claims: resolution.claims,
    payments: context.payments,
    charges: resolution.charges,
  };
  return {
    state,
    caseFile,
    rateTables,
    findings,
    ...(resolution.chargeableFrom === undefined
      ? {}
      : { chargeableFrom: resolution.chargeableFrom }),
    ...(resolution.letterTermExpiry === undefined
      ? {}
      : { letterTermExpiry: resolution.letterTermExpiry }),
    ...(resolution.letters14 === undefined ? {} : { letters14: resolution.letters14 }),
  };
}

/**
 * The statement of a case as of a date: its events folded, its rule pack applied, the calculation
 * engine run. Returns the statement with the case and the pack's findings.
 *
 * @example
 * ```ts
 * import { caseStatement, parseIsoDate } from "@incasso/core";
 * declare const events: unknown[];
 * caseStatement(events, parseIsoDate("2026-06-30")).statement.totals.balance.toFixed(2);
 * ```
 */
export function caseStatement(
  events: unknown,
  asOf: Temporal.PlainDate,
  options: CaseOptions = {},
): ResolvedCase & { readonly statement: Statement } {
  const resolved = resolveCase(events, asOf, options);
  return {
    ...resolved,
    statement: computeStatement(resolved.caseFile, { asOf, rateTables: resolved.rateTables }),
  };
}

/**
 * "What if": the statement as of a date if the debtor also paid `amount` on `date`. The events are
 * not changed.
 *
 * @example
 * ```ts
 * import { parseIsoDate, whatIf } from "@incasso/core";
 * declare const events: unknown[];
 * whatIf(events, parseIsoDate("2026-06-30"), { date: "2026-06-30", amount: "500.00" }).statement.totals.balance;
 * ```
 */
export function whatIf(
  events: unknown,
  asOf: Temporal.PlainDate,
  payment: { readonly date: string; readonly amount: string },
  options: CaseOptions = {},
): ResolvedCase & { readonly statement: Statement } {
  const list = Array.isArray(events) ? events : ((events as { events?: unknown[] }).events ?? []);
  const extra: CaseEvent = {
    id: "what-if",
    type: "payment.received",
    at: payment.date,
    recordedAt: "1970-01-01T00:00:00Z",
    by: "what-if",
    paymentId: "WHAT-IF",
    amount: payment.amount,
  };
  return caseStatement([...list, extra], asOf, options);
}

/**
 * The row of a case in lists: number, client, owner, status, balance, last contact, next action
 * date (the earliest open promise) and days past due (from the oldest claim with principal open).
 *
 * @example
 * ```ts
 * import type { CaseSummary } from "@incasso/core";
 * const overdue = (row: CaseSummary) => row.daysPastDue > 90;
 * ```
 */
export interface CaseSummary {
  readonly caseNumber: string;
  readonly client: string;
  readonly owner: string;
  readonly collectionGroup: string | null;
  readonly status: CaseState["status"] | "paid";
  readonly balance: Decimal;
  readonly lastContact: string | null;
  readonly nextActionDate: string | null;
  /** Days since the next action date when it is already past (overdue), else `null`. */
  readonly nextActionDaysOverdue: number | null;
  readonly daysPastDue: number;
}

/**
 * The summary row of a case as of a date (see {@link CaseSummary}). A case whose balance is zero or
 * less and that is not written off or closed has status `paid`.
 *
 * @example
 * ```ts
 * import { caseSummary, parseIsoDate } from "@incasso/core";
 * declare const events: unknown[];
 * caseSummary(events, parseIsoDate("2026-06-30")).daysPastDue;
 * ```
 */
export function caseSummary(
  events: unknown,
  asOf: Temporal.PlainDate,
  options: CaseOptions = {},
): CaseSummary {
  const { state, statement } = caseStatement(events, asOf, options);
  return summaryOf(state, statement, asOf);
}

/**
 * The summary of a case already folded and computed as of a date (see {@link caseSummary}).
 *
 * @internal
 */
export function summaryOf(
  state: CaseState,
  statement: Statement,
  asOf: Temporal.PlainDate,
): CaseSummary {
  const open = statement.claims.filter((claim) => claim.principal.gt(0));
  const oldest = open.reduce<Temporal.PlainDate | null>(
    (min, claim) =>
      min === null || Temporal.PlainDate.compare(claim.dueDate, min) < 0 ? claim.dueDate : min,
    null,
  );
  const promises = state.promises
    .filter((promise) => promise.state === "open")
    .map((promise) => promise.dueDate)
    .sort();
  const balance = statement.totals.balance;
  const status =
    (state.status === "open" || state.status === "payment-plan") && balance.lte(ZERO)
      ? "paid"
      : state.status;
  return {
    caseNumber: state.caseNumber,
    client: state.opened.client.name,
    owner: state.owner,
    collectionGroup: state.opened.collectionGroup ?? null,
    status,
    balance,
    lastContact: state.lastContact,
    nextActionDate: promises[0] ?? null,
    nextActionDaysOverdue: overdueDays(promises[0], asOf),
    daysPastDue: oldest === null ? 0 : Math.max(0, daysBetween(oldest, asOf)),
  };
}

function overdueDays(date: string | undefined, asOf: Temporal.PlainDate): number | null {
  if (date === undefined) return null;
  const days = daysBetween(parseIsoDate(date), asOf);
  return days > 0 ? days : null;
}
