import type { StructuredReference, Temporal } from "@incasso/core";
import type { Decimal } from "decimal.js";

/**
 * The bank file formats the parsers read: Febelfin CODA 2.x, ISO 20022 camt.053 (statement) and
 * camt.054 (notification), and SWIFT MT940 as Dutch banks export it.
 *
 * @example
 * ```ts
 * import type { BankFileFormat } from "@incasso/import-bank";
 * const format: BankFileFormat = "camt.053";
 * ```
 */
export type BankFileFormat = "coda" | "camt.053" | "camt.054" | "mt940";

/**
 * Where in a file something was read or found: the file's name, and a line (CODA, MT940, counted
 * from 1) or an element path (camt, such as `Stmt[2]/Ntry[5]/NtryDtls/TxDtls[1]`).
 *
 * @example
 * ```ts
 * import type { FileLocation } from "@incasso/import-bank";
 * const where: FileLocation = { file: "statement.cod", line: 4, element: null };
 * ```
 */
export interface FileLocation {
  readonly file: string;
  readonly line: number | null;
  readonly element: string | null;
}

/**
 * The kinds of finding a check can report about a file that was read: counts and totals that
 * disagree with the file's own trailer, balances that do not reconcile, gaps in sequence numbers,
 * a statement or entry seen twice, structured references whose check digits fail, details that do
 * not add up to their total, and text that was decoded with replacements.
 *
 * @example
 * ```ts
 * import type { FindingCode } from "@incasso/import-bank";
 * const code: FindingCode = "balance-mismatch";
 * ```
 */
export type FindingCode =
  | "record-count-mismatch"
  | "trailer-total-mismatch"
  | "entry-count-mismatch"
  | "entry-sum-mismatch"
  | "balance-mismatch"
  | "sequence-gap"
  | "statement-sequence-gap"
  | "account-mismatch"
  | "detail-sum-mismatch"
  | "duplicate-statement"
  | "duplicate-entry"
  | "invalid-reference"
  | "missing-balance"
  | "unknown-value-date"
  | "replacement-characters"
  | "unexpected-record";

/**
 * Something a check found in a file that is worth a person's attention but does not stop the file
 * from being read: the file is still parsed, nothing is "fixed", and the finding says where and
 * what was expected.
 *
 * @example
 * ```ts
 * import type { Finding } from "@incasso/import-bank";
 * const finding: Finding = {
 *   code: "balance-mismatch", severity: "error",
 *   message: "old balance 11812.70 + movements 1715.11 = 13527.81, but the new balance is 13646.05",
 *   location: { file: "kbc.cod", line: 24, element: null },
 * };
 * ```
 */
export interface Finding {
  readonly code: FindingCode;
  /** `error`: the file contradicts itself; `warning`: worth a look, the data is consistent. */
  readonly severity: "error" | "warning";
  readonly message: string;
  readonly location: FileLocation;
}

/**
 * A structured reference as read from a file: the core's `StructuredReference` (kind, value,
 * whether its check digits hold), plus the scheme the file named (a CODA structured-communication
 * type such as `101`, a camt issuer such as `BBA`, `ISO`, `CUR`, or a proprietary type) and the
 * text exactly as written.
 *
 * @example
 * ```ts
 * import type { ParsedReference } from "@incasso/import-bank";
 * const ref: ParsedReference = { kind: "ogm", value: "000003505158", valid: false, scheme: "101", raw: "000003505158" };
 * ```
 */
export interface ParsedReference extends StructuredReference {
  readonly scheme: string | null;
  readonly raw: string;
}

/**
 * A CODA structured communication (record 2.1 position 62 = `1`): its three-digit type from the
 * Febelfin list, the 50 characters after it as written, and the fields decoded for the types the
 * parser documents (101/102 OGM; 127 SEPA direct debit).
 *
 * @example
 * ```ts
 * import type { CodaStructuredCommunication } from "@incasso/import-bank";
 * const c: CodaStructuredCommunication = { type: "101", label: "credit transfer with a structured communication (OGM)", raw: "000003505158", fields: {} };
 * ```
 */
export interface CodaStructuredCommunication {
  readonly type: string;
  /** What the Febelfin list calls this type, or `unknown type`. */
  readonly label: string;
  readonly raw: string;
  readonly fields: Readonly<Record<string, string>>;
}

/**
 * The other party of a movement as the file gives it: name, IBAN (when the account is one), the
 * account as written (BBAN or other), and the BIC.
 *
 * @example
 * ```ts
 * import type { Counterparty } from "@incasso/import-bank";
 * const party: Counterparty = { name: "KLANT1 MET NAAM1", iban: "BE22313215646432", account: "BE22313215646432", bic: "GEBABEBB" };
 * ```
 */
export interface Counterparty {
  readonly name: string | null;
  readonly iban: string | null;
  readonly account: string | null;
  readonly bic: string | null;
}

/**
 * Whether an entry is a payment on its own, a detail of a globalised (batch) movement, or a
 * globalised total whose details are listed. Totals with details are kept apart in
 * {@link BankStatement.totals}, so nothing is paid twice.
 *
 * @example
 * ```ts
 * import type { EntryRole } from "@incasso/import-bank";
 * const role: EntryRole = "detail";
 * ```
 */
export type EntryRole = "single" | "detail" | "total";

/**
 * One movement read from a statement: dates, signed exact amount, counterparty, references and
 * text, with the bank's own ids and where it sits in the file.
 *
 * @example
 * ```ts
 * import { parseBankFile } from "@incasso/import-bank";
 * declare const bytes: Uint8Array;
 * const entry = parseBankFile(bytes, { fileName: "day.cod" }).statements[0]?.entries[0];
 * console.log(entry?.amount.toFixed(2), entry?.structuredReference?.value);
 * ```
 */
export interface StatementEntry {
  /** Unique per account and stable across re-imports of the same file (see the README). */
  readonly entryReference: string;
  /** The bank's own reference of the movement (CODA 2.1 positions 11-31, camt `AcctSvcrRef`, MT940 `:61:` bank reference). */
  readonly bankReference: string | null;
  readonly role: EntryRole;
  /** For a detail: the `entryReference` of its total. */
  readonly parentReference: string | null;
  readonly bookingDate: Temporal.PlainDate;
  /** The value date; the booking date when the file gives none (reported as a finding). */
  readonly valueDate: Temporal.PlainDate;
  /** Positive for a credit, negative for a debit, exactly as written (CODA keeps 3 decimals). */
  readonly amount: Decimal;
  readonly currency: string;
  /** camt `RvslInd`, MT940 `RC`/`RD`: a reversal of an earlier movement. */
  readonly reversal: boolean;
  readonly counterparty: Counterparty;
  /** A payment reference the bank delivered in its structured field (kept when its check fails). */
  readonly structuredReference: ParsedReference | null;
  /** The free text, joined when the file splits it over records or lines. */
  readonly communication: string | null;
  /** Further free text about the movement: CODA information records 3.x, camt `AddtlTxInf`/`AddtlNtryInf`. */
  readonly additionalInformation: string | null;
  /** The account holder's own reference of the movement (CODA 2.2 positions 64-98, MT940 `:61:` customer reference). */
  readonly customerReference: string | null;
  /** The end-to-end id the payer gave (camt `EndToEndId`, MT940 `/EREF/`). */
  readonly endToEndId: string | null;
  /** The bank's transaction code: CODA's 8 digits, camt `Domn-Fmly-SubFmly` or proprietary, MT940's `N` + 3 letters. */
  readonly transactionCode: string | null;
  /** A CODA structured communication that is not a payment reference (types 103-127 ...). */
  readonly codaCommunication: CodaStructuredCommunication | null;
  /** CODA information records 3.1 written in structured form (type 001 counterparty name and address, ...). */
  readonly codaInformation: readonly CodaStructuredCommunication[];
  readonly location: FileLocation;
}

/**
 * A balance with its date.
 *
 * @example
 * ```ts
 * import { Decimal } from "decimal.js";
 * import { Temporal } from "@incasso/core";
 * import type { Balance } from "@incasso/import-bank";
 * const b: Balance = { amount: new Decimal("17752.12"), date: Temporal.PlainDate.from("2017-10-10") };
 * ```
 */
export interface Balance {
  readonly amount: Decimal;
  readonly date: Temporal.PlainDate | null;
}

/**
 * Our account a statement is about, as the file names it.
 *
 * @example
 * ```ts
 * import type { StatementAccount } from "@incasso/import-bank";
 * const a: StatementAccount = { id: "BE68539007547034", iban: "BE68539007547034", number: "BE68539007547034", currency: "EUR", bic: null, holder: null, holderIdentification: null, description: null };
 * ```
 */
export interface StatementAccount {
  /** The key used for the account: the IBAN when known (a Belgian BBAN is turned into its IBAN), else the number as written. */
  readonly id: string;
  readonly iban: string | null;
  /** The account number exactly as written in the file. */
  readonly number: string;
  readonly currency: string;
  readonly bic: string | null;
  readonly holder: string | null;
  /** The holder's identification number when the file gives it (CODA record 0: the enterprise number). */
  readonly holderIdentification: string | null;
  readonly description: string | null;
}

/**
 * One statement (or notification) read and checked: account, number, date, balances, the
 * transactions (details of globalised movements replace their totals), the totals kept for
 * reconciliation, and what the checks found.
 *
 * @example
 * ```ts
 * import { parseBankFile } from "@incasso/import-bank";
 * declare const bytes: Uint8Array;
 * for (const s of parseBankFile(bytes).statements) console.log(s.account.id, s.number, s.entries.length, s.findings.length);
 * ```
 */
export interface BankStatement {
  readonly format: BankFileFormat;
  /** The file it came from; `archive.zip/inner.xml` for a file in a ZIP. */
  readonly fileName: string;
  readonly account: StatementAccount;
  /** The statement number: CODA `2009/042`-style year and sequence, camt `Id`, MT940 `:28C:`. */
  readonly number: string | null;
  /** The sequence number when the file has one (CODA statement number, camt `ElctrncSeqNb`/`LglSeqNb`, MT940 `:28C:` first part). */
  readonly sequence: string | null;
  /** The statement's date (CODA record 0 creation date, camt `CreDtTm` date or `FrToDt`, MT940 closing balance date). */
  readonly date: Temporal.PlainDate;
  readonly openingBalance: Balance | null;
  readonly closingBalance: Balance | null;
  readonly entries: readonly StatementEntry[];
  readonly totals: readonly StatementEntry[];
  /** Free information about the statement (CODA record 4, camt `AddtlStmtInf`, MT940 `:86:` after `:62:`). */
  readonly information: readonly string[];
  readonly findings: readonly Finding[];
  readonly location: FileLocation;
}

/**
 * What {@link parseBankFile} answers: the file's format(s) (one per file of a ZIP), every statement
 * it holds, and the findings about the file as a whole (trailer counts, statements seen twice).
 *
 * @example
 * ```ts
 * import { parseBankFile } from "@incasso/import-bank";
 * declare const bytes: Uint8Array;
 * const parsed = parseBankFile(bytes, { fileName: "export.zip" });
 * console.log(parsed.container, parsed.formats, parsed.statements.length);
 * ```
 */
export interface ParsedBankFile {
  readonly fileName: string;
  readonly container: "zip" | null;
  readonly formats: readonly BankFileFormat[];
  readonly statements: readonly BankStatement[];
  readonly findings: readonly Finding[];
}
