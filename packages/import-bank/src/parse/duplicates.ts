import type { BankTransaction } from "@incasso/core";
import type { BankStatement, StatementEntry } from "./model.js";
import { belgianBbanToIban } from "./references.js";

/**
 * The key of a statement against double imports: account, statement number and date
 * (`BE68539007547034|2026/012|2026-03-02`). Banks reuse numbers across years, hence the date.
 *
 * @example
 * ```ts
 * import { statementKey } from "@incasso/import-bank";
 * declare const statement: import("@incasso/import-bank").BankStatement;
 * const key = statementKey(statement);
 * ```
 */
export function statementKey(statement: BankStatement): string {
  return `${statement.account.id}|${statement.number ?? ""}|${statement.date.toString()}`;
}

/**
 * The key of an entry against double imports: the account and the entry's reference, which is
 * unique per account and stable across re-imports of the same file.
 *
 * @example
 * ```ts
 * import { entryKey } from "@incasso/import-bank";
 * entryKey("BE68539007547034", "2026/012/0001/0000"); // "BE68539007547034|2026/012/0001/0000"
 * ```
 */
export function entryKey(account: string, entryReference: string): string {
  return `${account}|${entryReference}`;
}

/**
 * The statement and entry keys already imported, as the store of import batches keeps them.
 *
 * @example
 * ```ts
 * import type { KnownImportKeys } from "@incasso/import-bank";
 * const known: KnownImportKeys = { statementKeys: new Set(), entryKeys: new Set() };
 * ```
 */
export interface KnownImportKeys {
  readonly statementKeys: ReadonlySet<string>;
  readonly entryKeys: ReadonlySet<string>;
}

/**
 * What {@link findDuplicates} answers: the statements and entries already imported (with their
 * keys), and the keys of everything new, to be stored with the import batch.
 *
 * @example
 * ```ts
 * import type { DuplicateReport } from "@incasso/import-bank";
 * declare const report: DuplicateReport;
 * console.log(report.statements.length, report.newEntryKeys.length);
 * ```
 */
export interface DuplicateReport {
  readonly statements: readonly { readonly statement: BankStatement; readonly key: string }[];
  readonly entries: readonly {
    readonly statement: BankStatement;
    readonly entry: StatementEntry;
    readonly key: string;
  }[];
  readonly newStatementKeys: readonly string[];
  readonly newEntryKeys: readonly string[];
}

/**
 * Says which statements and entries of parsed files were imported before, given the keys already
 * stored; a pure function (the store of keys is the caller's). An entry seen twice within the
 * given statements counts as a duplicate from its second occurrence.
 *
 * @example
 * ```ts
 * import { findDuplicates, parseBankFile } from "@incasso/import-bank";
 * declare const bytes: Uint8Array;
 * const parsed = await parseBankFile(bytes);
 * const report = findDuplicates(parsed.statements, { statementKeys: new Set(), entryKeys: new Set() });
 * console.log(report.newEntryKeys.length);
 * ```
 */
export function findDuplicates(
  statements: readonly BankStatement[],
  known: KnownImportKeys,
): DuplicateReport {
  const duplicateStatements: { statement: BankStatement; key: string }[] = [];
  const duplicateEntries: { statement: BankStatement; entry: StatementEntry; key: string }[] = [];
  const newStatementKeys: string[] = [];
  const newEntryKeys: string[] = [];
  const seenStatements = new Set<string>();
  const seenEntries = new Set<string>();
  for (const statement of statements) {
    const key = statementKey(statement);
    if (known.statementKeys.has(key) || seenStatements.has(key))
      duplicateStatements.push({ statement, key });
    else newStatementKeys.push(key);
    seenStatements.add(key);
    for (const entry of statement.entries) {
      const k = entryKey(statement.account.id, entry.entryReference);
      if (known.entryKeys.has(k) || seenEntries.has(k))
        duplicateEntries.push({ statement, entry, key: k });
      else newEntryKeys.push(k);
      seenEntries.add(k);
    }
  }
  return {
    statements: duplicateStatements,
    entries: duplicateEntries,
    newStatementKeys,
    newEntryKeys,
  };
}

function accountIban(account: string): string {
  const compact = account.replace(/[\s.-]/g, "").toUpperCase();
  return /^\d{12}$/.test(compact) ? (belgianBbanToIban(compact) ?? compact) : compact;
}

/**
 * A fingerprint of a movement that does not depend on the file format, so that the same payment
 * read from two overlapping files (a camt.053 and a CODA of the same day) can be recognised:
 * account (a Belgian account number as its IBAN), value date, amount (trailing zeros dropped),
 * counterparty IBAN and structured reference. Two different payments can share it (same payer,
 * amount, day and reference): it proposes, it does not prove.
 *
 * @example
 * ```ts
 * import { transactionFingerprint } from "@incasso/import-bank";
 * declare const tx: import("@incasso/core").BankTransaction;
 * const fp = transactionFingerprint(tx); // "BE68539007547034|2026-03-02|120|BE71096123456769|123456789002"
 * ```
 */
export function transactionFingerprint(tx: BankTransaction): string {
  return [
    accountIban(tx.account),
    tx.valueDate.toString(),
    tx.amount.toFixed(),
    tx.counterparty.iban ?? "",
    tx.structuredReference?.value ?? "",
  ].join("|");
}
