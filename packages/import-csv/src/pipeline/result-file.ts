import type { LocalizedText } from "../records.js";
import type { ImportReport, RowReport } from "./import-report.js";

/**
 * Makes a cell safe to open in a spreadsheet, as the OWASP guidance on CSV injection says: a cell
 * that starts with `=`, `+`, `-`, `@`, a tab or a carriage return (also after leading spaces) gets
 * a leading `'`, so Excel, LibreOffice and Google Sheets show it as text and never evaluate it.
 * NUL characters become U+FFFD. The cell is then quoted by {@link toResultCsv} as CSV requires.
 * Every result file of this package writes its cells through this function.
 *
 * @example
 * ```ts
 * import { neutraliseCell } from "@incasso/import-csv";
 * neutraliseCell('=HYPERLINK("http://evil")'); // "'=HYPERLINK(\"http://evil\")"
 * neutraliseCell("2026/00042"); // "2026/00042"
 * ```
 */
export function neutraliseCell(value: string): string {
  const text = value.replaceAll("\u0000", "\ufffd");
  return /^[ ]*[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

/**
 * Writes rows as a result file in CSV: `;`-separated, UTF-8 with a byte-order mark (so Excel in
 * Belgium and the Netherlands opens it with its accents), CRLF line ends, every cell neutralised by
 * {@link neutraliseCell} and quoted when it holds `;`, `"`, a line break or a leading `'`.
 *
 * @example
 * ```ts
 * import { toResultCsv } from "@incasso/import-csv";
 * toResultCsv(["row", "outcome"], [[2, "error"]]); // "\ufeffrow;outcome\r\n2;error\r\n"
 * ```
 */
export function toResultCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | boolean | null)[])[],
): string {
  const cell = (value: string | number | boolean | null) => {
    const text = neutraliseCell(value === null ? "" : String(value));
    return /[;"\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header, ...rows].map((line) => line.map(cell).join(";"));
  return `\ufeff${lines.map((line) => `${line}\r\n`).join("")}`;
}

/** The language of the messages in a result file. */
type Language = keyof LocalizedText;

const HEADER: Record<Language, readonly string[]> = {
  nl: [
    "rij",
    "resultaat",
    "dossier",
    "dossiernummer",
    "schuldenaar",
    "nieuw dossier",
    "nieuwe schuldenaar",
    "meldingen",
  ],
  fr: [
    "ligne",
    "résultat",
    "dossier",
    "numéro de dossier",
    "débiteur",
    "nouveau dossier",
    "nouveau débiteur",
    "messages",
  ],
  en: ["row", "outcome", "case", "case number", "debtor", "new case", "new debtor", "messages"],
};

/**
 * The result file of an import as CSV (see {@link toResultCsv}): one line per row of the file with
 * its line number, outcome, case id and number, debtor, whether the import opens the case or adds
 * the debtor, and its messages in the chosen language joined by ` | `.
 *
 * @example
 * ```ts
 * import { resultFileCsv, type ImportReport } from "@incasso/import-csv";
 * declare const report: ImportReport;
 * const csv = resultFileCsv(report, "nl");
 * ```
 */
export function resultFileCsv(report: ImportReport, language: Language = "en"): string {
  return toResultCsv(
    HEADER[language],
    report.rows.map((row) => [
      row.row,
      row.outcome,
      row.caseId,
      row.caseNumber,
      row.debtorId,
      row.newCase,
      row.newDebtor,
      row.messages.map((message) => message[language]).join(" | "),
    ]),
  );
}

/**
 * The result file of an import as JSON: the batch, the totals, the owners' summaries and per row
 * its line, outcome, case, debtor and messages (in every language), the same rows as
 * {@link resultFileCsv}. JSON carries the values as data, so no cell needs neutralising.
 *
 * @example
 * ```ts
 * import { resultFileJson, type ImportReport } from "@incasso/import-csv";
 * declare const report: ImportReport;
 * JSON.parse(resultFileJson(report)).rows.length;
 * ```
 */
export function resultFileJson(report: ImportReport): string {
  const rows = report.rows.map((row: RowReport) => ({
    row: row.row,
    outcome: row.outcome,
    caseId: row.caseId,
    caseNumber: row.caseNumber,
    debtorId: row.debtorId,
    newCase: row.newCase,
    newDebtor: row.newDebtor,
    messages: row.messages,
  }));
  return `${JSON.stringify(
    {
      batchId: report.batchId,
      clientId: report.clientId,
      profileId: report.profileId,
      kind: report.kind,
      source: report.source,
      contentHash: report.contentHash,
      importedAt: report.importedAt,
      dryRun: report.dryRun,
      stopped: report.stopped,
      totals: report.totals,
      ownerSummaries: report.ownerSummaries,
      rows,
    },
    null,
    2,
  )}\n`;
}
