import type { Temporal } from "@incasso/core";
import type { Decimal } from "decimal.js";

/**
 * One movement to write into a generated bank file. `details` makes it a globalised (batch)
 * movement: CODA writes a total (transaction type 1) followed by its details (type 5); camt writes
 * one entry with several `TxDtls`. The total's amount is the sum of the details.
 */
export interface WritableEntry {
  /** Positive for a credit, negative for a debit; CODA keeps 3 decimals, camt and MT940 2. */
  readonly amount: Decimal;
  readonly valueDate: Temporal.PlainDate;
  readonly bookingDate?: Temporal.PlainDate;
  readonly counterparty?: {
    readonly name?: string | null;
    readonly iban?: string | null;
    readonly bic?: string | null;
  };
  /** An OGM (12 digits), RF or Dutch payment reference, written in the format's structured field. */
  readonly structuredReference?: {
    readonly kind: "ogm" | "rf" | "nl-payment-reference";
    readonly value: string;
  } | null;
  readonly communication?: string | null;
  /** The bank's reference of the movement; generated from the position when absent. */
  readonly bankReference?: string;
  readonly endToEndId?: string;
  readonly details?: readonly WritableEntry[];
}

/** A statement to write: our account (an IBAN), number, date, opening balance and movements. */
export interface WritableStatement {
  readonly account: string;
  readonly currency?: string;
  /** 1 to 999 (CODA keeps 3 digits). */
  readonly statementNumber: number;
  readonly date: Temporal.PlainDate;
  readonly openingBalance: Decimal;
  /** Defaults to the opening balance plus the movements; give another to write a file that does not reconcile. */
  readonly closingBalance?: Decimal;
  readonly holder?: string;
  readonly bic?: string;
  readonly entries: readonly WritableEntry[];
}
