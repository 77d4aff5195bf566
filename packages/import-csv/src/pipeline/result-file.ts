import type { FileHandle } from "node:fs/promises";
import { open, rename, rm } from "node:fs/promises";
import { IncassoError } from "@incasso/core";
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
  const lines = [header, ...rows].map(csvLine);
  return `\ufeff${lines.join("")}`;
}

/** One line of a result file in CSV, with its CRLF. */
function csvLine(line: readonly (string | number | boolean | null)[]): string {
  const cell = (value: string | number | boolean | null) => {
    const text = neutraliseCell(value === null ? "" : String(value));
    return /[;"\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `${line.map(cell).join(";")}\r\n`;
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
    report.rows.map((row) => csvCells(row, language)),
  );
}

function csvCells(row: RowReport, language: Language): (string | number | boolean | null)[] {
  return [
    row.row,
    row.outcome,
    row.caseId,
    row.caseNumber,
    row.debtorId,
    row.newCase,
    row.newDebtor,
    row.messages.map((message) => message[language]).join(" | "),
  ];
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
  const rows = report.rows.map((row, index) => `${index === 0 ? "[\n" : ",\n"}${jsonRow(row)}`);
  return `${jsonHead(report)}${rows.join("")}${jsonTail(report.rows.length)}`;
}

/** The JSON of a result file up to its first row. */
function jsonHead(report: Omit<ImportReport, "rows" | "cases">): string {
  const whole = JSON.stringify(
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
      rows: [],
    },
    null,
    2,
  );
  return whole.slice(0, whole.length - "[]\n}".length);
}

/** A row of the JSON result file, indented as inside the file's `rows`. */
function jsonRow(row: RowReport): string {
  const text = JSON.stringify(
    {
      row: row.row,
      outcome: row.outcome,
      caseId: row.caseId,
      caseNumber: row.caseNumber,
      debtorId: row.debtorId,
      newCase: row.newCase,
      newDebtor: row.newDebtor,
      messages: row.messages,
    },
    null,
    2,
  );
  return `    ${text.replaceAll("\n", "\n    ")}`;
}

/** The JSON of a result file after its last row. */
function jsonTail(rows: number): string {
  return rows === 0 ? "[]\n}\n" : "\n  ]\n}\n";
}

/**
 * Where {@link writeResultFiles} writes: a CSV file (in a language), a JSON file, or both.
 *
 * @example
 * ```ts
 * import type { ResultFiles } from "@incasso/import-csv";
 * const files: ResultFiles = { csv: "/data/acme-result.csv", json: "/data/acme-result.json", language: "nl" };
 * ```
 */
export interface ResultFiles {
  readonly csv?: string;
  readonly json?: string;
  /** The language of the CSV file's header and messages. Default `en`. */
  readonly language?: Language;
}

/** Refuses result files that would overwrite each other. */
export function checkResultFiles(files: ResultFiles): void {
  if (files.csv !== undefined && files.csv === files.json) {
    throw new IncassoError(
      "INVALID_INPUT",
      `resultFiles.json: expected another file than resultFiles.csv (both ${files.csv})`,
      [{ path: "resultFiles.json", message: "expected another file than resultFiles.csv" }],
    );
  }
}

/**
 * Writes the result files of an import row by row, holding one row at a time: the same bytes as
 * {@link resultFileCsv} and {@link resultFileJson} give for the whole report. Each file is written
 * under a temporary name beside it and renamed when complete.
 *
 * @example
 * ```ts
 * import { writeResultFiles, type ImportReport, type RowReport } from "@incasso/import-csv";
 * declare const report: ImportReport;
 * declare const rows: AsyncIterable<RowReport>;
 * await writeResultFiles({ csv: "/data/result.csv" }, report, rows);
 * ```
 */
export async function writeResultFiles(
  files: ResultFiles,
  report: Omit<ImportReport, "rows" | "cases">,
  rows: AsyncIterable<RowReport> | Iterable<RowReport>,
): Promise<void> {
  const language = files.language ?? "en";
  checkResultFiles(files);
  const targets: { path: string; temporary: string; handle: FileHandle; buffer: string[] }[] = [];
  try {
    for (const path of [files.csv, files.json]) {
      if (path === undefined) continue;
      const temporary = `${path}.${process.pid}.partial`;
      targets.push({ path, temporary, handle: await open(temporary, "w"), buffer: [] });
    }
    const [csv, json] = [
      files.csv === undefined ? undefined : targets[0],
      files.json === undefined ? undefined : targets[targets.length - 1],
    ];
    const flush = async (force: boolean) => {
      for (const target of targets) {
        if (target.buffer.length === 0 || (!force && target.buffer.length < 1000)) continue;
        await target.handle.writeFile(target.buffer.join(""), "utf8");
        target.buffer = [];
      }
    };
    csv?.buffer.push(`\ufeff${csvLine(HEADER[language])}`);
    json?.buffer.push(jsonHead(report));
    let count = 0;
    for await (const row of rows) {
      csv?.buffer.push(csvLine(csvCells(row, language)));
      json?.buffer.push(`${count === 0 ? "[\n" : ",\n"}${jsonRow(row)}`);
      count += 1;
      await flush(false);
    }
    json?.buffer.push(jsonTail(count));
    await flush(true);
    for (const target of targets) await target.handle.close();
    for (const target of targets) await rename(target.temporary, target.path);
  } catch (error) {
    for (const target of targets) {
      await target.handle.close().catch(() => undefined);
      await rm(target.temporary, { force: true });
    }
    throw error;
  }
}
