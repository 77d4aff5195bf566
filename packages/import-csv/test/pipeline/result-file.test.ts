import { fc, test } from "@fast-check/vitest";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toResultCsv } from "../../src/index.js";

describe("result files", () => {
  it("neutralises the cells OWASP names (=, +, -, @, tab, carriage return) and nothing else", () => {
    expect(neutraliseCell('=HYPERLINK("http://evil.example")')).toBe(
      `'=HYPERLINK("http://evil.example")`,
    );
    expect(neutraliseCell("+32 2 555 12 34")).toBe("'+32 2 555 12 34");
    expect(neutraliseCell("-12,50")).toBe("'-12,50");
    expect(neutraliseCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(neutraliseCell("\t=1+1")).toBe("'\t=1+1");
    expect(neutraliseCell("\r=1+1")).toBe("'\r=1+1");
    expect(neutraliseCell("  =1+1")).toBe("'  =1+1");
    expect(neutraliseCell("K\u00001")).toBe("K\ufffd1");
    expect(neutraliseCell("2026/00042")).toBe("2026/00042");
    expect(neutraliseCell("Crèmerie Françoise")).toBe("Crèmerie Françoise");
  });

  it("writes ; separated UTF-8 with a byte-order mark and CRLF, quoting what needs it", () => {
    expect(
      toResultCsv(
        ["row", "message"],
        [
          [2, 'a;b "c"'],
          [3, null],
        ],
      ),
    ).toBe('\ufeffrow;message\r\n2;"a;b ""c"""\r\n3;\r\n');
  });

  test.prop([fc.array(fc.array(fc.string({ unit: "binary" }), { minLength: 2, maxLength: 2 }))])(
    "a result file reads back cell for cell, and no cell a spreadsheet reads starts like a formula",
    (rows) => {
      const csv = toResultCsv(["a", "b"], rows);
      const cells: string[][] = parse(csv, {
        delimiter: ";",
        bom: true,
        relax_column_count: false,
      });
      expect(cells).toHaveLength(rows.length + 1);
      cells.slice(1).forEach((line, index) => {
        line.forEach((cell, column) => {
          expect(cell).toBe(neutraliseCell(rows[index]?.[column] ?? ""));
          expect(cell).not.toMatch(/^[ ]*[=+\-@\t\r]/);
        });
      });
    },
  );
});
