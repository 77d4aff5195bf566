import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import type { CurrencyCode } from "../money/currency.js";
import type { RateEntry } from "../rates/rate-table.js";

/**
 * One interest line of a statement, exactly as a letter shows it: a maximal run of days of one
 * claim with the same base, rate and divisor; amount = base × rate / 100 × days / divisor, rounded
 * half-up to the cent. `rateEntries` are the table entries in force during the line (empty for a
 * fixed contractual rate), each with its source.
 *
 * @example
 * ```ts
 * import type { InterestLine } from "@incasso/core";
 * const describe = (line: InterestLine) =>
 *   `${line.from} - ${line.to}: ${line.base.toFixed(2)} x ${line.rate}% x ${line.days}/${line.divisor} = ${line.amount.toFixed(2)}`;
 * ```
 */
export interface InterestLine {
  readonly claim: string;
  readonly from: Temporal.PlainDate;
  readonly to: Temporal.PlainDate;
  readonly days: number;
  readonly base: Decimal;
  /** The rate of the line in percent per year: the table rate plus the margin. */
  readonly rate: Decimal;
  readonly margin: Decimal;
  readonly divisor: number;
  readonly amount: Decimal;
  readonly rateEntries: readonly RateEntry[];
}

/**
 * Where part of a payment went: which payment, which bucket, which claim or charge, how much.
 * `capitalised` marks interest that had been added to the claim's base.
 *
 * @example
 * ```ts
 * import type { Allocation } from "@incasso/core";
 * const line = (a: Allocation) => `${a.payment} → ${a.bucket} ${a.target.id}: ${a.amount.toFixed(2)}`;
 * ```
 */
export interface Allocation {
  readonly payment: string;
  readonly date: Temporal.PlainDate;
  readonly bucket: "costs" | "interest" | "principal";
  readonly target: { readonly kind: "claim" | "charge"; readonly id: string };
  readonly capitalised: boolean;
  /** Whether the amount came from the payment's designation rather than the imputation order. */
  readonly designated: boolean;
  readonly amount: Decimal;
}

/**
 * A charge on the statement: a manual cost or interest charge, or the penalty (`id` `penalty`).
 *
 * @example
 * ```ts
 * import type { StatementCharge } from "@incasso/core";
 * const open = (c: StatementCharge) => c.outstanding.gt(0);
 * ```
 */
export interface StatementCharge {
  readonly id: string;
  readonly kind: "cost" | "interest";
  readonly date: Temporal.PlainDate;
  readonly amount: Decimal;
  readonly outstanding: Decimal;
  readonly penalty: boolean;
}

/**
 * A claim on the statement: outstanding principal and interest (capitalised interest included),
 * and the interest accrued on it, paid or not.
 *
 * @example
 * ```ts
 * import type { StatementClaim } from "@incasso/core";
 * const owed = (c: StatementClaim) => c.principal.plus(c.interest);
 * ```
 */
export interface StatementClaim {
  readonly id: string;
  readonly dueDate: Temporal.PlainDate;
  readonly originalPrincipal: Decimal;
  readonly principal: Decimal;
  readonly interest: Decimal;
  readonly capitalisedInterest: Decimal;
  readonly interestAccrued: Decimal;
}

/**
 * The totals of a statement (see the contract): outstanding principal, interest and costs; all
 * interest accrued; the penalty charged; payments; unapplied credit; and the balance
 * (principal + interest + costs − credit).
 *
 * @example
 * ```ts
 * import type { StatementTotals } from "@incasso/core";
 * const settled = (t: StatementTotals) => t.balance.lte(0);
 * ```
 */
export interface StatementTotals {
  readonly principal: Decimal;
  readonly interest: Decimal;
  readonly costs: Decimal;
  readonly interestAccrued: Decimal;
  readonly penalty: Decimal;
  readonly paid: Decimal;
  readonly credit: Decimal;
  readonly balance: Decimal;
}

/**
 * The statement (afrekening) of a case as of a date: totals, claims, interest lines in the order
 * of the contract (by start date, then claim position), charges, and every allocation of every
 * payment.
 *
 * @example
 * ```ts
 * import { computeStatement, parseCaseFile, type Statement } from "@incasso/core";
 * const statement: Statement = computeStatement(parseCaseFile({
 *   asOf: "2024-06-30", terms: { interest: { rate: { table: "be.commercial" } } },
 *   claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
 * }));
 * statement.totals.interest.toFixed(2); // "51.71"
 * ```
 */
export interface Statement {
  readonly asOf: Temporal.PlainDate;
  readonly currency: CurrencyCode;
  readonly totals: StatementTotals;
  readonly claims: readonly StatementClaim[];
  readonly interestLines: readonly InterestLine[];
  readonly charges: readonly StatementCharge[];
  readonly allocations: readonly Allocation[];
}
