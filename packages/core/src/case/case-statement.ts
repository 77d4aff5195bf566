import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { addBusinessDays } from "../calendar/add-business-days.js";
import { beCalendar } from "../calendar/be-calendar.js";
import type { BusinessCalendar } from "../calendar/business-calendar.js";
import { termijnenwetDeadline } from "../calendar/deadline.js";
import { nlCalendar } from "../calendar/nl-calendar.js";
import type { PenaltyClause } from "../charges/penalty-clause.js";
import { beBook19Damages, penaltyAmount } from "../charges/penalty-clause.js";
import { daysBetween } from "../dates/day-arithmetic.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { MoneyDecimal } from "../money/decimal.js";
import type { RateTable } from "../rates/rate-table.js";
import { createRateTable } from "../rates/rate-table.js";
import { builtInRateTables } from "../rates/rates-file.js";
import type {
  CaseFile,
  Charge,
  Claim,
  ImputationOrder,
  InterestTerms,
  Payment,
} from "../statement/case-file.js";
import { toDesignation, toPenalty } from "../statement/case-file-schema.js";
import { computeStatement } from "../statement/compute-statement.js";
import type { Statement } from "../statement/statement.js";
import type { CaseEvent, ContractTerms } from "./case-event.js";
import type { Finding } from "./findings/finding.js";
import type { FindingReport } from "./findings/finding-report.js";
import { toFinding } from "./findings/finding-report.js";
import type { CaseState, FoldOptions } from "./fold-case.js";
import { foldCase } from "./fold-case.js";
import type { RulePackPolicy } from "./rule-packs.js";

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

const d = (value: string | number) => new MoneyDecimal(value);
const ZERO = d(0);
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
  const { calendars: cal, tables: builtIn } = defaults();
  const rateTables = new Map(options.rateTables ?? builtIn);
  const policy = options.policy ?? {};
  const findings: Finding[] = [];
  const report = (finding: FindingReport) => {
    findings.push(toFinding(finding));
  };
  const contractOf = (claimTerms: ContractTerms | undefined): ContractTerms =>
    claimTerms ?? state.terms;
  const date = (text: string) => parseIsoDate(text);
  const anatocismDates = state.anatocism.map((event) => date(event.at));
  const charges: Charge[] = state.charges.map((event) => ({
    id: event.chargeId,
    kind: event.kind,
    date: date(event.at),
    amount: d(event.amount),
  }));
  const payments: Payment[] = state.payments.map((event) => ({
    id: event.paymentId,
    date: date(event.at),
    amount: d(event.amount),
    ...(event.designation === undefined
      ? {}
      : { designation: event.designation.map(toDesignation) }),
    ...(event.imputation === undefined ? {} : { imputation: event.imputation }),
  }));
  const interest = (
    contract: ContractTerms,
    fallbackTable: string,
    start: InterestTerms["start"],
    compounding: InterestTerms["compounding"],
    capitalisationDates: readonly Temporal.PlainDate[] = [],
  ): InterestTerms => ({
    rate: contract.interest === undefined ? { table: fallbackTable } : contractRate(contract),
    margin: d(contract.interest?.margin ?? "0"),
    compounding,
    dayCount: "act/365",
    start,
    ...(capitalisationDates.length > 0 ? { capitalisationDates } : {}),
  });
  let penalty: PenaltyClause | null = null;
  let penaltyDate: Temporal.PlainDate | null = null;
  let imputation: ImputationOrder = "costs-interest-principal";
  let chargeableFrom: Temporal.PlainDate | undefined;
  let letterTermExpiry: Temporal.PlainDate | undefined;
  let penaltyClaims: readonly string[] | undefined;
  const letters14: LetterTerm[] = [];
  let claims: Claim[] = [];
  const baseClaim = (claim: CaseState["claims"][number]) => ({
    id: claim.id,
    principal: d(claim.amount),
    dueDate: date(claim.dueDate),
  });
  const latestDue = state.claims.reduce<Temporal.PlainDate | null>(
    (latest, claim) =>
      latest === null || claim.dueDate > latest.toString() ? date(claim.dueDate) : latest,
    null,
  );

  switch (state.rulePack) {
    case "be.b2b": {
      claims = state.claims.map((claim) => ({
        ...baseClaim(claim),
        interest: interest(
          contractOf(claim.terms),
          "be.commercial",
          { kind: "day-after-due" },
          "none",
          anatocismDates,
        ),
      }));
      for (const claim of state.claims) {
        charges.push({
          id: `b2b40-${claim.id}`,
          kind: "cost",
          date: date(claim.dueDate).add({ days: 1 }),
          amount: d(40),
        });
      }
      const clause = state.terms.penalty;
      if (clause !== undefined) {
        penalty = toPenalty(clause);
        penaltyDate = state.notices[0] === undefined ? null : date(state.notices[0].at);
        report({
          code: "B2B_COMPENSATION_WITH_CLAUSE",
          source: "Law of 2 August 2002 art. 6 (reasonable compensation)",
        });
      }
      break;
    }
    case "be.civil": {
      const notice = state.notices[0];
      imputation = policy.beCivilImputation ?? "costs-interest-principal";
      if (notice === undefined) {
        report({ code: "NO_FORMAL_NOTICE", source: "new BW art. 5.240 (old art. 1153)" });
        claims = state.claims.map((claim) => ({ ...baseClaim(claim), interest: null }));
        break;
      }
      const noticeDate = date(notice.at);
      claims = state.claims.map((claim) => {
        const start = laterOf(noticeDate, date(claim.dueDate).add({ days: 1 }));
        const valid = anatocismDates.filter((when) => daysBetween(start, when) >= 365);
        return {
          ...baseClaim(claim),
          interest: interest(
            contractOf(claim.terms),
            "be.legal",
            { kind: "date", date: noticeDate },
            "none",
            valid,
          ),
        };
      });
      for (const event of state.anatocism) {
        const tooEarly = state.claims.some(
          (claim) =>
            daysBetween(laterOf(noticeDate, date(claim.dueDate).add({ days: 1 })), date(event.at)) <
            365,
        );
        if (tooEarly) {
          report({
            code: "ANATOCISM_TOO_EARLY",
            source: "old Civil Code art. 1154",
            eventId: event.id,
          });
        }
      }
      if (state.terms.penalty !== undefined) {
        penalty = toPenalty(state.terms.penalty);
        penaltyDate = noticeDate;
      }
      break;
    }
    case "be.consumer": {
      const first = state.reminders.find((reminder) => reminder.first);
      if (first === undefined) {
        report({ code: "NO_FIRST_REMINDER", source: "WER art. XIX.2" });
        claims = state.claims.map((claim) => ({ ...baseClaim(claim), interest: null }));
        charges.length = 0;
        break;
      }
      if (first.cost !== undefined && d(first.cost).gt(0)) {
        report({ code: "FIRST_REMINDER_NOT_FREE", source: "WER art. XIX.2", eventId: first.id });
      }
      if (first.at < "2023-09-01") {
        report({
          code: "BOOK19_NOT_IN_FORCE",
          source: "Law of 4 May 2023 art. 15",
          eventId: first.id,
        });
      }
      const sent = date(first.at);
      const waitingStart =
        first.channel === "email" ? sent.add({ days: 1 }) : addBusinessDays(cal.be, sent, 3);
      const from = waitingStart.add({ days: 14 });
      chargeableFrom = from;
      // Manual charges dated inside the waiting period are not due.
      for (let index = charges.length - 1; index >= 0; index--) {
        const charge = charges[index] as Charge;
        if (Temporal.PlainDate.compare(charge.date, from) < 0) {
          charges.splice(index, 1);
          report({
            code: "CHARGE_IN_WAITING_PERIOD",
            params: { chargeId: charge.id },
            source: "WER art. XIX.2",
          });
        }
      }
      const aboveCap = policy.book19AboveCap ?? "capped";
      claims = state.claims.map((claim) => {
        const contract = contractOf(claim.terms);
        const start = { kind: "date" as const, date: from };
        if (contract.interest === undefined) return { ...baseClaim(claim), interest: null };
        const rate = contractRate(contract);
        if (!("fixed" in rate))
          return { ...baseClaim(claim), interest: interest(contract, "be.legal", start, "none") };
        const total = rate.fixed.plus(d(contract.interest.margin ?? "0"));
        const commercial = rateTables.get("be.commercial");
        const exceeds =
          commercial?.entries.some(
            (entry) => entry.rate.lt(total) && entry.from.toString() <= state.asOf.toString(),
          ) ?? false;
        if (!exceeds || commercial === undefined)
          return { ...baseClaim(claim), interest: interest(contract, "be.legal", start, "none") };
        report({
          code: "INTEREST_ABOVE_CAP",
          params: { rate: total.toString(), policy: aboveCap },
          source: "WER art. XIX.4",
        });
        if (aboveCap === "nothing") return { ...baseClaim(claim), interest: null };
        if (aboveCap === "legal-interest-only") {
          return { ...baseClaim(claim), interest: { ...interest({}, "be.legal", start, "none") } };
        }
        const id = `be.commercial.capped-${total.toString()}`;
        if (!rateTables.has(id)) rateTables.set(id, cappedTable(commercial, total, id));
        return { ...baseClaim(claim), interest: { ...interest({}, id, start, "none") } };
      });
      // Extra reminders: at most 7.50 EUR plus postage, never inside the waiting period.
      for (const reminder of state.reminders) {
        if (reminder === first || reminder.cost === undefined) continue;
        const when = date(reminder.at);
        const defaultsThatYear = state.claims.filter(
          (claim) => claim.dueDate.slice(0, 4) === reminder.at.slice(0, 4),
        ).length;
        if (Temporal.PlainDate.compare(when, from) < 0) {
          report({
            code: "REMINDER_FEE_IN_WAITING_PERIOD",
            source: "WER art. XIX.2",
            eventId: reminder.id,
          });
          continue;
        }
        if (contractOf(undefined).recurringSupply && defaultsThatYear < 4) {
          report({
            code: "RECURRING_FREE_REMINDER",
            source: "WER art. XIX.3",
            eventId: reminder.id,
          });
          continue;
        }
        let fee = d(reminder.cost);
        if (fee.gt("7.50")) {
          report({
            code: "REMINDER_FEE_ABOVE_CAP",
            params: { fee: fee.toFixed(2) },
            source: "WER art. XIX.4",
            eventId: reminder.id,
          });
          fee = d("7.50");
        }
        charges.push({
          id: `reminder-${reminder.id}`,
          kind: "cost",
          date: when,
          amount: fee.plus(d(reminder.postage ?? "0")),
        });
      }
      const clause = state.terms.penalty;
      if (clause !== undefined && Temporal.PlainDate.compare(from, state.asOf) <= 0) {
        const provisional = computeStatement(
          {
            asOf: from,
            currency: "EUR",
            terms: { interest: null, penalty: null, penaltyDate: null, imputation },
            claims,
            payments,
            charges,
          },
          { asOf: from, rateTables },
        );
        const base = provisional.totals.principal;
        const agreed = penaltyAmount(toPenalty(clause), base);
        const cap = beBook19Damages(base);
        let amount: Decimal | null = agreed;
        if (agreed.gt(cap)) {
          amount = aboveCap === "capped" ? cap : null;
          report({
            code: "DAMAGES_ABOVE_CAP",
            params: { agreed: agreed.toFixed(2), cap: cap.toFixed(2), policy: aboveCap },
            source: "WER art. XIX.4",
          });
        }
        if (amount?.gt(0)) {
          penalty = { kind: "fixed", amount };
          penaltyDate = from;
        }
      }
      break;
    }
    case "nl.b2b": {
      claims = state.claims.map((claim) => ({
        ...baseClaim(claim),
        interest: interest(
          contractOf(claim.terms),
          "nl.commercial",
          { kind: "day-after-due" },
          "yearly",
        ),
      }));
      const clause = state.terms.penalty;
      penalty = clause === undefined ? { kind: "nl.bik" } : atLeast40(toPenalty(clause));
      penaltyDate = latestDue === null ? null : latestDue.add({ days: 1 });
      break;
    }
    case "nl.consumer": {
      const notice = state.notices[0];
      const byNotice = (policy.nlConsumerDefault ?? "day-after-due") === "notice";
      // Default (verzuim) per claim: the day after the due date (a fatal term, BW art. 6:83
      // sub a), or with the "notice" policy the day after the formal notice, but never before the
      // claim is due (a notice cannot put a debtor in default on a claim not yet due, BW art.
      // 6:82); without a notice, no claim is in default under that policy.
      const defaultFrom = (claim: CaseState["claims"][number]): Temporal.PlainDate | null =>
        byNotice
          ? notice === undefined
            ? null
            : laterOf(date(notice.at), date(claim.dueDate)).add({ days: 1 })
          : date(claim.dueDate).add({ days: 1 });
      claims = state.claims.map((claim) => {
        const from = defaultFrom(claim);
        if (from === null) return { ...baseClaim(claim), interest: null };
        const start = byNotice
          ? ({ kind: "date", date: from } as const)
          : ({ kind: "day-after-due" } as const);
        return {
          ...baseClaim(claim),
          interest: interest(contractOf(claim.terms), "nl.legal", start, "yearly"),
        };
      });
      for (const charge of state.charges) {
        if (charge.kind !== "cost") continue;
        report({
          code: "COST_BESIDES_BIK",
          params: { chargeId: charge.chargeId },
          source: "BW art. 6:96 lid 5; Besluit BIK art. 2",
          eventId: charge.id,
        });
      }
      if (state.letters14.length === 0) {
        report({ code: "NO_14_DAY_LETTER", source: "BW art. 6:96 lid 6" });
        break;
      }
      const receiptDays = policy.receiptDays ?? 2;
      let founding: { expiry: Temporal.PlainDate; claims: readonly string[] } | undefined;
      for (const letter of state.letters14) {
        const sent = date(letter.at);
        const received = letterReceipt(cal.nl, sent, letter.channel, receiptDays);
        const expiry = termijnenwetDeadline(cal.nl, received, 14).expiry;
        const inDefault = state.claims.filter((claim) => {
          const from = defaultFrom(claim);
          return from !== null && Temporal.PlainDate.compare(sent, from) >= 0;
        });
        const term: LetterTerm = {
          eventId: letter.id,
          sent,
          channel: letter.channel,
          received,
          receipt: receiptRule(letter.channel, receiptDays),
          termExpiry: expiry,
          ...(letter.statedExpiry === undefined ? {} : { statedExpiry: date(letter.statedExpiry) }),
          claims: inDefault.map((claim) => claim.id),
          foundsBik: false,
        };
        letters14.push(term);
        if (founding !== undefined) continue;
        if (inDefault.length === 0) {
          report({
            code: "LETTER_BEFORE_DEFAULT",
            params: { sent: letter.at },
            source: 'BW art. 6:96 lid 6 ("na het intreden van het verzuim")',
            eventId: letter.id,
          });
          continue;
        }
        if (letter.statedExpiry !== undefined && letter.statedExpiry < expiry.toString()) {
          report({
            code: "LETTER_TERM_TOO_SHORT",
            params: { stated: letter.statedExpiry, termExpiry: expiry.toString() },
            source: "BW art. 6:96 lid 6; HR 25-11-2016 ECLI:NL:HR:2016:2704",
            eventId: letter.id,
          });
          continue;
        }
        const notYet = state.claims.filter((claim) => !inDefault.includes(claim));
        if (notYet.length > 0) {
          const ids = notYet.map((claim) => claim.id).join(", ");
          report({
            code: "LETTER_BEFORE_DEFAULT_FOR_SOME_CLAIMS",
            params: { sent: letter.at, claims: ids },
            source: 'BW art. 6:96 lid 6 ("na het intreden van het verzuim")',
            eventId: letter.id,
          });
        }
        letters14[letters14.length - 1] = { ...term, foundsBik: true };
        founding = { expiry, claims: term.claims };
      }
      if (founding === undefined) break;
      letterTermExpiry = founding.expiry;
      penalty =
        policy.bikVatPercent === undefined
          ? { kind: "nl.bik" }
          : { kind: "nl.bik", vatPercent: d(policy.bikVatPercent) };
      penaltyDate = founding.expiry;
      if (founding.claims.length < state.claims.length) penaltyClaims = founding.claims;
      break;
    }
  }
  const caseFile: CaseFile = {
    asOf: state.asOf,
    currency: "EUR",
    terms: {
      interest: null,
      penalty,
      penaltyDate,
      imputation,
      ...(penaltyClaims === undefined ? {} : { penaltyClaims }),
    },
    claims,
    payments,
    charges,
  };
  return {
    state,
    caseFile,
    rateTables,
    findings,
    ...(chargeableFrom === undefined ? {} : { chargeableFrom }),
    ...(letterTermExpiry === undefined ? {} : { letterTermExpiry }),
    ...(state.rulePack === "nl.consumer" ? { letters14 } : {}),
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
    owner: state.opened.owner,
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

function contractRate(contract: ContractTerms): InterestTerms["rate"] {
  const rate = contract.interest?.rate;
  if (rate === undefined) throw new Error("no contractual rate");
  return "table" in rate ? { table: rate.table } : { fixed: d(rate.fixed) };
}

function atLeast40(clause: PenaltyClause): PenaltyClause {
  if (clause.kind === "fixed")
    return { kind: "fixed", amount: MoneyDecimal.max(clause.amount, d(40)) };
  if (clause.kind === "percent")
    return { ...clause, min: MoneyDecimal.max(clause.min ?? ZERO, d(40)) };
  return clause;
}

function laterOf(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(a, b) >= 0 ? a : b;
}

/** A table whose every entry is the lower of the table's rate and a cap (Book XIX interest cap). */
function cappedTable(table: RateTable, cap: Decimal, id: string): RateTable {
  return createRateTable({
    id,
    name: `${table.name}, capped at ${cap.toString()} %`,
    source: `${table.source}; contractual rate ${cap.toString()} % capped (WER art. XIX.4)`,
    trustedUntil: table.trustedUntil.toString(),
    entries: table.entries.map((entry) => ({
      from: entry.from.toString(),
      rate: MoneyDecimal.min(entry.rate, cap).toString(),
      source: entry.rate.lt(cap) ? `${entry.source} (cap)` : `contractual rate ${cap.toString()} %`,
      status: entry.status,
    })),
  });
}

/**
 * The day a Dutch 14-day letter reaches the debtor, by channel. A letter by e-mail or delivered by
 * hand reaches the debtor on the day it is sent (art. 3:37 lid 3 BW: a statement must reach its
 * addressee; an e-mail reaches them when it enters their mailbox). A letter by post or registered
 * post is presumed received `days` days after posting, not counting Sundays, Mondays and holidays:
 * the presumption Dutch courts apply (HR 25-11-2016, ECLI:NL:HR:2016:2704), a policy
 * (`receiptDays`).
 */
function letterReceipt(
  calendar: BusinessCalendar,
  sent: Temporal.PlainDate,
  channel: LetterTerm["channel"],
  days: number,
): Temporal.PlainDate {
  if (channel === "email" || channel === "hand-delivered") return sent;
  let day = sent;
  for (let counted = 0; counted < days; ) {
    day = day.add({ days: 1 });
    if (day.dayOfWeek !== 7 && day.dayOfWeek !== 1 && calendar.holidaysOn(day).length === 0)
      counted++;
  }
  return day;
}

function receiptRule(channel: LetterTerm["channel"], days: number): string {
  if (channel === "email")
    return "e-mail: received on the day it was sent, the term starts the next day (BW art. 3:37 lid 3)";
  if (channel === "hand-delivered")
    return "delivered by hand: received on the day of delivery, the term starts the next day (BW art. 3:37 lid 3)";
  return `${channel === "post" ? "post" : "registered post"}: presumed received ${days === 0 ? "on the day of posting" : `on the ${days === 1 ? "1st" : days === 2 ? "2nd" : days === 3 ? "3rd" : `${days}th`} day after posting`}, not counting Sundays, Mondays and holidays (HR 25-11-2016, ECLI:NL:HR:2016:2704; policy receiptDays)`;
}
