import { IncassoError } from "@incasso/core";
import { describe, expect, test } from "vitest";
import type { CaseRowRecord } from "../../src/index.js";
import { readImportRows, readSheetRows } from "../../src/index.js";
import type { XlsxCell } from "../support/fixtures.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  collect,
  makeXlsx,
  recordOf,
} from "../support/fixtures.js";

const header = [...BELGIAN_HEADER, "Consument"];
const profile = belgianCasesProfile({
  sheet: "Facturen",
  columns: { ...(belgianCasesProfile().columns as object), debtorConsumer: { name: "Consument" } },
});

function row(changes: Partial<Record<string, XlsxCell>> = {}): XlsxCell[] {
  const base: Record<string, XlsxCell> = {
    Dossier: "D-1",
    Klantnummer: { number: "1001" },
    Naam: "Brasserie Léonie BV",
    Taal: "N",
    Ondernemingsnummer: "0403.170.701",
    Straat: "Kerkstraat 1",
    Postcode: { number: "9000" },
    Gemeente: "Gent",
    "E-mail": "",
    Factuur: { number: "2026017" },
    Factuurdatum: { date: "2026-01-05" },
    Vervaldag: { date: "2026-02-04" },
    Openstaand: { number: "1234.56" },
    Mededeling: "",
    Consument: { boolean: false },
    ...changes,
  };
  return header.map((name) => base[name] ?? null);
}

async function workbook(rows: XlsxCell[][]): Promise<Uint8Array> {
  return makeXlsx([
    { name: "Toelichting", rows: [["Dit blad wordt niet gelezen"]] },
    { name: "Facturen", rows: [header, ...rows] },
  ]);
}

describe("Excel workbooks", () => {
  test("a sheet chosen by name reads through the same profile: numbers as the workbook stores them, date cells as days, booleans", async () => {
    const rows = await collect(readImportRows(profile, await workbook([row()])));
    expect(rows[0]?.issues).toEqual([]);
    const record = recordOf<CaseRowRecord>(rows, 0);
    expect(record.debtor.id).toBe("1001");
    expect(record.debtor.consumer).toBe(false);
    expect(record.claim.invoiceNumber).toBe("2026017");
    expect(record.claim.invoiceDate.toString()).toBe("2026-01-05");
    expect(record.claim.amount.toFixed(2)).toBe("1234.56");
    expect(record.debtor.contacts).toEqual([{ kind: "address", value: "Kerkstraat 1, 9000 Gent" }]);
    expect(rows[0]?.row).toBe(2);
  });

  test("the sheet by number from 1; an unknown sheet is an error naming the workbook's sheets", async () => {
    const bytes = await workbook([row()]);
    const second = await collect(readImportRows({ ...profile, sheet: 2 }, bytes));
    expect(second.length).toBe(1);
    const error = await collect(readImportRows({ ...profile, sheet: "Blad1" }, bytes)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(IncassoError);
    expect((error as IncassoError).message).toContain('"Toelichting", "Facturen"');
  });

  test("amounts: a float artefact is read at Excel's 15 significant digits; more than 2 decimals is an error; text amounts follow the profile", async () => {
    const rows = await collect(
      readImportRows(
        profile,
        await workbook([
          row({ Openstaand: { number: "1234.5599999999999" } }),
          row({ Openstaand: { number: "12.345" } }),
          row({ Openstaand: "1.234,56" }),
          row({ Openstaand: { formula: "SUM(1000,234.56)", cached: 1234.56 } }),
        ]),
      ),
    );
    expect(recordOf<CaseRowRecord>(rows, 0).claim.amount.toFixed(2)).toBe("1234.56");
    expect(rows[1]?.issues.map((issue) => issue.code)).toEqual(["too-many-decimals"]);
    expect(recordOf<CaseRowRecord>(rows, 2).claim.amount.toFixed(2)).toBe("1234.56");
    expect(recordOf<CaseRowRecord>(rows, 3).claim.amount.toFixed(2)).toBe("1234.56");
  });

  test("dates: a serial number in a date column is a day (1900 bug accounted), text dates follow the profile", async () => {
    const rows = await collect(
      readImportRows(
        profile,
        await workbook([
          row({ Vervaldag: 45658 }),
          row({ Vervaldag: "04/02/2026" }),
          row({ Vervaldag: "2026/02/04" }),
        ]),
      ),
    );
    expect(recordOf<CaseRowRecord>(rows, 0).claim.dueDate.toString()).toBe("2025-01-01");
    expect(recordOf<CaseRowRecord>(rows, 1).claim.dueDate.toString()).toBe("2026-02-04");
    expect(rows[2]?.issues.map((issue) => issue.code)).toEqual(["invalid-date"]);
  });

  test("a number Excel stored in scientific form where an identifier belongs is 'excel-scientific'; a text cell that starts like a formula is the error 'formula'", async () => {
    const rows = await collect(
      readImportRows(
        profile,
        await workbook([
          row({ Factuur: { number: "1.2345678901234567E+19" } }),
          row({ Naam: "=1+1" }),
        ]),
      ),
    );
    expect(rows[0]?.issues.map((issue) => `${issue.code}@${issue.column}`)).toEqual([
      "excel-scientific@Factuur",
    ]);
    expect(rows[1]?.record).toBeNull();
    expect(rows[1]?.issues.map((issue) => [issue.code, issue.severity, issue.column])).toEqual([
      ["formula", "error", "Naam"],
    ]);
  });

  test("empty rows are skipped and row numbers are the sheet's", async () => {
    const bytes = await makeXlsx([
      { name: "Facturen", rows: [header, [], row({ Dossier: "D-3" })] },
    ]);
    const sheet = await readSheetRows(bytes, "Facturen");
    expect(sheet.length).toBe(3);
    const rows = await collect(readImportRows(profile, bytes));
    expect(rows.map((read) => [read.row, read.record?.kind])).toEqual([[3, "cases"]]);
  });

  test("a legacy .xls file and a broken archive are refused with what to do", async () => {
    const xls = Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0);
    await expect(collect(readImportRows(profile, xls))).rejects.toThrow(/save it as \.xlsx or CSV/);
    const broken = Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 1, 2, 3);
    await expect(collect(readImportRows(profile, broken))).rejects.toThrow(
      /not a readable Excel workbook/,
    );
  });
});
