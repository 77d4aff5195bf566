import type { BankTransaction } from "@incasso/core";
import type { BankStatement } from "./model.js";

/**
 * The statement's payments in the core's form, for the matcher: one per entry (the details of a
 * globalised movement, never its total as well), the account's id (IBAN when known), the entry's
 * reference, signed exact amount, counterparty, structured reference (kept when its check fails,
 * `valid: false`), and the free communication, or the further information when there is none.
 *
 * @example
 * ```ts
 * import { parseBankFile, toBankTransactions } from "@incasso/import-bank";
 * declare const bytes: Uint8Array;
 * const [statement] = (await parseBankFile(bytes)).statements;
 * if (statement) for (const tx of toBankTransactions(statement)) console.log(tx.entryReference, tx.amount.toFixed(2));
 * ```
 */
export function toBankTransactions(statement: BankStatement): BankTransaction[] {
  return statement.entries.map((entry) => ({
    account: statement.account.id,
    statement: statement.number,
    entryReference: entry.entryReference,
    bookingDate: entry.bookingDate,
    valueDate: entry.valueDate,
    amount: entry.amount,
    currency: entry.currency,
    counterparty: {
      name: entry.counterparty.name,
      iban: entry.counterparty.iban,
      bic: entry.counterparty.bic,
    },
    structuredReference:
      entry.structuredReference === null
        ? null
        : {
            kind: entry.structuredReference.kind,
            value: entry.structuredReference.value,
            valid: entry.structuredReference.valid,
          },
    communication: entry.communication ?? entry.additionalInformation,
  }));
}
