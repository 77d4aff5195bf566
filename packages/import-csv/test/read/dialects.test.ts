import { describe, expect, test } from "vitest";
import type { CaseRowRecord, MassActionRowRecord } from "../../src/index.js";
import { ImportHeaderError, readImportRows } from "../../src/index.js";
import type { CsvFixtureOptions } from "../support/fixtures.js";
import {
  BELGIAN_HEADER,
  belgianCasesProfile,
  belgianRow,
  collect,
  encodeCsv,
  recordOf,
} from "../support/fixtures.js";

const csv = (rows: readonly (readonly string[])[], options: CsvFixtureOptions = {}) =>
  encodeCsv(rows, { encoding: "windows-1252", ...options });

const good = [
  [...BELGIAN_HEADER],
  belgianRow(),
  belgianRow({ Dossier: "D-2", Factuur: "F-2", Openstaand: "10,00" }),
];

async function headerError(promise: Promise<unknown>): Promise<ImportHeaderError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof ImportHeaderError) return error;
    throw error;
  }
  throw new Error("expected an ImportHeaderError");
}

describe("dialects", () => {
  for (const delimiter of [";", ",", "\t", "|"] as const) {
    test(`the delimiter "${delimiter === "\t" ? "\\t" : delimiter}" is found by auto-detection, with quoted cells holding it`, async () => {
      const rows = [
        [...BELGIAN_HEADER],
        belgianRow({ Naam: `Peeters${delimiter} Jan`, Openstaand: "1.234,56" }),
      ];
      const read = await collect(
        readImportRows(
          belgianCasesProfile({ delimiter: "auto" }),
          csv(rows, { delimiter, encoding: "windows-1252" }),
        ),
      );
      // Names collapse white space, a tab among it.
      expect(recordOf<CaseRowRecord>(read, 0).debtor.name).toBe(
        `Peeters${delimiter} Jan`.replace(/\s+/g, " "),
      );
    });
  }

  test("mixed line endings, empty lines between rows and trailing empty lines are read as the rows they are", async () => {
    const bytes = csv(good, {
      encoding: "windows-1252",
      lineEnding: ["\r\n", "\n", "\r"],
      trailing: "\r\n\r\n\n",
    });
    const read = await collect(readImportRows(belgianCasesProfile(), bytes));
    expect(read.map((row) => [row.row, row.record?.kind])).toEqual([
      [2, "cases"],
      [3, "cases"],
    ]);
  });

  test("header names match whatever their case, accents, spaces and punctuation, and aliases count", async () => {
    const header = BELGIAN_HEADER.map((name) =>
      name === "Klantnummer" ? "n° CLIENT" : name === "Factuurdatum" ? "FACTUUR-DATUM" : name,
    );
    const read = await collect(readImportRows(belgianCasesProfile(), csv([header, belgianRow()])));
    expect(read[0]?.issues).toEqual([]);
    expect(recordOf<CaseRowRecord>(read, 0).debtor.id).toBe("K1001");
  });

  test("a missing required column and a column named twice stop the read before any row, naming each in three languages", async () => {
    const header: string[] = BELGIAN_HEADER.filter((name) => name !== "Vervaldag");
    header.push("Klant nr");
    const error = await headerError(
      collect(
        readImportRows(belgianCasesProfile(), csv([header, belgianRow()]), {
          language: "nl",
        }),
      ),
    );
    expect(error.code).toBe("INVALID_INPUT");
    const fields = error.rowIssues.map((issue) => issue.field).sort();
    expect(fields).toEqual(["debtorId", "dueDate"]);
    expect(error.rowIssues.find((issue) => issue.field === "dueDate")?.message.fr).toContain(
      "« Vervaldag »",
    );
    expect(error.message).toContain("Vervaldag");
    expect(error.message).toContain("Rij 1");
    expect(error.rowIssues.find((issue) => issue.field === "dueDate")?.message.en).toBe(
      'Row 1, column "Vervaldag": "Vervaldag" is missing from the header; expected: a column "Vervaldag" in the header (for dueDate).',
    );
    expect(error.rowIssues.find((issue) => issue.field === "debtorId")?.code).toBe(
      "duplicate-column",
    );
  });

  test("an empty file is a header error, not an empty success", async () => {
    await expect(
      collect(readImportRows(belgianCasesProfile(), new Uint8Array())),
    ).rejects.toBeInstanceOf(ImportHeaderError);
  });

  test("ragged rows: too few cells is an error, filled cells past the header are an error, a trailing empty cell is not", async () => {
    const short = belgianRow().slice(0, 5);
    const long = [...belgianRow(), "surplus"];
    const trailing = [...belgianRow(), ""];
    const read = await collect(
      readImportRows(
        belgianCasesProfile(),
        csv([[...BELGIAN_HEADER], short, long, trailing], { encoding: "windows-1252" }),
      ),
    );
    expect(read.map((row) => row.issues.some((issue) => issue.code === "ragged-row"))).toEqual([
      true,
      true,
      false,
    ]);
    expect(read[0]?.issues.find((issue) => issue.code === "ragged-row")?.message.en).toBe(
      "Row 2: the row does not have the header's number of columns; expected: 14 columns, found 5.",
    );
    expect(read[2]?.record).not.toBeNull();
  });

  test("a file without a header row is read by positions; skipped lines before the header are skipped", async () => {
    const profile = {
      version: 1,
      id: "acts",
      clientId: "acme",
      kind: "mass-action",
      header: false,
      skipLines: 2,
      decimalSeparator: ",",
      dateFormats: ["yyyymmdd"],
      columns: { caseNumber: { position: 2 }, activity: { position: 1 }, dueDate: { position: 3 } },
    };
    const bytes = csv([
      ["Export of 2026-11-27"],
      [""],
      ["reminder-2", "2026/0001", "20261201"],
      ["notice", "2026/0002", ""],
    ]);
    const read = await collect(readImportRows(profile, bytes));
    expect(read.map((row) => [row.row, row.record])).toEqual([
      [
        3,
        {
          kind: "mass-action",
          caseNumber: "2026/0001",
          activity: "reminder-2",
          dueDate: expect.anything(),
        },
      ],
      [4, { kind: "mass-action", caseNumber: "2026/0002", activity: "notice" }],
    ]);
    expect(recordOf<MassActionRowRecord>(read, 0).dueDate?.toString()).toBe("2026-12-01");
  });

  test("a cell quoted with single quotes when the profile says so", async () => {
    const bytes = csv([[...BELGIAN_HEADER], belgianRow({ Naam: "O'Brien; Ltd" })], {
      quote: "'",
    });
    const read = await collect(readImportRows(belgianCasesProfile({ quote: "'" }), bytes));
    expect(recordOf<CaseRowRecord>(read, 0).debtor.name).toBe("O'Brien; Ltd");
  });
});
