import { IncassoError, Temporal } from "@incasso/core";
import { readSheet } from "read-excel-file/node";
import type { SourceCell } from "./row-mapper.js";

/** A number cell of a workbook, kept as the text the file stores (never a JS number). */
class ExcelNumber {
  constructor(readonly text: string) {}
}

/**
 * One row of a worksheet: its row number in the sheet (1-based) and its cells.
 *
 * @example
 * ```ts
 * import type { SheetRow } from "@incasso/import-csv";
 * const row: SheetRow = { row: 2, cells: [{ text: "Peeters", kind: "text" }] };
 * ```
 */
export interface SheetRow {
  readonly row: number;
  readonly cells: readonly SourceCell[];
}

function toCell(value: unknown): SourceCell {
  if (value === null || value === undefined) return { text: "", kind: "text" };
  if (value instanceof ExcelNumber) return { text: value.text, kind: "number" };
  if (value instanceof Date) {
    const date = Temporal.PlainDate.from({
      year: value.getUTCFullYear(),
      month: value.getUTCMonth() + 1,
      day: value.getUTCDate(),
    });
    return { text: date.toString(), kind: "date", date };
  }
  if (typeof value === "boolean") return { text: value ? "true" : "false", kind: "boolean" };
  if (typeof value === "number") return { text: String(value), kind: "number" };
  return { text: String(value), kind: "text" };
}

/**
 * Reads one worksheet of an XLSX workbook into rows of cells, with `read-excel-file`: the sheet by
 * name or by number from 1 (the first when absent). Numbers keep the exact text the workbook
 * stores (its `parseNumber` hook), so amounts never pass through a JS number here; cells with a
 * date format come as days; text is not trimmed; formulas give the value the spreadsheet computed
 * and saved (never evaluated here). A legacy `.xls` file, a broken archive or a sheet that does
 * not exist is an `INVALID_INPUT` error that says so.
 *
 * @example
 * ```ts
 * import { readSheetRows } from "@incasso/import-csv";
 * async function firstRow(bytes: Uint8Array) {
 *   const rows = await readSheetRows(bytes, "Facturen");
 *   return rows[0]?.cells.map((cell) => cell.text);
 * }
 * ```
 */
export async function readSheetRows(
  bytes: Uint8Array,
  sheet: string | number | undefined,
): Promise<SheetRow[]> {
  let data: unknown[][];
  try {
    data = (await readSheet(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      sheet ?? 1,
      {
        trim: false,
        parseNumber: (text: string) => new ExcelNumber(text),
      },
    )) as unknown[][];
  } catch (error) {
    const name = (error as { name?: string }).name;
    if (name === "SheetNotFoundError") {
      const sheets = (error as { sheets?: string[] }).sheets ?? [];
      throw new IncassoError(
        "INVALID_INPUT",
        `profile.sheet: the workbook has no sheet ${JSON.stringify(sheet)}; its sheets are ${sheets.map((s) => JSON.stringify(s)).join(", ")}`,
        [
          {
            path: "profile.sheet",
            message: `expected one of the workbook's sheets: ${sheets.join(", ")}`,
          },
        ],
      );
    }
    const code = (error as { code?: string }).code;
    const message =
      code === "XLS_FILE_NOT_SUPPORTED"
        ? "a legacy Excel 97-2003 workbook (.xls) is not read: save it as .xlsx or CSV"
        : `not a readable Excel workbook (${(error as Error).message})`;
    throw new IncassoError("INVALID_INPUT", `file: ${message}`, [{ path: "file", message }]);
  }
  return data.map((row, index) => ({ row: index + 1, cells: row.map(toCell) }));
}
