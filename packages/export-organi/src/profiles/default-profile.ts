import type { HandoverProfile } from "./handover-profile.js";

/**
 * The documented `default` profile: our own layout, described field by field in
 * `docs/bailiff-handover.md`. Every data file (`handover.json` against the shipped JSON Schema,
 * `handover.xml` against the shipped XSD, `handover.csv`), and the documents named
 * `documents/{caseKey}_{kind}_{n}.{ext}`. The CSV is the one a Belgian spreadsheet opens as it is:
 * `;` between cells, a decimal comma, dates `DD/MM/YYYY`, CRLF, UTF-8 with a byte order mark, one
 * row per claim.
 *
 * @example
 * ```ts
 * import { DEFAULT_PROFILE } from "@incasso/export-organi";
 * DEFAULT_PROFILE.csv.columns.map((column) => column.header);
 * ```
 */
export const DEFAULT_PROFILE: HandoverProfile = {
  id: "default",
  version: "1.0",
  name: "Incasso handover 1.0",
  description:
    "The Incasso handover package as documented in docs/bailiff-handover.md: JSON (with its JSON Schema), XML (with its XSD), CSV and the documents, under one case key.",
  confirmedFrom: {
    document: "docs/bailiff-handover.md (Incasso handover 1.0)",
    date: "2026-11-27",
    by: "Incasso",
  },
  unconfirmed: [],
  files: { json: true, xml: true, csv: true, documents: true },
  fileNames: {
    json: "handover.json",
    xml: "handover.xml",
    csv: "handover.csv",
    document: "{caseKey}_{kind}_{n}.{ext}",
  },
  csv: {
    separator: ";",
    decimalSeparator: ",",
    dateFormat: "DD/MM/YYYY",
    lineEnding: "\r\n",
    bom: true,
    header: true,
    columns: [
      { header: "package", field: "package.id" },
      { header: "cut_off_date", field: "package.cutOffDate" },
      { header: "case_key", field: "case.key" },
      { header: "our_reference", field: "case.number" },
      { header: "phase", field: "case.phase" },
      { header: "client_reference", field: "case.clientReference" },
      { header: "payment_reference", field: "case.paymentReference" },
      { header: "bailiff_file_number", field: "case.bailiffFileNumber" },
      { header: "creditor", field: "creditor.name" },
      { header: "creditor_enterprise_number", field: "creditor.enterpriseNumber" },
      { header: "creditor_iban", field: "creditor.iban" },
      { header: "debtor", field: "debtor.name" },
      { header: "debtor_kind", field: "debtor.kind" },
      { header: "debtor_enterprise_number", field: "debtor.enterpriseNumber" },
      { header: "debtor_national_number", field: "debtor.nationalNumber" },
      { header: "debtor_language", field: "debtor.language" },
      { header: "debtor_consumer", field: "debtor.consumer" },
      { header: "debtor_address", field: "debtor.address" },
      { header: "debtor_email", field: "debtor.email" },
      { header: "debtor_phone", field: "debtor.phone" },
      { header: "debtors", field: "debtors.count" },
      { header: "claim", field: "claim.id" },
      { header: "invoice_number", field: "claim.invoiceNumber" },
      { header: "invoice_date", field: "claim.invoiceDate" },
      { header: "due_date", field: "claim.dueDate" },
      { header: "invoice_amount", field: "claim.amount" },
      { header: "description", field: "claim.description" },
      { header: "claim_principal_open", field: "claim.principalOpen" },
      { header: "claim_interest", field: "claim.interest" },
      { header: "case_principal", field: "case.principal" },
      { header: "case_interest", field: "case.interest" },
      { header: "case_costs", field: "case.costs" },
      { header: "case_penalty", field: "case.penalty" },
      { header: "case_paid", field: "case.paid" },
      { header: "case_balance", field: "case.balance" },
      { header: "documents", field: "case.documents" },
    ],
  },
};
