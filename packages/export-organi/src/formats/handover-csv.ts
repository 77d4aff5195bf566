import type { HandoverCase, HandoverPackage } from "../model/handover-package.js";
import type { CsvColumnField, HandoverProfile } from "../profiles/handover-profile.js";

/**
 * A cell made harmless for a spreadsheet: a value that starts with `=`, `+`, `-`, `@`, a tab or a
 * carriage return (which Excel, LibreOffice and Google Sheets would read as a formula) gets a
 * leading apostrophe, as OWASP's CSV injection advice says; the text after it is unchanged.
 *
 * @example
 * ```ts
 * import { neutraliseCell } from "@incasso/export-organi";
 * neutraliseCell("=HYPERLINK(\"http://x\")"); // "'=HYPERLINK(\"http://x\")"
 * ```
 */
export function neutraliseCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string, separator: string): string {
  return value.includes(separator) ||
    value.includes('"') ||
    value.includes("\n") ||
    value.includes("\r") ||
    value.startsWith(" ") ||
    value.endsWith(" ")
    ? `"${value.replace(/"/g, '""')}"`
    : value;
}

function formatDate(date: string | null, format: HandoverProfile["csv"]["dateFormat"]): string {
  if (date === null) return "";
  const [year, month, day] = date.split("-");
  switch (format) {
    case "YYYY-MM-DD":
      return date;
    case "DD/MM/YYYY":
      return `${day}/${month}/${year}`;
    case "DD-MM-YYYY":
      return `${day}-${month}-${year}`;
    case "DD.MM.YYYY":
      return `${day}.${month}.${year}`;
  }
}

type Claim = HandoverCase["claims"][number];

function cellOf(
  field: CsvColumnField,
  handover: HandoverPackage,
  handoverCase: HandoverCase,
  claim: Claim,
  profile: HandoverProfile,
): string {
  const amount = (value: string | null | undefined) =>
    value === null || value === undefined
      ? ""
      : profile.csv.decimalSeparator === ","
        ? value.replace(".", ",")
        : value;
  const date = (value: string | null) => formatDate(value, profile.csv.dateFormat);
  const debtor = handoverCase.debtors[0];
  const current = <T extends { current: boolean; value: string }>(list: readonly T[] | undefined) =>
    (list ?? []).find((entry) => entry.current)?.value ?? "";
  const statementClaim = handoverCase.statement.claims.find((line) => line.id === claim.id);
  const totals = handoverCase.statement.totals;
  switch (field) {
    case "package.id":
      return handover.envelope.packageId;
    case "package.cutOffDate":
      return date(handover.envelope.cutOffDate);
    case "case.key":
      return handoverCase.caseKey;
    case "case.number":
      return handoverCase.caseNumber;
    case "case.phase":
      return handoverCase.phase;
    case "case.clientReference":
      return handoverCase.references.client ?? "";
    case "case.paymentReference":
      return handoverCase.references.payment?.value ?? "";
    case "case.bailiffFileNumber":
      return handoverCase.references.bailiffFileNumber ?? "";
    case "creditor.name":
      return handoverCase.creditor.name;
    case "creditor.enterpriseNumber":
      return handoverCase.creditor.enterpriseNumber ?? "";
    case "creditor.iban":
      return handoverCase.creditor.iban ?? "";
    case "debtor.name":
      return debtor?.name ?? "";
    case "debtor.kind":
      return debtor?.kind ?? "";
    case "debtor.enterpriseNumber":
      return debtor?.enterpriseNumber ?? "";
    case "debtor.nationalNumber":
      return debtor?.nationalNumber?.value ?? "";
    case "debtor.language":
      return debtor?.language ?? "";
    case "debtor.consumer":
      return debtor === undefined ? "" : debtor.consumer ? "yes" : "no";
    case "debtor.address":
      return current(debtor?.addresses).replace(/\r?\n/g, ", ");
    case "debtor.email":
      return current(debtor?.emails);
    case "debtor.phone":
      return current(debtor?.phones);
    case "debtors.count":
      return String(handoverCase.debtors.length);
    case "claim.id":
      return claim.id;
    case "claim.invoiceNumber":
      return claim.invoiceNumber;
    case "claim.invoiceDate":
      return date(claim.invoiceDate);
    case "claim.dueDate":
      return date(claim.dueDate);
    case "claim.amount":
      return amount(claim.amount);
    case "claim.description":
      return claim.description ?? "";
    case "claim.principalOpen":
      return amount(statementClaim?.principal);
    case "claim.interest":
      return amount(statementClaim?.interest);
    case "case.principal":
      return amount(totals.principal);
    case "case.interest":
      return amount(totals.interest);
    case "case.costs":
      return amount(totals.costs);
    case "case.penalty":
      return amount(totals.penalty);
    case "case.paid":
      return amount(totals.paid);
    case "case.balance":
      return amount(totals.balance);
    case "case.documents":
      return handoverCase.documents.map((document) => document.fileName).join(" ");
  }
}

/**
 * A handover package as CSV in the profile's layout: one row per claim (the case's and the first
 * debtor's fields repeated on each), the profile's separator, decimal separator, date format and
 * line ending, a header row when the profile asks, UTF-8 with a byte order mark when it asks.
 * Every cell is neutralised ({@link neutraliseCell}) and quoted when it holds the separator, a
 * quote or a line break. The case figures repeat on every row of the case: sum them per case.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROFILE, handoverToCsv, type HandoverPackage } from "@incasso/export-organi";
 * declare const handover: HandoverPackage;
 * const csv = handoverToCsv(handover, DEFAULT_PROFILE);
 * ```
 */
export function handoverToCsv(handover: HandoverPackage, profile: HandoverProfile): string {
  const { separator, lineEnding } = profile.csv;
  const row = (cells: readonly string[]) =>
    cells.map((cell) => quote(neutraliseCell(cell), separator)).join(separator);
  const rows: string[] = [];
  if (profile.csv.header) rows.push(row(profile.csv.columns.map((column) => column.header)));
  for (const handoverCase of handover.cases)
    for (const claim of handoverCase.claims)
      rows.push(
        row(
          profile.csv.columns.map((column) =>
            cellOf(column.field, handover, handoverCase, claim, profile),
          ),
        ),
      );
  return `${profile.csv.bom ? "\uFEFF" : ""}${rows.join(lineEnding)}${lineEnding}`;
}
