import { Temporal } from "temporal-polyfill";
import type { BusinessCalendar } from "../../calendar/business-calendar.js";
import type { PenaltyClause } from "../../charges/penalty-clause.js";
import { parseIsoDate } from "../../dates/parse-iso-date.js";
import { MoneyDecimal } from "../../money/decimal.js";
import type { RateTable } from "../../rates/rate-table.js";
import type {
  Charge,
  Claim,
  ImputationOrder,
  InterestTerms,
  Payment,
} from "../../statement/case-file.js";
import { toDesignation } from "../../statement/case-file-schema.js";
import type { ContractTerms } from "../case-event.js";
import type { LetterTerm } from "../case-statement.js";
import type { Finding } from "../findings/finding.js";
import type { FindingReport } from "../findings/finding-report.js";
import { toFinding } from "../findings/finding-report.js";
import type { CaseState } from "../fold-case.js";
import type { RulePack, RulePackPolicy } from "../rule-packs.js";

/**
 * An exact decimal amount from its text or a whole number.
 *
 * @internal
 */
export const d = (value: string | number) => new MoneyDecimal(value);

/**
 * The imputation order of every pack that does not choose another: costs, then interest, then
 * principal.
 *
 * @internal
 */
export const DEFAULT_IMPUTATION: ImputationOrder = "costs-interest-principal";

/**
 * What every rule pack reads, and the helpers the packs share, built once per resolution of a case
 * by {@link createPackContext}.
 *
 * @internal
 */
export interface PackContext {
  readonly state: CaseState;
  readonly policy: RulePackPolicy;
  readonly calendars: { readonly be: BusinessCalendar; readonly nl: BusinessCalendar };
  /** The rate tables the statement will use; a pack may add tables it derives (be.consumer's capped tables). */
  readonly rateTables: Map<string, RateTable>;
  /** The charges recorded as events, as the engine reads them. */
  readonly charges: readonly Charge[];
  /** The payments recorded as events, as the engine reads them. */
  readonly payments: readonly Payment[];
  /** The dates of the `anatocism.demanded` events. */
  readonly anatocismDates: readonly Temporal.PlainDate[];
  /** The contract terms of a claim: its own terms, else the case's. */
  contractOf(claimTerms: ContractTerms | undefined): ContractTerms;
  /** A claim as the engine reads it, without interest terms. */
  baseClaim(claim: CaseState["claims"][number]): Omit<Claim, "interest">;
  /**
   * The interest terms of a claim: the contractual rate (with its margin) when the contract has one,
   * else the pack's table; act/365.
   */
  interest(
    contract: ContractTerms,
    fallbackTable: string,
    start: InterestTerms["start"],
    compounding: InterestTerms["compounding"],
    capitalisationDates?: readonly Temporal.PlainDate[],
  ): InterestTerms;
  /** Adds a finding: its severity and message follow from its code. */
  report(finding: FindingReport): void;
}

/**
 * What a rule pack makes of a case: the claims with their interest terms, the charges that are
 * due, the penalty fixed on a date (for some claims), the imputation order, and the dates the pack
 * computed.
 *
 * @internal
 */
export interface PackResolution {
  readonly claims: readonly Claim[];
  readonly charges: readonly Charge[];
  /** Default {@link DEFAULT_IMPUTATION}. */
  readonly imputation?: ImputationOrder;
  readonly penalty?: {
    readonly clause: PenaltyClause;
    readonly date: Temporal.PlainDate | null;
    /** Only these claims bear the penalty (nl.consumer: the claims in default when the letter was sent). */
    readonly claims?: readonly string[];
  };
  readonly chargeableFrom?: Temporal.PlainDate;
  readonly letterTermExpiry?: Temporal.PlainDate;
  readonly letters14?: readonly LetterTerm[];
}

/**
 * A rule pack: its rules as data with their sources (what {@link RULE_PACKS} publishes and
 * docs/rule-packs.md lists), the amounts and periods it applies, and how it resolves a case.
 *
 * @internal
 */
export interface PackDefinition {
  readonly pack: RulePack;
  readonly constants: Readonly<Record<string, string | number>>;
  resolve(context: PackContext): PackResolution;
}

/**
 * The context a rule pack resolves a case in. Findings the pack reports are added to `findings`.
 *
 * @internal
 */
export function createPackContext(
  state: CaseState,
  options: {
    readonly policy: RulePackPolicy;
    readonly calendars: PackContext["calendars"];
    readonly rateTables: Map<string, RateTable>;
    readonly findings: Finding[];
  },
): PackContext {
  const { findings } = options;
  return {
    state,
    policy: options.policy,
    calendars: options.calendars,
    rateTables: options.rateTables,
    charges: state.charges.map((event) => ({
      id: event.chargeId,
      kind: event.kind,
      date: parseIsoDate(event.at),
      amount: d(event.amount),
    })),
    payments: state.payments.map((event) => ({
      id: event.paymentId,
      date: parseIsoDate(event.at),
      amount: d(event.amount),
      ...(event.designation === undefined
        ? {}
        : { designation: event.designation.map(toDesignation) }),
      ...(event.imputation === undefined ? {} : { imputation: event.imputation }),
    })),
    anatocismDates: state.anatocism.map((event) => parseIsoDate(event.at)),
    contractOf: (claimTerms) => claimTerms ?? state.terms,
    baseClaim: (claim) => ({
      id: claim.id,
      principal: d(claim.amount),
      dueDate: parseIsoDate(claim.dueDate),
    }),
    interest: (contract, fallbackTable, start, compounding, capitalisationDates = []) => ({
      rate: contract.interest === undefined ? { table: fallbackTable } : contractRate(contract),
      margin: d(contract.interest?.margin ?? "0"),
      compounding,
      dayCount: "act/365",
      start,
      ...(capitalisationDates.length > 0 ? { capitalisationDates } : {}),
    }),
    report: (finding) => {
      findings.push(toFinding(finding));
    },
  };
}

/**
 * The contractual rate of a contract that has one: a rate table or a fixed rate.
 *
 * @internal
 */
export function contractRate(contract: ContractTerms): InterestTerms["rate"] {
  const rate = contract.interest?.rate;
  if (rate === undefined) throw new Error("no contractual rate");
  return "table" in rate ? { table: rate.table } : { fixed: d(rate.fixed) };
}

/**
 * The later of two dates.
 *
 * @internal
 */
export function laterOf(a: Temporal.PlainDate, b: Temporal.PlainDate): Temporal.PlainDate {
  return Temporal.PlainDate.compare(a, b) >= 0 ? a : b;
}
