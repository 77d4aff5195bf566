import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";

/**
 * The kind of a structured payment reference: a Belgian OGM/VCS (`+++123/4567/89002+++`), an ISO
 * 11649 RF creditor reference, a Dutch payment reference (betalingskenmerk), or another scheme the
 * bank named.
 *
 * @example
 * ```ts
 * import type { StructuredReferenceKind } from "@incasso/core";
 * const kind: StructuredReferenceKind = "ogm";
 * ```
 */
export type StructuredReferenceKind = "ogm" | "rf" | "nl-payment-reference" | "other";

/**
 * A structured reference as the bank delivered it: its kind, the digits or characters as given,
 * and whether its check digits hold. A reference whose check fails is kept and flagged, never
 * dropped with its payment.
 *
 * @example
 * ```ts
 * import type { StructuredReference } from "@incasso/core";
 * const ogm: StructuredReference = { kind: "ogm", value: "123456789002", valid: true };
 * ```
 */
export interface StructuredReference {
  readonly kind: StructuredReferenceKind;
  readonly value: string;
  readonly valid: boolean;
}

/**
 * One movement on one of our accounts, as read from a bank file (CODA, camt.053/054, MT940) by
 * `@incasso/import-bank`, in the form the matcher reads: a credit has a positive amount, a debit
 * a negative one.
 *
 * @example
 * ```ts
 * import { Decimal } from "decimal.js";
 * import { Temporal, type BankTransaction } from "@incasso/core";
 * const credit: BankTransaction = {
 *   account: "BE68539007547034", statement: "2026/012", entryReference: "0001/0001", bookingDate: Temporal.PlainDate.from("2026-03-02"),
 *   valueDate: Temporal.PlainDate.from("2026-03-02"), amount: new Decimal("120.00"), currency: "EUR",
 *   counterparty: { name: "Jan Peeters", iban: "BE71096123456769", bic: null },
 *   structuredReference: { kind: "ogm", value: "123456789002", valid: true }, communication: null,
 * };
 * ```
 */
export interface BankTransaction {
  /** Our account (IBAN, or the account number as the file gives it). */
  readonly account: string;
  /** The statement it was on (number or id), when the file has one. */
  readonly statement: string | null;
  /** The bank's reference of the entry, unique per account: the key against double imports. */
  readonly entryReference: string;
  readonly bookingDate: Temporal.PlainDate;
  /** The value date: the legal date of the payment. */
  readonly valueDate: Temporal.PlainDate;
  /** Positive for a credit, negative for a debit, exactly as the file states it. */
  readonly amount: Decimal;
  readonly currency: string;
  readonly counterparty: {
    readonly name: string | null;
    readonly iban: string | null;
    readonly bic: string | null;
  };
  readonly structuredReference: StructuredReference | null;
  /** The unstructured communication (free text), joined when the file splits it. */
  readonly communication: string | null;
  /**
   * Set when the bank marks the entry as the reversal or return of an earlier one (camt
   * `RvslInd` true, `RtrInf` present; a CODA or MT940 return code): the matcher then looks for the
   * payment it undoes first. Absent or false when the file says nothing.
   */
  readonly reversal?: boolean;
  /** The bank's reason for a return or reversal (camt `RtrInf/Rsn`, the CODA code), when given. */
  readonly returnReason?: string | null;
}
