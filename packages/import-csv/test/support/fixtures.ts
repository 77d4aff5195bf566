import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import JSZip from "jszip";
import type { ImportProfileInput } from "../../src/index.js";

/** How a CSV fixture is written. */
export interface CsvFixtureOptions {
  readonly encoding?: "utf-8" | "windows-1252" | "iso-8859-15" | "utf-16le";
  readonly bom?: boolean;
  readonly delimiter?: string;
  readonly quote?: string;
  /** One line ending for all, or a list used in turn (mixed endings). */
  readonly lineEnding?: string | readonly string[];
  /** Quote every cell (else only cells that need it). */
  readonly quoteAll?: boolean;
  /** Line endings after the last row (empty trailing lines). */
  readonly trailing?: string;
}

/** Writes rows as delimited text (quoting as a spreadsheet does) and encodes it. */
export function encodeCsv(
  rows: readonly (readonly string[])[],
  options: CsvFixtureOptions = {},
): Uint8Array {
  const delimiter = options.delimiter ?? ";";
  const quote = options.quote ?? '"';
  const endings =
    typeof options.lineEnding === "string"
      ? [options.lineEnding]
      : (options.lineEnding ?? ["\r\n"]);
  const lines = rows.map((row) =>
    row
      .map((cell) =>
        options.quoteAll ||
        cell.includes(delimiter) ||
        cell.includes(quote) ||
        /[\r\n]/.test(cell) ||
        cell.startsWith(" ")
          ? `${quote}${cell.split(quote).join(quote + quote)}${quote}`
          : cell,
      )
      .join(delimiter),
  );
  let body = "";
  lines.forEach((line, index) => {
    body += line + (endings[index % endings.length] ?? "\n");
  });
  body += options.trailing ?? "";
  const encoding = options.encoding ?? "utf-8";
  const bytes = iconv.encode(body, encoding, { addBOM: options.bom ?? false });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

let fixtureDir: string | undefined;

/** A temporary folder for this test process's fixture files. */
export function fixtureFolder(): string {
  fixtureDir ??= mkdtempSync(join(tmpdir(), "incasso-import-"));
  return fixtureDir;
}

/** Writes a CSV fixture to a temporary file and returns its path. */
export function writeCsvFixture(
  name: string,
  rows: readonly (readonly string[])[],
  options: CsvFixtureOptions = {},
): string {
  const path = join(fixtureFolder(), name);
  writeFileSync(path, encodeCsv(rows, options));
  return path;
}

/** A cell of a workbook fixture: text (a shared string), a number (as stored), a date, a formula with its cached value, or empty. */
export type XlsxCell =
  | string
  | number
  | null
  | { readonly number: string }
  | { readonly date: string }
  | { readonly formula: string; readonly cached: string | number }
  | { readonly boolean: boolean };

/** A worksheet of a workbook fixture. */
export interface XlsxSheet {
  readonly name: string;
  readonly rows: readonly (readonly XlsxCell[])[];
}

function xml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

function columnName(index: number): string {
  let name = "";
  let n = index + 1;
  while (n > 0) {
    const rest = (n - 1) % 26;
    name = String.fromCharCode(65 + rest) + name;
    n = Math.floor((n - 1) / 26);
  }
  return name;
}

function serialOf(isoDate: string): number {
  const [y, m, d] = isoDate.split("-").map(Number) as [number, number, number];
  const days = Math.round((Date.UTC(y, m - 1, d) - Date.UTC(1899, 11, 30)) / 86_400_000);
  return days <= 60 ? days - 1 : days;
}

/**
 * Builds a minimal valid XLSX workbook (Office Open XML written by hand and zipped with jszip):
 * shared strings for text, numbers stored as given, dates as serials with a date style (numFmt 14),
 * formulas with their cached value.
 */
export async function makeXlsx(sheets: readonly XlsxSheet[]): Promise<Uint8Array> {
  const zip = new JSZip();
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const shared = (value: string) => {
    let index = stringIndex.get(value);
    if (index === undefined) {
      index = strings.length;
      strings.push(value);
      stringIndex.set(value, index);
    }
    return index;
  };
  sheets.forEach((sheet, sheetIndex) => {
    const rowsXml = sheet.rows
      .map((row, rowIndex) => {
        const cells = row
          .map((cell, cellIndex) => {
            const ref = `${columnName(cellIndex)}${rowIndex + 1}`;
            if (cell === null) return "";
            if (typeof cell === "string") return `<c r="${ref}" t="s"><v>${shared(cell)}</v></c>`;
            if (typeof cell === "number") return `<c r="${ref}"><v>${cell}</v></c>`;
            if ("number" in cell) return `<c r="${ref}"><v>${cell.number}</v></c>`;
            if ("date" in cell) return `<c r="${ref}" s="1"><v>${serialOf(cell.date)}</v></c>`;
            if ("boolean" in cell) return `<c r="${ref}" t="b"><v>${cell.boolean ? 1 : 0}</v></c>`;
            return typeof cell.cached === "string"
              ? `<c r="${ref}" t="str"><f>${xml(cell.formula)}</f><v>${xml(cell.cached)}</v></c>`
              : `<c r="${ref}"><f>${xml(cell.formula)}</f><v>${cell.cached}</v></c>`;
          })
          .join("");
        return `<row r="${rowIndex + 1}">${cells}</row>`;
      })
      .join("");
    zip.file(
      `xl/worksheets/sheet${sheetIndex + 1}.xml`,
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rowsXml}</sheetData></worksheet>`,
    );
  });
  zip.file(
    "[Content_Types].xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
      .map(
        (_, index) =>
          `<Override PartName="/xl/worksheets/sheet${index + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
      )
      .join(
        "",
      )}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
  );
  zip.file(
    "_rels/.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  zip.file(
    "xl/workbook.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
      .map(
        (sheet, index) =>
          `<sheet name="${xml(sheet.name)}" sheetId="${index + 1}" r:id="rId${index + 1}"/>`,
      )
      .join("")}</sheets></workbook>`,
  );
  zip.file(
    "xl/_rels/workbook.xml.rels",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
      .map(
        (_, index) =>
          `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${index + 1}.xml"/>`,
      )
      .join(
        "",
      )}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${sheets.length + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  );
  zip.file(
    "xl/styles.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>`,
  );
  zip.file(
    "xl/sharedStrings.xml",
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings
      .map((value) => `<si><t xml:space="preserve">${xml(value)}</t></si>`)
      .join("")}</sst>`,
  );
  const bytes = await zip.generateAsync({
    type: "uint8array",
    compression: "DEFLATE",
  });
  return bytes;
}

/** The record of the `index`th row read, failing the test when there is no such row or it has none. */
export function recordOf<R>(rows: readonly { readonly record: unknown }[], index: number): R {
  const record = rows[index]?.record;
  if (record === null || record === undefined) throw new Error(`row ${index} has no record`);
  return record as R;
}

/** Collects every row of an async iterable. */
export async function collect<T>(rows: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

/** A Belgian client's cases profile: windows-1252, `;`, decimal comma, dd/mm/yyyy, OGM and KBO checked. */
export function belgianCasesProfile(
  overrides: Partial<Record<string, unknown>> = {},
): ImportProfileInput {
  return {
    version: 1,
    id: "bakkerij-cases",
    clientId: "bakkerij",
    kind: "cases",
    encoding: "windows-1252",
    delimiter: ";",
    decimalSeparator: ",",
    thousandsSeparator: ".",
    dateFormats: ["dd/mm/yyyy"],
    grouping: "client-reference",
    newCases: { rulePack: "be.b2b" },
    columns: {
      clientReference: { name: "Dossier" },
      debtorId: { name: "Klantnummer", aliases: ["Klant nr", "N° client"] },
      debtorName: { name: "Naam", transforms: ["collapse-spaces"] },
      debtorLanguage: { name: "Taal" },
      enterpriseNumber: { name: "Ondernemingsnummer", aliases: ["KBO"] },
      street: { name: "Straat" },
      postalCode: { name: "Postcode" },
      city: { name: "Gemeente" },
      email: { name: "E-mail" },
      invoiceNumber: { name: "Factuur" },
      invoiceDate: { name: "Factuurdatum" },
      dueDate: { name: "Vervaldag" },
      amount: { name: "Openstaand" },
      paymentReference: { name: "Mededeling" },
    },
    ...overrides,
  } as ImportProfileInput;
}

/** The header of {@link belgianCasesProfile}'s files. */
export const BELGIAN_HEADER = [
  "Dossier",
  "Klantnummer",
  "Naam",
  "Taal",
  "Ondernemingsnummer",
  "Straat",
  "Postcode",
  "Gemeente",
  "E-mail",
  "Factuur",
  "Factuurdatum",
  "Vervaldag",
  "Openstaand",
  "Mededeling",
] as const;

/** One good row for {@link belgianCasesProfile}, with fields replaced as given. */
export function belgianRow(
  changes: Partial<Record<(typeof BELGIAN_HEADER)[number], string>> = {},
): string[] {
  const row: Record<string, string> = {
    Dossier: "D-2026-001",
    Klantnummer: "K1001",
    Naam: "Brasserie Léonie  BV",
    Taal: "N",
    Ondernemingsnummer: "BE 0403.170.701",
    Straat: "Kerkstraat 1",
    Postcode: "9000",
    Gemeente: "Gent",
    "E-mail": "Boekhouding@Leonie.be",
    Factuur: "F2026-17",
    Factuurdatum: "05/01/2026",
    Vervaldag: "04/02/2026",
    Openstaand: "1.234,56",
    Mededeling: "+++090/9337/55493+++",
    ...changes,
  };
  return BELGIAN_HEADER.map((name) => row[name] ?? "");
}
