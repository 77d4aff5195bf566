import { describe, expect, it } from "vitest";
import type { CaseFileJson } from "../index.js";
import {
  builtInRateTables,
  computeStatement,
  extendRateTable,
  IncassoError,
  parseCaseFile,
  parseIsoDate,
  statementToJson,
} from "../index.js";

const statementOf = (json: CaseFileJson) => computeStatement(parseCaseFile(json));
const totals = (json: CaseFileJson) => statementToJson(statementOf(json)).totals;

describe("interest", () => {
  it("compounds yearly: 1,000 at 8 % for two full years is 80.00 + 86.40 = 166.40", () => {
    const s = statementOf({
      asOf: "2022-12-31",
      terms: {
        interest: { rate: { fixed: "8" }, compounding: "yearly", start: { date: "2021-01-01" } },
      },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2020-12-31" }],
    });
    expect(s.interestLines.map((l) => [l.base.toFixed(2), l.amount.toFixed(2)])).toEqual([
      ["1000.00", "80.00"],
      ["1080.00", "86.40"],
    ]);
    expect(s.totals.interestAccrued.toFixed(2)).toBe("166.40");
    expect(s.claims[0]?.capitalisedInterest.toFixed(2)).toBe("166.40"); // year 2 ends on the statement date
  });

  it("runs from the formal notice when the start is a date, never before the day after the due date", () => {
    const at = (start: string) =>
      statementOf({
        asOf: "2024-12-31",
        terms: { interest: { rate: { table: "be.legal" }, start: { date: start } } },
        claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-06-30" }],
      }).interestLines[0]?.from.toString();
    expect(at("2024-09-12")).toBe("2024-09-12");
    expect(at("2024-01-01")).toBe("2024-07-01");
  });

  it("carries each line's rate table entry and its source", () => {
    const [line] = statementOf({
      asOf: "2024-09-30",
      terms: { interest: { rate: { table: "be.commercial" }, margin: "1" } },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-03-31" }],
    }).interestLines;
    expect(line?.rate.toString()).toBe("13.5");
    expect(line?.rateEntries.map((e) => e.from.toString())).toEqual(["2024-01-01", "2024-07-01"]);
    expect(line?.rateEntries[0]?.source).toMatch(/law of 2 August 2002/);
  });

  it("lets a claim's own terms override the case's", () => {
    const s = statementOf({
      asOf: "2024-12-31",
      terms: { interest: { rate: { fixed: "10" } } },
      claims: [
        { id: "F1", principal: "1000.00", dueDate: "2023-12-31" },
        { id: "F2", principal: "1000.00", dueDate: "2023-12-31", interest: null },
        {
          id: "F3",
          principal: "1000.00",
          dueDate: "2023-12-31",
          interest: { rate: { fixed: "5" } },
        },
      ],
    });
    expect(s.claims.map((c) => c.interestAccrued.toFixed(2))).toEqual(["100.27", "0.00", "50.14"]);
  });

  it("refuses a statement date past the last trusted rate, and uses a host-extended table", () => {
    const file = parseCaseFile({
      asOf: "2027-03-31",
      terms: { interest: { rate: { table: "nl.legal" } } },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2026-09-30" }],
    });
    expect(() => computeStatement(file)).toThrow(
      expect.objectContaining({ code: "RATE_NOT_COVERED" }),
    );
    const tables = new Map(builtInRateTables());
    const nlLegal = tables.get("nl.legal");
    if (nlLegal)
      tables.set(
        "nl.legal",
        extendRateTable(nlLegal, [{ from: "2027-01-01", rate: "5", source: "host" }], "2027-06-30"),
      );
    const lines = computeStatement(file, { rateTables: tables }).interestLines;
    expect(lines.map((l) => l.rate.toString())).toEqual(["4", "5"]);
  });

  it("names an unknown table with the field path", () => {
    const file = parseCaseFile({
      asOf: "2024-01-01",
      terms: { interest: { rate: { table: "fr.legal" } } },
      claims: [{ id: "F1", principal: "1.00", dueDate: "2023-01-01" }],
    });
    expect(() => computeStatement(file)).toThrow(
      /case\.terms\.interest\.rate\.table: expected one of be\.legal/,
    );
  });
});

describe("imputation", () => {
  const base: CaseFileJson = {
    asOf: "2024-12-31",
    terms: {
      interest: { rate: { fixed: "10" } },
      penalty: { kind: "fixed", amount: "40.00" },
      penaltyDate: "2024-02-01",
    },
    claims: [
      { id: "F1", principal: "1000.00", dueDate: "2024-01-31" },
      { id: "F2", principal: "500.00", dueDate: "2024-01-15" },
    ],
  };

  it("records where every euro of a payment went", () => {
    const s = statementOf({
      ...base,
      payments: [{ id: "P1", date: "2024-03-01", amount: "600.00" }],
    });
    expect(s.allocations.map((a) => `${a.bucket}:${a.target.id}:${a.amount.toFixed(2)}`)).toEqual([
      "costs:penalty:40.00",
      "interest:F2:6.30",
      "interest:F1:8.22",
      "principal:F2:500.00",
      "principal:F1:45.48",
    ]);
  });

  it("follows a designation first, then the imputation order", () => {
    const s = statementOf({
      ...base,
      payments: [
        {
          id: "P1",
          date: "2024-03-01",
          amount: "600.00",
          allocation: [{ bucket: "principal", claim: "F1", amount: "500.00" }],
        },
      ],
    });
    expect(s.allocations[0]).toMatchObject({ bucket: "principal", designated: true });
    expect(s.claims.find((c) => c.id === "F1")?.principal.toFixed(2)).toBe("500.00");
  });

  it("refuses a designation above what is owed, naming it", () => {
    const file = parseCaseFile({
      ...base,
      payments: [
        {
          id: "P1",
          date: "2024-03-01",
          amount: "600.00",
          allocation: [{ bucket: "interest", claim: "F1", amount: "50.00" }],
        },
      ],
    });
    expect(() => computeStatement(file)).toThrow(
      /case\.payments\.0\.allocation\.0: designates 50\.00 to the interest of F1, but 8\.22 is owed on 2024-03-01/,
    );
  });

  it("makes a back-dated payment take its place in time", () => {
    const later = { id: "P2", date: "2024-06-01", amount: "100.00" };
    const earlier = { id: "P1", date: "2024-03-01", amount: "600.00" };
    expect(statementToJson(statementOf({ ...base, payments: [later, earlier] }))).toEqual(
      statementToJson(statementOf({ ...base, payments: [earlier, later] })),
    );
  });

  it("lets a credit pay a charge that arises later", () => {
    const s = totals({
      asOf: "2024-06-30",
      claims: [{ id: "F1", principal: "100.00", dueDate: "2024-01-31" }],
      payments: [{ id: "P1", date: "2024-02-01", amount: "150.00" }],
      charges: [{ id: "K1", kind: "cost", date: "2024-03-01", amount: "30.00" }],
    });
    expect(s).toMatchObject({ costs: "0.00", credit: "20.00", balance: "-20.00" });
  });

  it("fixes the penalty on the statement date when no penalty date is given", () => {
    expect(
      totals({
        asOf: "2024-05-01",
        terms: { penalty: { kind: "nl.bik" } },
        claims: [{ id: "F1", principal: "6000.00", dueDate: "2024-03-01" }],
      }).penalty,
    ).toBe("675.00");
  });
});

describe("the case-file contract", () => {
  it("rejects bad input, naming every field and what was expected", () => {
    try {
      parseCaseFile({
        asOf: "2024-02-30",
        terms: { interest: { rate: { table: "be.legal" }, dayCount: "30/360" } },
        claims: [
          { id: "F1", principal: "-5.00", dueDate: "2024-01-01" },
          { id: "F1", principal: "5.001", dueDate: "01/01/2024" },
        ],
        payments: [{ id: "P1", date: "2024-01-01", amount: "10.00", note: "typo field" }],
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(IncassoError);
      const paths = (error as IncassoError).issues.map((issue) => issue.path);
      expect(paths).toEqual(
        expect.arrayContaining([
          "case.asOf",
          "case.terms.interest.dayCount",
          "case.claims.0.principal",
          "case.claims.1.principal",
          "case.claims.1.dueDate",
          "case.claims.1.id",
          "case.payments.0",
        ]),
      );
    }
  });

  it("prints the statement in the contract's JSON", () => {
    const json = statementToJson(
      statementOf({
        asOf: "2024-06-30",
        terms: { interest: { rate: { table: "be.commercial" } } },
        claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
      }),
    );
    expect(json).toEqual({
      asOf: "2024-06-30",
      totals: {
        principal: "1000.00",
        interest: "51.71",
        costs: "0.00",
        interestAccrued: "51.71",
        penalty: "0.00",
        paid: "0.00",
        credit: "0.00",
        balance: "1051.71",
      },
      claims: { F1: { principal: "1000.00", interest: "51.71" } },
      interestLines: [
        {
          claim: "F1",
          from: "2024-02-01",
          to: "2024-06-30",
          days: 151,
          base: "1000.00",
          rate: "12.5",
          amount: "51.71",
        },
      ],
    });
  });

  it("computes as of another date than the file's", () => {
    const file = parseCaseFile({
      asOf: "2024-06-30",
      terms: { interest: { rate: { table: "be.commercial" } } },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
    });
    expect(
      computeStatement(file, { asOf: parseIsoDate("2024-02-29") }).totals.interest.toFixed(2),
    ).toBe("9.93");
  });
});

describe("capitalisation on given dates (BE art. 1154)", () => {
  it("adds the unpaid interest to the base at the end of each given day", () => {
    const s = statementOf({
      asOf: "2023-12-31",
      terms: {
        interest: {
          rate: { fixed: "10" },
          start: { date: "2021-01-01" },
          capitalisationDates: ["2022-06-30"],
        },
      },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2020-12-31" }],
    });
    expect(
      s.interestLines.map((l) => `${l.from}..${l.to} ${l.base.toFixed(2)} ${l.amount.toFixed(2)}`),
    ).toEqual(["2021-01-01..2022-06-30 1000.00 149.59", "2022-07-01..2023-12-31 1149.59 172.91"]);
  });
});

describe("a payment's own imputation order", () => {
  it("overrides the case's order for that payment only", () => {
    const s = statementOf({
      asOf: "2024-06-30",
      terms: { interest: { rate: { fixed: "10" } }, imputation: "costs-interest-principal" },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
      payments: [
        { id: "P1", date: "2024-03-01", amount: "100.00", imputation: "principal-interest-costs" },
        { id: "P2", date: "2024-04-01", amount: "10.00" },
      ],
    });
    expect(s.allocations.map((a) => `${a.payment} ${a.bucket}`)).toEqual([
      "P1 principal",
      "P2 interest",
    ]);
  });
});
