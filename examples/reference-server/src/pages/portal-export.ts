// The portal's list as a file: CSV (UTF-8 with a byte-order mark, `;`, CRLF, every cell
// neutralised against formula injection, as the import's result files) and XLSX (write-excel-file:
// text cells are typed as text, never formulas; amounts are numbers with two decimals).
import type { CaseRow } from "@incasso/core";
import { toResultCsv } from "@incasso/import-csv";
import writeXlsxFile from "write-excel-file/node";
import type { Language } from "../context.js";
import type { PortalCaseLine } from "./portal-cases.js";
import type { PortalColumn } from "./portal-columns.js";
import { columnLabel, statusLabel } from "./portal-text.js";

const MONEY: ReadonlySet<PortalColumn> = new Set(["principal", "paid", "balance"]);

/**
 * The value of a column for a line, as text (amounts as decimal strings with a point, dates ISO).
 *
 * @example
 * ```ts
 * cellText("en", line, "status"); // "Open"
 * ```
 */
export function cellText(lang: Language, line: PortalCaseLine, column: PortalColumn): string {
  const { row, facts } = line;
  switch (column) {
    case "caseNumber":
      return row.caseNumber;
    case "clientReference":
      return facts.clientReference ?? "";
    case "debtor":
      return facts.debtor;
    case "openedOn":
      return facts.openedOn;
    case "status":
      return statusLabel(lang, row.status as CaseRow["status"]);
    case "principal":
      return facts.principal;
    case "paid":
      return facts.paid;
    case "balance":
      return row.balance ?? "";
    case "daysPastDue":
      return String(row.daysPastDue);
    case "agingBucket":
      return row.agingBucket;
    case "lastContact":
      return row.lastContact ?? "";
    case "nextAction":
      return row.nextActionDate ?? "";
  }
}

/**
 * The list as CSV: a header of the column names in the user's language, then one row per case.
 *
 * @example
 * ```ts
 * const csv = portalCsv("nl", ["caseNumber", "balance"], lines); // "\ufeffOnze referentie;Saldo\r\n..."
 * ```
 */
export function portalCsv(
  lang: Language,
  columns: readonly PortalColumn[],
  lines: readonly PortalCaseLine[],
): string {
  return toResultCsv(
    columns.map((column) => columnLabel(lang, column)),
    lines.map((line) => columns.map((column) => cellText(lang, line, column))),
  );
}

/**
 * The list as an XLSX workbook (one sheet).
 *
 * @example
 * ```ts
 * const bytes = await portalXlsx("en", ["caseNumber", "balance"], lines);
 * ```
 */
export async function portalXlsx(
  lang: Language,
  columns: readonly PortalColumn[],
  lines: readonly PortalCaseLine[],
): Promise<Buffer> {
  const header = columns.map((column) => ({
    value: columnLabel(lang, column),
    type: String,
    fontWeight: "bold" as const,
  }));
  const rows = lines.map((line) =>
    columns.map((column) => {
      const value = cellText(lang, line, column);
      if (MONEY.has(column) && value !== "")
        return { value: Number(value), type: Number, format: "#,##0.00" };
      if (column === "daysPastDue") return { value: line.row.daysPastDue, type: Number };
      return { value, type: String };
    }),
  );
  return writeXlsxFile([header, ...rows], {
    columns: columns.map((column) => ({ width: MONEY.has(column) ? 14 : 22 })),
  }).toBuffer();
}
