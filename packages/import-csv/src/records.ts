import type { Temporal } from "@incasso/core";
import type { Decimal } from "decimal.js";

/**
 * A contact of a debtor as read from a file: its kind and its value, already normalised (an
 * address joined into one line, an e-mail address in lower case, a phone number in E.164 when the
 * profile asks for `phone-e164`).
 *
 * @example
 * ```ts
 * import type { ContactValue } from "@incasso/import-csv";
 * const mail: ContactValue = { kind: "email", value: "boekhouding@bakkerij-peeters.be" };
 * ```
 */
export interface ContactValue {
  readonly kind: "address" | "email" | "phone";
  readonly value: string;
}

/**
 * One row of a `cases` file: a claim (invoice) of a debtor, with the key of the case it belongs to.
 * Rows with the same `groupKey` form one case; the pipeline opens it (or adds the claim to the case
 * the key found before).
 *
 * @example
 * ```ts
 * import { Temporal } from "@incasso/core";
 * import { Decimal } from "decimal.js";
 * import type { CaseRowRecord } from "@incasso/import-csv";
 * const record: CaseRowRecord = {
 *   kind: "cases", groupKey: "D-2026-001", clientReference: "D-2026-001",
 *   debtor: { id: "K1001", kind: "legal-person", name: "Bakkerij Peeters BV", language: "nl", consumer: false,
 *     enterpriseNumber: "0403170701", contacts: [] },
 *   claim: { invoiceNumber: "F2026-17", invoiceDate: Temporal.PlainDate.from("2026-01-05"),
 *     dueDate: Temporal.PlainDate.from("2026-02-04"), amount: new Decimal("1234.56") },
 * };
 * ```
 */
export interface CaseRowRecord {
  readonly kind: "cases";
  /** The value of the profile's grouping column: the rows of one case share it. */
  readonly groupKey: string;
  /** The client's reference of the case, when the profile maps it. */
  readonly clientReference?: string;
  readonly debtor: {
    /** The client's own id of the debtor (its customer number). */
    readonly id: string;
    readonly kind: "natural-person" | "legal-person";
    readonly name: string;
    readonly language: "nl" | "fr" | "en" | "de";
    readonly consumer: boolean;
    /** Digits only: 10 for a Belgian enterprise number (checked), 8 for a Dutch KvK number. */
    readonly enterpriseNumber?: string;
    /** 11 digits, checked (modulo 97). */
    readonly nationalNumber?: string;
    /** Electronic form, no spaces, upper case, checked. */
    readonly iban?: string;
    readonly contacts: readonly ContactValue[];
  };
  readonly claim: {
    readonly invoiceNumber: string;
    readonly invoiceDate: Temporal.PlainDate;
    readonly dueDate: Temporal.PlainDate;
    /** The amount to recover, exact, with at most 2 decimals, never negative. */
    readonly amount: Decimal;
    readonly description?: string;
  };
  /** The case's payment reference: an OGM as 12 digits when it is one, else the text as given. */
  readonly paymentReference?: string;
}

/**
 * One row of a `payments` file: a payment the client already received on a case.
 *
 * `paymentKey` identifies the payment across re-imports: the client's payment id when the profile
 * maps one, else `groupKey|date|amount|reference` (two equal payments on one day in one file then
 * need a payment id column to count twice).
 *
 * @example
 * ```ts
 * import { Temporal } from "@incasso/core";
 * import { Decimal } from "decimal.js";
 * import type { PaymentRowRecord } from "@incasso/import-csv";
 * const payment: PaymentRowRecord = {
 *   kind: "payments", groupKey: "D-2026-001", paymentKey: "D-2026-001|2026-03-02|250.00|",
 *   date: Temporal.PlainDate.from("2026-03-02"), amount: new Decimal("250.00"),
 * };
 * ```
 */
export interface PaymentRowRecord {
  readonly kind: "payments";
  readonly groupKey: string;
  readonly paymentKey: string;
  readonly date: Temporal.PlainDate;
  /** Exact, at most 2 decimals, greater than zero. */
  readonly amount: Decimal;
  /** The communication: an OGM as 12 digits when it is one, else the text as given. */
  readonly reference?: string;
}

/**
 * One row of a `contacts` file: contact data from an external source, and how to find the debtor
 * it belongs to (the first identifier of the profile's `matchBy` that the row fills in).
 *
 * @example
 * ```ts
 * import { Temporal } from "@incasso/core";
 * import type { ContactRowRecord } from "@incasso/import-csv";
 * const row: ContactRowRecord = {
 *   kind: "contacts", match: { by: "national-number", value: "85073003328" },
 *   contacts: [{ kind: "address", value: "Kerkstraat 1, 9000 Gent, BE" }],
 *   source: "Rijksregister", date: Temporal.PlainDate.from("2026-11-02"),
 * };
 * ```
 */
export interface ContactRowRecord {
  readonly kind: "contacts";
  readonly match: {
    readonly by: "national-number" | "enterprise-number" | "debtor-id" | "case-number";
    readonly value: string;
  };
  /** One or more contacts (a row may carry an address, an e-mail address and a phone number). */
  readonly contacts: readonly ContactValue[];
  readonly source: string;
  readonly date: Temporal.PlainDate;
}

/**
 * The actions a `mass-action` row may ask for: order a scenario activity, suspend or resume a
 * case's collection, set its status, or assign it to an owner.
 *
 * @example
 * ```ts
 * import type { MassActionWord } from "@incasso/import-csv";
 * const word: MassActionWord = "suspend";
 * ```
 */
export type MassActionWord = "order" | "suspend" | "resume" | "set-status" | "assign-owner";

/**
 * One row of a `mass-action` file: an action to carry out on a case. `action` absent means
 * `order` (of `activity`); each action carries its own fields (`activity` for `order`, `until` for
 * `suspend`, `status` for `set-status`, `owner` for `assign-owner`), checked by the reader.
 *
 * @example
 * ```ts
 * import type { MassActionRowRecord } from "@incasso/import-csv";
 * const row: MassActionRowRecord = { kind: "mass-action", caseNumber: "2026/00042", activity: "reminder-2" };
 * const owner: MassActionRowRecord = { kind: "mass-action", caseNumber: "2026/00043", action: "assign-owner", owner: "k.devries" };
 * ```
 */
export interface MassActionRowRecord {
  readonly kind: "mass-action";
  readonly caseNumber: string;
  readonly action?: MassActionWord;
  readonly activity?: string;
  readonly dueDate?: Temporal.PlainDate;
  readonly note?: string;
  readonly owner?: string;
  readonly status?: "closed" | "written-off" | "active";
  readonly until?: Temporal.PlainDate;
  readonly reason?: string;
}

/**
 * The record a row yields, per kind of file.
 *
 * @example
 * ```ts
 * import type { ImportRecord } from "@incasso/import-csv";
 * function caseNumberOf(record: ImportRecord): string | undefined {
 *   return record.kind === "mass-action" ? record.caseNumber : undefined;
 * }
 * ```
 */
export type ImportRecord =
  | CaseRowRecord
  | PaymentRowRecord
  | ContactRowRecord
  | MassActionRowRecord;

/**
 * The stable codes of the problems a reader reports on a row (errors unless marked warning):
 *
 * - `encoding`: the bytes are not valid in the profile's encoding (UTF-8 that looks like windows-1252).
 * - `missing-column`, `duplicate-column`: the header lacks a column the profile needs, or names
 *   one it reads twice (reported on the header's row by an `ImportHeaderError`).
 * - `ragged-row`: the row has fewer or more cells than the header.
 * - `unterminated-quote`: a quoted cell runs to the end of the file.
 * - `cell-too-long`, `record-too-long`: past the profile's `limits`.
 * - `control-character`: a NUL or another control character in a cell.
 * - `missing-value`: a required field is empty.
 * - `invalid-amount`, `ambiguous-amount`, `too-many-decimals`, `negative-amount`, `amount-out-of-range`.
 * - `invalid-date`, `date-out-of-range`.
 * - `excel-scientific`: a number Excel shortened to `1,23E+11`: the digits are lost.
 * - `excel-serial-date`: a day number where the profile expects a written date.
 * - `invalid-value`: a value the field does not accept (a language, a kind, a yes/no).
 * - `invalid-ogm`, `invalid-enterprise-number`, `invalid-national-number`, `invalid-iban`,
 *   `invalid-phone`, `invalid-email`.
 * - `too-long`: a value longer than the field allows once read.
 * - `formula`: a text cell starts like a spreadsheet formula (`=`, `+`, `-`, `@`, tab, CR); an
 *   error, or with the profile's `hostileText: "warning"` a warning and the text kept as it is,
 *   never evaluated (result files neutralise it).
 * - `path-like`: a text cell looks like a file path (`../`, `C:\`); an error, or a warning and
 *   the text kept with `hostileText: "warning"`.
 * - `no-match` : a contacts row fills in none of the identifiers of `matchBy`.
 *
 * @example
 * ```ts
 * import { ROW_ISSUE_CODES } from "@incasso/import-csv";
 * ROW_ISSUE_CODES.includes("invalid-ogm"); // true
 * ```
 */
export const ROW_ISSUE_CODES = [
  "encoding",
  "missing-column",
  "duplicate-column",
  "ragged-row",
  "unterminated-quote",
  "cell-too-long",
  "record-too-long",
  "control-character",
  "missing-value",
  "invalid-amount",
  "ambiguous-amount",
  "too-many-decimals",
  "negative-amount",
  "amount-out-of-range",
  "invalid-date",
  "date-out-of-range",
  "excel-scientific",
  "excel-serial-date",
  "invalid-value",
  "invalid-ogm",
  "invalid-enterprise-number",
  "invalid-national-number",
  "invalid-iban",
  "invalid-phone",
  "invalid-email",
  "too-long",
  "no-match",
  "formula",
  "path-like",
] as const;

/**
 * One code of {@link ROW_ISSUE_CODES}.
 *
 * @example
 * ```ts
 * import type { RowIssueCode } from "@incasso/import-csv";
 * const code: RowIssueCode = "invalid-date";
 * ```
 */
export type RowIssueCode = (typeof ROW_ISSUE_CODES)[number];

/**
 * A text in the three languages of the users: Dutch, French and English.
 *
 * @example
 * ```ts
 * import type { LocalizedText } from "@incasso/import-csv";
 * const text: LocalizedText = { nl: "Ongeldige datum", fr: "Date invalide", en: "Invalid date" };
 * ```
 */
export interface LocalizedText {
  readonly nl: string;
  readonly fr: string;
  readonly en: string;
}

/**
 * One problem found on a row: where (row, and the column as the file names it or `#3` by position;
 * null for the row as a whole), the value found (cut to 200 characters; null when none), the stable
 * `code`, what was `expected` (English, for logs), and a message in each language that names the
 * row, the column, the value and what was expected. A `warning` keeps the record; an `error` makes
 * the row's record null.
 *
 * @example
 * ```ts
 * import type { RowIssue } from "@incasso/import-csv";
 * const issue: RowIssue = {
 *   row: 7, column: "Vervaldatum", field: "dueDate", value: "31/02/2026", code: "invalid-date", severity: "error",
 *   expected: "a date as dd/mm/yyyy",
 *   message: { nl: "Rij 7, kolom Vervaldatum: ...", fr: "Ligne 7, colonne Vervaldatum : ...", en: "Row 7, column Vervaldatum: ..." },
 * };
 * ```
 */
export interface RowIssue {
  /** The line of the file (1-based; the first line of a record that spans lines), or the sheet row. */
  readonly row: number;
  /** The column as the file's header names it, `#n` by position, or null for the whole row. */
  readonly column: string | null;
  /** The profile field the column feeds, or null. */
  readonly field: string | null;
  readonly value: string | null;
  readonly code: RowIssueCode;
  readonly severity: "error" | "warning";
  readonly expected: string;
  readonly message: LocalizedText;
}

/**
 * What the reader yields for each data row of a file: its line, its cells, the record read from
 * them (null when the row has an error) and its issues (errors and warnings).
 *
 * `cells` holds the decoded cell text per profile field (before transforms, constants left out),
 * `raw` every cell of the row in file order, for result files that repeat the row.
 *
 * @example
 * ```ts
 * import type { ImportRow } from "@incasso/import-csv";
 * function isClean(row: ImportRow): boolean {
 *   return row.record !== null && row.issues.length === 0;
 * }
 * ```
 */
export interface ImportRow<R extends ImportRecord = ImportRecord> {
  /** The line of the file the row starts on (1-based), or the sheet row of a workbook. */
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
  readonly raw: readonly string[];
  readonly record: R | null;
  readonly issues: readonly RowIssue[];
}
