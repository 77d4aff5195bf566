import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import type { CaseRowRecord } from "../../src/index.js";
import { detectDialect, detectEncoding, dryRunDetect, readImportRows } from "../../src/index.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  collect,
  encodeCsv,
  writeCsvFixture,
} from "../support/fixtures.js";

const NAMES = [
  "Brasserie Léonie BV",
  "Café Müller & Zoon",
  "Œuvre Française SRL",
  "Ærø Äpfel €uro NV",
];
const rows = [
  [...BELGIAN_HEADER],
  ...NAMES.map((name, index) => belgianRow({ Naam: name, Dossier: `D${index}` })),
];

function namesOf(records: readonly { record: unknown }[]): string[] {
  return records.map((row) => (row.record as CaseRowRecord | null)?.debtor.name ?? "<null>");
}

describe("encodings", () => {
  for (const [encoding, bom] of [
    ["utf-8", false],
    ["utf-8", true],
    ["windows-1252", false],
    ["iso-8859-15", false],
    ["utf-16le", true],
  ] as const) {
    test(`a file in ${encoding}${bom ? " with a BOM" : ""}, read from disk, gives the names with their accents, by the profile and by auto-detection`, async () => {
      const path = writeCsvFixture(`names-${encoding}-${bom}.csv`, rows, { encoding, bom });
      const stated = await collect(readImportRows(belgianCasesProfile({ encoding }), path));
      expect(namesOf(stated)).toEqual(NAMES);
      expect(stated.flatMap((row) => row.issues)).toEqual([]);
      const auto = await collect(readImportRows(belgianCasesProfile({ encoding: "auto" }), path));
      expect(namesOf(auto)).toEqual(NAMES);
    });
  }

  test("detection tells UTF-8, windows-1252 (bytes 0x80–0x9F), ISO-8859-15 (the euro at 0xA4) and UTF-16 apart", () => {
    expect(detectEncoding(encodeCsv([["Café"]], { encoding: "utf-8" }))).toMatchObject({
      encoding: "utf-8",
      confidence: "high",
    });
    expect(detectEncoding(encodeCsv([["Café €"]], { encoding: "windows-1252" }))).toMatchObject({
      encoding: "windows-1252",
      confidence: "high",
    });
    expect(detectEncoding(encodeCsv([["Café €"]], { encoding: "iso-8859-15" })).encoding).toBe(
      "iso-8859-15",
    );
    expect(
      detectEncoding(encodeCsv([["Café"]], { encoding: "utf-16le", bom: true })),
    ).toMatchObject({ encoding: "utf-16le", bom: true });
    expect(
      detectEncoding(encodeCsv([["Cafe;x"]], { encoding: "utf-16le", bom: false })).encoding,
    ).toBe("utf-16le");
    expect(detectEncoding(encodeCsv([["plain"]])).confidence).toBe("low");
  });

  test("a windows-1252 file read as UTF-8 is refused row by row with 'looks like windows-1252', never imported with mangled names", async () => {
    const bytes = encodeCsv(rows, { encoding: "windows-1252" });
    const read = await collect(readImportRows(belgianCasesProfile({ encoding: "utf-8" }), bytes));
    const bad = read.filter((row) => row.record === null);
    expect(bad.map((row) => row.row)).toEqual([2, 3, 4, 5]);
    const issue = bad[0]?.issues.find((candidate) => candidate.code === "encoding");
    expect(issue).toMatchObject({ row: 2, column: "Naam", field: "debtorName" });
    expect(issue?.message.en).toContain("looks like windows-1252");
    expect(issue?.message.nl).toContain("lijkt windows-1252");
    expect(issue?.message.fr).toContain("semble être en windows-1252");
  });

  test("a UTF-8 file read as windows-1252 is recognised by its mangled accents (Ã©)", async () => {
    const bytes = encodeCsv(rows, { encoding: "utf-8" });
    const read = await collect(
      readImportRows(belgianCasesProfile({ encoding: "windows-1252" }), bytes),
    );
    const issue = read[0]?.issues.find((candidate) => candidate.code === "encoding");
    expect(issue?.message.en).toContain("looks like UTF-8");
    expect(read[0]?.record).toBeNull();
  });

  test("a multi-byte character cut between two stream chunks is decoded whole", async () => {
    const bytes = encodeCsv(rows, { encoding: "utf-8" });
    const chunks = Array.from(bytes).map((byte) => Uint8Array.of(byte));
    const read = await collect(
      readImportRows(belgianCasesProfile({ encoding: "utf-8" }), Readable.from(chunks)),
    );
    expect(namesOf(read)).toEqual(NAMES);
  });
});

describe("detectDialect", () => {
  test("reports encoding, BOM, delimiter, line ending and first row with its reasons", () => {
    const dialect = detectDialect(
      encodeCsv(
        [
          ["Klant", "Bedrag"],
          ["Peeters", "1.234,56"],
          ["Janssens", "12,00"],
        ],
        { encoding: "windows-1252", delimiter: ";" },
      ),
    );
    expect(dialect).toMatchObject({
      format: "delimited",
      encoding: "utf-8",
      delimiter: ";",
      lineEnding: "\r\n",
      firstRow: ["Klant", "Bedrag"],
    });
    expect(dialect.reasons.length).toBe(2);
    const tabbed = dryRunDetect(
      encodeCsv(
        [
          ["a", "b,c", "d"],
          ["1", "2,5", "3"],
        ],
        { delimiter: "\t", lineEnding: "\n", bom: true },
      ),
    );
    expect(tabbed).toMatchObject({
      delimiter: "\t",
      bom: true,
      lineEnding: "\n",
      confidence: "high",
    });
    expect(
      detectDialect(
        encodeCsv(
          [
            ["a", "b"],
            ["1", "2"],
          ],
          { delimiter: "|", lineEnding: ["\n", "\r\n"] },
        ),
      ),
    ).toMatchObject({ delimiter: "|", lineEnding: "mixed" });
    expect(
      detectDialect(
        encodeCsv(
          [
            ["a", "b"],
            ["1,5", "2"],
          ],
          { delimiter: "," },
        ),
      ).delimiter,
    ).toBe(",");
  });

  test("knows a workbook and a legacy .xls by their first bytes", () => {
    expect(detectDialect(Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0)).format).toBe("xlsx");
    expect(detectDialect(Uint8Array.of(0xd0, 0xcf, 0x11, 0xe0, 0xa1)).format).toBe("xls");
  });
});
