import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../index.js";
import {
  builtInRateTables,
  caseStatement,
  DERIVED_RATE_RULES,
  derivedRateFor,
  IncassoError,
  parseIsoDate,
  parseRatesFile,
  rateEntryOn,
  rateTablesOverview,
  resolveRateTables,
} from "../index.js";

const tables = builtInRateTables();
const get = (id: string, from = tables) => {
  const table = from.get(id);
  if (table === undefined) throw new Error(`no table ${id}`);
  return table;
};
const ruleFor = (id: string) => {
  const rule = DERIVED_RATE_RULES.find((candidate) => candidate.table === id);
  if (rule === undefined) throw new Error(`no rule for ${id}`);
  return rule;
};
const ecbEntry = {
  from: "2026-12-23",
  rate: "2.40",
  source: "ECB press release of 17 December 2026",
  status: "confirmed" as const,
};
const errorOf = (run: () => unknown): IncassoError => {
  try {
    run();
  } catch (error) {
    if (error instanceof IncassoError) return error;
    throw error;
  }
  throw new Error("expected an IncassoError");
};

describe("rates derived from the ECB rate", () => {
  it("give every published half-yearly commercial rate since the +8 regime, NL unrounded and BE rounded up to the half point", () => {
    const ecb = get("ecb.mro");
    let compared = 0;
    for (const [id, since] of [
      ["nl.commercial", "2013-07-01"],
      ["be.commercial", "2013-01-01"],
      ["be.commercial.pre-2013", "2015-07-01"],
    ] as const) {
      for (const entry of get(id).entries) {
        const halfYearStart =
          entry.from.day === 1 && (entry.from.month === 1 || entry.from.month === 7);
        if (entry.status === "derived" || !halfYearStart || entry.from.toString() < since) continue;
        const derived = derivedRateFor(ruleFor(id), ecb, entry.from);
        expect(`${id} ${entry.from} ${derived?.rate.toString()}`).toBe(
          `${id} ${entry.from} ${entry.rate.toString()}`,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(74);
  });

  it("extend be.commercial to the end of 2026 from the ECB rate of 1 July 2026 (2.40 + 8 = 10.40, rounded up to 10.5), marked derived with both sources", () => {
    const table = get("be.commercial");
    expect(table.trustedUntil.toString()).toBe("2026-12-31");
    const entry = rateEntryOn(table, parseIsoDate("2026-11-27"));
    expect(entry).toMatchObject({ status: "derived" });
    expect(entry.from.toString()).toBe("2026-07-01");
    expect(entry.rate.toString()).toBe("10.5");
    expect(entry.source).toContain("law of 2 August 2002");
    expect(entry.source).toContain("ECB rate 2.4 % on 2026-07-01");
    expect(entry.source).toContain("with effect from 2026-06-17");
  });

  it("never derive a rate set by publication", () => {
    const derivedTables = DERIVED_RATE_RULES.map((rule) => rule.table);
    expect(derivedTables).not.toContain("nl.legal");
    expect(derivedTables).not.toContain("be.legal");
    const withEcb = resolveRateTables(
      parseRatesFile({
        tables: { "ecb.mro": { trustedUntil: "2027-06-30", entries: [ecbEntry] } },
      }),
    );
    expect(get("nl.legal", withEcb).trustedUntil.toString()).toBe("2026-12-31");
    expect(get("be.legal", withEcb).trustedUntil.toString()).toBe("2026-12-31");
  });

  it("extend both commercial tables from one ECB entry of a rates file", () => {
    const withEcb = resolveRateTables(
      parseRatesFile({
        tables: { "ecb.mro": { trustedUntil: "2027-06-30", entries: [ecbEntry] } },
      }),
    );
    const nl = rateEntryOn(get("nl.commercial", withEcb), parseIsoDate("2027-03-01"));
    expect([nl.rate.toString(), nl.status, nl.from.toString()]).toEqual([
      "10.4",
      "derived",
      "2027-01-01",
    ]);
    const be = rateEntryOn(get("be.commercial", withEcb), parseIsoDate("2027-03-01"));
    expect([be.rate.toString(), be.status]).toEqual(["10.5", "derived"]);
    // NL takes the rate before 1 July 2027 (known on 30 June), BE the rate on 1 July (not yet known).
    expect(get("nl.commercial", withEcb).trustedUntil.toString()).toBe("2027-12-31");
    expect(get("be.commercial", withEcb).trustedUntil.toString()).toBe("2027-06-30");
  });

  it("let a published entry of a rates file win over the derivation", () => {
    const withBoth = resolveRateTables(
      parseRatesFile({
        tables: {
          "ecb.mro": { trustedUntil: "2027-06-30", entries: [ecbEntry] },
          "nl.commercial": {
            trustedUntil: "2027-06-30",
            entries: [
              {
                from: "2027-01-01",
                rate: "10.40",
                source: "Rijksoverheid 2027",
                status: "confirmed",
              },
            ],
          },
        },
      }),
    );
    const entry = rateEntryOn(get("nl.commercial", withBoth), parseIsoDate("2027-03-01"));
    expect([entry.status, entry.source]).toEqual(["confirmed", "Rijksoverheid 2027"]);
  });
});

describe("a rates file", () => {
  it("adds published entries to a built-in table and skips those it already holds", () => {
    const extended = resolveRateTables(
      parseRatesFile({
        tables: {
          "nl.legal": {
            trustedUntil: "2027-06-30",
            entries: [
              { from: "2026-07-01", rate: "4.00", source: "already built in", status: "secondary" },
              { from: "2027-01-01", rate: "3", source: "Stb. 2026, 999", status: "confirmed" },
            ],
          },
        },
      }),
    );
    const entry = rateEntryOn(get("nl.legal", extended), parseIsoDate("2027-02-01"));
    expect([entry.rate.toString(), entry.source]).toEqual(["3", "Stb. 2026, 999"]);
    expect(rateEntryOn(get("nl.legal", extended), parseIsoDate("2026-08-01")).source).not.toBe(
      "already built in",
    );
  });

  it("adds a table of the firm's own with its name and source", () => {
    const extended = resolveRateTables(
      parseRatesFile({
        tables: {
          "firm.contract": {
            name: "Contract rate",
            source: "General terms art. 7",
            trustedUntil: "2030-12-31",
            entries: [
              { from: "2020-01-01", rate: "8", source: "General terms 2020", status: "confirmed" },
            ],
          },
        },
      }),
    );
    expect(
      rateEntryOn(get("firm.contract", extended), parseIsoDate("2029-01-01")).rate.toString(),
    ).toBe("8");
  });

  it("is refused with the field named when it is malformed, contradicts a published rate or goes back in time", () => {
    const cases: [unknown, RegExp][] = [
      [
        {
          tables: {
            "nl.legal": {
              trustedUntil: "2027-06-30",
              entries: [{ from: "2027-01-01", rate: "4,5", source: "x", status: "confirmed" }],
            },
          },
        },
        /rates\.tables\.nl\.legal\.entries\.0\.rate: expected a percentage/,
      ],
      [
        {
          tables: {
            "nl.legal": {
              trustedUntil: "2027-06-30",
              entries: [{ from: "2027-01-01", rate: "4", source: "x" }],
            },
          },
        },
        /rates\.tables\.nl\.legal\.entries\.0\.status: expected confirmed, secondary or unconfirmed/,
      ],
      [
        { tables: { "NL legal": { trustedUntil: "2027-06-30", entries: [] } } },
        /rates\.tables\.NL legal: expected a table id/,
      ],
      [{ tables: {}, extra: 1 }, /rates: .*extra/],
    ];
    for (const [input, message] of cases) {
      const error = errorOf(() => parseRatesFile(input));
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.message).toMatch(message);
    }
    const resolved: [unknown, RegExp][] = [
      [
        {
          tables: {
            "nl.legal": {
              trustedUntil: "2027-06-30",
              entries: [{ from: "2026-07-01", rate: "5", source: "x", status: "confirmed" }],
            },
          },
        },
        /rates\.tables\.nl\.legal\.entries\.0\.rate: expected 4, the built-in rate from 2026-07-01/,
      ],
      [
        {
          tables: {
            "nl.legal": {
              trustedUntil: "2027-06-30",
              entries: [{ from: "2026-03-01", rate: "5", source: "x", status: "confirmed" }],
            },
          },
        },
        /rates\.tables\.nl\.legal\.entries\.0\.from: expected a date after the table's last built-in entry, 2026-07-01/,
      ],
      [
        { tables: { "nl.legal": { trustedUntil: "2026-06-30", entries: [] } } },
        /rates\.tables\.nl\.legal\.trustedUntil: expected a date on or after .* 2026-12-31/,
      ],
      [
        {
          tables: {
            "firm.x": {
              trustedUntil: "2030-01-01",
              entries: [{ from: "2020-01-01", rate: "8", source: "x", status: "confirmed" }],
            },
          },
        },
        /rates\.tables\.firm\.x\.name: expected the name/,
      ],
      [
        {
          tables: {
            "firm.x": {
              name: "X",
              source: "x",
              trustedUntil: "2019-01-01",
              entries: [{ from: "2020-01-01", rate: "8", source: "x", status: "confirmed" }],
            },
          },
        },
        /rates\.tables\.firm\.x\.trustedUntil: expected a date on or after the first entry/,
      ],
    ];
    for (const [input, message] of resolved) {
      const error = errorOf(() => resolveRateTables(parseRatesFile(input)));
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.message).toMatch(message);
      expect(error.issues[0]?.path).toMatch(/^rates\.tables\./);
    }
  });
});

describe("the rates overview", () => {
  it("lists every table with its last entry and says which stop before the date asked about", () => {
    const rows = rateTablesOverview(tables, parseIsoDate("2027-01-15"));
    expect(rows.map((row) => row.id)).toEqual([
      "be.commercial",
      "be.commercial.pre-2013",
      "be.legal",
      "ecb.mro",
      "nl.commercial",
      "nl.legal",
    ]);
    expect(rows.every((row) => row.stopsBefore)).toBe(true);
    const today = rateTablesOverview(tables, parseIsoDate("2026-11-27"));
    // The ECB rate is known until the day before the next decision could take effect; the
    // commercial tables do not need it before 2027.
    expect(today.filter((row) => row.stopsBefore).map((row) => row.id)).toEqual(["ecb.mro"]);
    expect(today.find((row) => row.id === "nl.commercial")?.derivation).toContain("ecb.mro");
  });
});

describe("a statement as of 27 November 2026 with the built-in tables", () => {
  const meta = { recordedAt: "2026-11-27T00:00:00Z", by: "clerk" };
  const caseOf = (rulePack: string): CaseEventJson[] => [
    {
      id: "o",
      type: "case.opened",
      at: "2026-01-05",
      ...meta,
      caseNumber: "R-1",
      client: { id: "C", name: "Client" },
      debtors: [{ id: "D", kind: "legal-person", name: "Debtor", language: "nl", consumer: false }],
      owner: "o",
      lawyer: "l",
      rulePack,
      terms: {},
    } as CaseEventJson,
    {
      id: "c",
      type: "claim.added",
      at: "2026-01-05",
      ...meta,
      claim: {
        id: "F1",
        invoiceNumber: "F1",
        invoiceDate: "2025-12-01",
        dueDate: "2025-12-31",
        amount: "10000.00",
      },
    },
  ];
  it("works for a Dutch B2B case (handelsrente 10.15 %, then 10.40 % from 1 July 2026)", () => {
    const lines = caseStatement(caseOf("nl.b2b"), parseIsoDate("2026-11-27")).statement
      .interestLines;
    expect(
      lines.map((line) => `${line.from}/${line.to} ${line.rate} ${line.amount.toFixed(2)}`),
    ).toEqual([
      // 2026-01-01 to 2026-06-30: 181 days × 10.15 % on 10,000.00 / 365 = 503.33
      "2026-01-01/2026-06-30 10.15 503.33",
      // 2026-07-01 to 2026-11-27: 150 days × 10.40 % / 365 = 427.40
      "2026-07-01/2026-11-27 10.4 427.40",
    ]);
  });
  it("works for a Belgian B2B case (10.5 % over 331 days = 952.19, the second half-year derived from the ECB rate)", () => {
    const result = caseStatement(caseOf("be.b2b"), parseIsoDate("2026-11-27")).statement;
    expect(result.interestLines.at(-1)?.rateEntries.at(-1)?.status).toBe("derived");
    expect(result.totals.interest.toFixed(2)).toBe("952.19");
  });
});
