import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import type { PenaltyClause } from "../charges/penalty-clause.js";
import type { CurrencyCode } from "../money/currency.js";

/**
 * How a day's fraction of a year is counted: `act/365` divides by 365, `act/360` by 360, `act/act`
 * by the length of the day's calendar year (365 or 366).
 *
 * @example
 * ```ts
 * import type { DayCount } from "@incasso/core";
 * const dayCount: DayCount = "act/act";
 * ```
 */
export type DayCount = "act/365" | "act/act" | "act/360";

/**
 * The first day of interest: the due date, the day after it, or a given date (a formal notice),
 * never earlier than the day after the due date.
 *
 * @example
 * ```ts
 * import { parseIsoDate, type InterestStart } from "@incasso/core";
 * const fromNotice: InterestStart = { kind: "date", date: parseIsoDate("2024-09-12") };
 * ```
 */
export type InterestStart =
  | { readonly kind: "day-after-due" }
  | { readonly kind: "due-date" }
  | { readonly kind: "date"; readonly date: Temporal.PlainDate };

/**
 * The interest basis of a claim: a rate table (by id) or a fixed contractual rate, a margin in
 * percentage points, simple or yearly compounding, the day count and the first interest day.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, type InterestTerms } from "@incasso/core";
 * const terms: InterestTerms = {
 *   rate: { table: "nl.commercial" }, margin: new MoneyDecimal(0), compounding: "yearly",
 *   dayCount: "act/365", start: { kind: "day-after-due" },
 * };
 * ```
 */
export interface InterestTerms {
  readonly rate: { readonly table: string } | { readonly fixed: Decimal };
  readonly margin: Decimal;
  readonly compounding: "none" | "yearly";
  /**
   * Extra days on which, at the end of the day and after that day's payments, the unpaid interest
   * is added to the base: a Belgian judicial demand or agreement under old art. 1154 BW, recorded
   * by the firm when its conditions are met.
   */
  readonly capitalisationDates?: readonly Temporal.PlainDate[];
  readonly dayCount: DayCount;
  readonly start: InterestStart;
}

/**
 * The order in which a payment is imputed on the buckets of a case: NL art. 6:44 BW and Belgian
 * practice put costs first (`costs-interest-principal`); old art. 1254 BW puts interest before
 * principal.
 *
 * @example
 * ```ts
 * import type { ImputationOrder } from "@incasso/core";
 * const order: ImputationOrder = "costs-interest-principal";
 * ```
 */
export type ImputationOrder =
  | "costs-interest-principal"
  | "interest-costs-principal"
  | "principal-interest-costs";

/**
 * The collection terms of a case: interest (or none), the penalty clause and the day it is fixed,
 * and the imputation order.
 *
 * @example
 * ```ts
 * import type { CollectionTerms } from "@incasso/core";
 * const none: CollectionTerms = { interest: null, penalty: null, penaltyDate: null, imputation: "costs-interest-principal" };
 * ```
 */
export interface CollectionTerms {
  readonly interest: InterestTerms | null;
  readonly penalty: PenaltyClause | null;
  /** The day the penalty is fixed and becomes due; the statement date when not given. */
  readonly penaltyDate: Temporal.PlainDate | null;
  /**
   * The claims whose open principal is the penalty's base; every claim when absent. A rule pack
   * sets it when a penalty is due for some claims only (the Dutch BIK founded on a 14-day letter
   * covers the claims the debtor was in default for when it was sent, art. 6:96 lid 6 BW).
   */
  readonly penaltyClaims?: readonly string[];
  readonly imputation: ImputationOrder;
}

/**
 * A claim (an invoice): its principal and due date, and optionally its own interest terms, which
 * override the case's (`null`: this claim bears no interest).
 *
 * @example
 * ```ts
 * import { MoneyDecimal, parseIsoDate, type Claim } from "@incasso/core";
 * const claim: Claim = { id: "F-101", principal: new MoneyDecimal("605.00"), dueDate: parseIsoDate("2023-10-31") };
 * ```
 */
export interface Claim {
  readonly id: string;
  readonly principal: Decimal;
  readonly dueDate: Temporal.PlainDate;
  readonly interest?: InterestTerms | null;
}

/**
 * Where a payment's designation sends an amount: a charge (cost or interest charge), a claim's
 * interest, or a claim's principal.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, type Designation } from "@incasso/core";
 * const toPrincipal: Designation = { bucket: "principal", claim: "F-101", amount: new MoneyDecimal("100.00") };
 * ```
 */
export type Designation =
  | { readonly bucket: "costs"; readonly charge: string; readonly amount: Decimal }
  | { readonly bucket: "interest"; readonly charge: string; readonly amount: Decimal }
  | { readonly bucket: "interest"; readonly claim: string; readonly amount: Decimal }
  | { readonly bucket: "principal"; readonly claim: string; readonly amount: Decimal };

/**
 * A payment received. `designation` is the debtor's (or the firm's) explicit allocation; what it
 * leaves follows the case's imputation order.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, parseIsoDate, type Payment } from "@incasso/core";
 * const payment: Payment = { id: "P1", date: parseIsoDate("2024-03-05"), amount: new MoneyDecimal("1000.00") };
 * ```
 */
export interface Payment {
  readonly id: string;
  readonly date: Temporal.PlainDate;
  readonly amount: Decimal;
  readonly designation?: readonly Designation[];
  /** This payment's own imputation order, instead of the case's (a per-payment rule). */
  readonly imputation?: ImputationOrder;
}

/**
 * A manual charge: a cost (a bailiff's fee) or an interest amount fixed elsewhere (a judgment).
 * No interest accrues on it.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, parseIsoDate, type Charge } from "@incasso/core";
 * const fee: Charge = { id: "K1", kind: "cost", date: parseIsoDate("2024-02-10"), amount: new MoneyDecimal("75.00") };
 * ```
 */
export interface Charge {
  readonly id: string;
  readonly kind: "cost" | "interest";
  readonly date: Temporal.PlainDate;
  readonly amount: Decimal;
}

/**
 * A case as the calculation engine reads it: the statement date, the currency, the terms, the
 * claims, payments and charges. {@link parseCaseFile} builds it from the JSON contract.
 *
 * @example
 * ```ts
 * import { parseCaseFile, type CaseFile } from "@incasso/core";
 * const file: CaseFile = parseCaseFile({
 *   asOf: "2024-06-30", terms: { interest: { rate: { table: "be.commercial" } } },
 *   claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
 * });
 * ```
 */
export interface CaseFile {
  readonly asOf: Temporal.PlainDate;
  readonly currency: CurrencyCode;
  readonly terms: CollectionTerms;
  readonly claims: readonly Claim[];
  readonly payments: readonly Payment[];
  readonly charges: readonly Charge[];
}
