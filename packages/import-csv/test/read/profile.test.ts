import { IncassoError } from "@incasso/core";
import { describe, expect, test } from "vitest";
import { parseImportProfile } from "../../src/index.js";

const base = {
  version: 1,
  id: "acme-cases",
  clientId: "acme",
  kind: "cases",
  decimalSeparator: ",",
  thousandsSeparator: ".",
  dateFormats: ["dd/mm/yyyy"],
  newCases: { rulePack: "be.b2b" },
  columns: {
    clientReference: { name: "Dossier" },
    debtorId: { name: "Klantnr" },
    debtorName: { name: "Naam" },
    debtorLanguage: { constant: "nl" },
    invoiceNumber: { name: "Factuur" },
    invoiceDate: { name: "Factuurdatum" },
    dueDate: { name: "Vervaldag" },
    amount: { name: "Bedrag" },
  },
};

function issuesOf(input: unknown): string[] {
  try {
    parseImportProfile(input);
  } catch (error) {
    if (error instanceof IncassoError)
      return error.issues.map((issue) => `${issue.path}: ${issue.message}`);
    throw error;
  }
  return [];
}

describe("import profiles", () => {
  test("a complete profile gets its defaults", () => {
    const profile = parseImportProfile(base);
    expect(profile.encoding).toBe("auto");
    expect(profile.delimiter).toBe("auto");
    expect(profile.onRowError).toBe("skip-case");
    expect(profile.validate).toEqual({ ogm: true, kbo: true, nationalNumber: true, iban: true });
    expect(profile.limits).toEqual({ cellLength: 10_000, recordLength: 100_000 });
    expect(profile.kind === "cases" && profile.grouping).toBe("client-reference");
  });

  test("a missing required column, a wrong version and an unknown key are each named", () => {
    const { amount: _dropped, ...columns } = base.columns;
    const issues = issuesOf({ ...base, version: 2, colums: {}, columns });
    expect(issues.some((issue) => issue.startsWith("profile.version"))).toBe(true);
    expect(issues.some((issue) => issue.startsWith("profile.columns.amount"))).toBe(true);
    expect(issues.some((issue) => issue.includes("colums"))).toBe(true);
  });

  test("the grouping column must be mapped", () => {
    const issues = issuesOf({
      ...base,
      grouping: "invoice-number",
      columns: { ...base.columns, invoiceNumber: undefined },
    });
    expect(issues.some((issue) => issue.startsWith("profile.columns.invoiceNumber"))).toBe(true);
  });

  test("without a header row every column needs a position of its own", () => {
    const issues = issuesOf({
      ...base,
      header: false,
      columns: { ...base.columns, debtorName: { position: 2 }, debtorId: { position: 2 } },
    });
    expect(issues.some((issue) => issue.startsWith("profile.columns.amount.position"))).toBe(true);
    expect(issues.some((issue) => issue.includes("already reads column 2"))).toBe(true);
  });

  test("a column is a name, a position or a constant, and not a constant and a column at once", () => {
    expect(issuesOf({ ...base, columns: { ...base.columns, amount: {} } })[0]).toContain(
      "profile.columns.amount",
    );
    expect(
      issuesOf({ ...base, columns: { ...base.columns, amount: { name: "x", constant: "1" } } })[0],
    ).toContain("either a constant or a column");
  });

  test("the same decimal and thousands separator is refused", () => {
    expect(issuesOf({ ...base, thousandsSeparator: "," })[0]).toContain(
      "profile.thousandsSeparator",
    );
  });

  test("a contacts profile needs something to match by and a contact column", () => {
    const issues = issuesOf({
      version: 1,
      id: "c",
      clientId: "acme",
      kind: "contacts",
      decimalSeparator: ",",
      dateFormats: ["yyyy-mm-dd"],
      columns: { source: { constant: "registry" }, date: { name: "Datum" } },
    });
    expect(issues.some((issue) => issue.includes("to match rows by"))).toBe(true);
    expect(issues.some((issue) => issue.includes("at least one contact column"))).toBe(true);
  });
});
