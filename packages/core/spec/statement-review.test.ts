// The statement engine on the cases its other suites do not generate: more claims than the line
// merge handles (it sorts above eight), each claim on its own terms and table, rate tables that
// start after a claim's first interest day or change rate on it, entries of equal rates, margins
// and rates with six decimals, and dates on leap days, year ends and rate changes. Examples pin
// figures computed by hand with the legal formula (base × rate × days / divisor, half-up per line).
import { fc, test } from "@fast-check/vitest";
import { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { describe, expect, it } from "vitest";
import type { CaseFile, CaseFileJson, PenaltyClause, RateTable } from "../src/index.js";
import {
  builtInRateTables,
  computeStatement,
  createRateTable,
  MoneyDecimal,
  parseCaseFile,
  statementToJson,
} from "../src/index.js";
import { interestCents, toExactRate } from "../src/statement/cents.js";
import { dayByDayStatement } from "./support/day-by-day-model.js";

/** Tables of the tests' own: rate changes on leap days, equal rates in a row, a late start. */
const ownTables: readonly RateTable[] = [
  createRateTable({
    id: "review.leap",
    name: "Changes on leap days",
    source: "test table",
    trustedUntil: "2199-12-31",
    entries: [
      { from: "1900-01-01", rate: "5", source: "test" },
      { from: "2016-02-29", rate: "7.25", source: "test" },
      { from: "2016-03-01", rate: "7.250", source: "test" },
      { from: "2020-01-01", rate: "3", source: "test" },
      { from: "2024-02-29", rate: "0", source: "test" },
      { from: "2024-03-01", rate: "12.123456", source: "test" },
    ],
  }),
  createRateTable({
    id: "review.late",
    name: "Starts in 2020, trusted through 2024",
    source: "test table",
    trustedUntil: "2024-12-31",
    entries: [
      { from: "2020-01-01", rate: "4", source: "test" },
      { from: "2022-01-01", rate: "4.0", source: "test" },
      { from: "2023-01-01", rate: "6", source: "test" },
    ],
  }),
  createRateTable({
    id: "review.flat",
    name: "One rate in three entries",
    source: "test table",
    trustedUntil: "2199-12-31",
    entries: [
      { from: "1900-01-01", rate: "8", source: "test" },
      { from: "2017-01-01", rate: "8", source: "test" },
      { from: "2021-07-01", rate: "8.00", source: "test" },
    ],
  }),
];
const tables: ReadonlyMap<string, RateTable> = new Map([
  ...builtInRateTables(),
  ...ownTables.map((table) => [table.id, table] as const),
]);

const FIRST = Temporal.PlainDate.from("2019-01-01");
/** Days where a rule changes: year ends, leap days, the tables' rate changes. */
const EDGES = [
  "2019-06-30",
  "2019-12-31",
  "2020-01-01",
  "2020-02-28",
  "2020-02-29",
  "2020-03-01",
  "2020-12-31",
  "2021-07-01",
  "2022-01-01",
  "2023-01-01",
  "2023-12-31",
  "2024-02-28",
  "2024-02-29",
  "2024-03-01",
  "2024-12-31",
  "2025-07-01",
  "2025-12-31",
  "2026-01-01",
  "2026-07-01",
];
/** A date from 2019 to 2026 (the built-in tables' trusted end), often on or beside an edge. */
const date = fc.oneof(
  fc.integer({ min: 0, max: 2921 }).map((offset) => FIRST.add({ days: offset }).toString()),
  fc
    .tuple(fc.constantFrom(...EDGES), fc.integer({ min: -1, max: 1 }))
    .map(([edge, offset]) => Temporal.PlainDate.from(edge).add({ days: offset }).toString()),
);
const cents = (min: number, max: number) =>
  fc.integer({ min, max }).map((value) => (value / 100).toFixed(2));
/** Percentages of zero or more with up to six decimals. */
const percent = (whole: number) =>
  fc
    .tuple(fc.integer({ min: 0, max: whole }), fc.integer({ min: 0, max: 999_999 }), fc.nat(6))
    .map(([units, fraction, places]) =>
      places === 0 ? `${units}` : `${units}.${`${fraction}`.padStart(6, "0").slice(0, places)}`,
    );

const interestTerms = fc.record(
  {
    rate: fc.oneof(
      fc
        .constantFrom(
          "be.legal",
          "be.commercial",
          "nl.legal",
          "nl.commercial",
          "be.commercial.pre-2013",
          "ecb.mro",
          "review.leap",
          "review.late",
          "review.flat",
        )
        .map((table) => ({ table })),
      percent(20).map((fixed) => ({ fixed })),
    ),
    margin: fc.oneof(fc.constantFrom("0", "1", "2.5", "8"), percent(4)),
    compounding: fc.constantFrom("none" as const, "yearly" as const),
    dayCount: fc.constantFrom("act/365" as const, "act/act" as const, "act/360" as const),
    start: fc.oneof(
      fc.constantFrom("day-after-due" as const, "due-date" as const),
      date.map((start) => ({ date: start })),
    ),
  },
  { requiredKeys: ["rate"] },
);

const penalty = fc.oneof(
  fc.record(
    { kind: fc.constant("percent" as const), percent: percent(30), min: cents(0, 100_000) },
    { requiredKeys: ["kind", "percent"] },
  ),
  fc.record({ kind: fc.constant("nl.bik" as const), vatPercent: percent(30) }),
  fc.record({ kind: fc.constant("be.book19" as const) }),
);

/**
 * A case the day-by-day model can compute: up to eleven claims (the lines of up to eight are
 * merged, more sorted), each with the case's terms, its own, or none; every date near an edge.
 */
const caseJson: fc.Arbitrary<CaseFileJson> = fc
  .record({
    asOf: date,
    claims: fc.array(
      fc.record({
        principal: cents(1, 5_000_000),
        dueDate: date,
        interest: fc.option(fc.option(interestTerms, { nil: null }), { nil: undefined }),
      }),
      { minLength: 1, maxLength: 11 },
    ),
    sameDueDate: fc.boolean(),
    payments: fc.array(fc.record({ date, amount: cents(1, 3_000_000) }), { maxLength: 4 }),
    charges: fc.array(
      fc.record({
        kind: fc.constantFrom("cost" as const, "interest" as const),
        date,
        amount: cents(1, 50_000),
      }),
      { maxLength: 2 },
    ),
    interest: fc.option(interestTerms, { nil: undefined }),
    penalty: fc.option(penalty, { nil: undefined }),
    penaltyDate: fc.option(date, { nil: undefined }),
    imputation: fc.constantFrom(
      "costs-interest-principal" as const,
      "interest-costs-principal" as const,
      "principal-interest-costs" as const,
    ),
  })
  .map((c) => {
    // Dates at most four years before the statement date (whole leap cycles back, so a date on an
    // edge stays on it): the model walks every day of the case.
    const asOf = Temporal.PlainDate.from(c.asOf);
    const earliest = asOf.subtract({ years: 4 });
    const near = (text: string) => {
      let value = Temporal.PlainDate.from(text);
      while (Temporal.PlainDate.compare(value, earliest) < 0) value = value.add({ years: 4 });
      return value.toString();
    };
    return {
      ...c,
      claims: c.claims.map((claim) => ({
        ...claim,
        dueDate: near(claim.dueDate),
        interest:
          claim.interest && typeof claim.interest.start === "object"
            ? { ...claim.interest, start: { date: near(claim.interest.start.date) } }
            : claim.interest,
      })),
      payments: c.payments.map((payment) => ({ ...payment, date: near(payment.date) })),
      charges: c.charges.map((charge) => ({ ...charge, date: near(charge.date) })),
      penaltyDate: c.penaltyDate === undefined ? undefined : near(c.penaltyDate),
      interest:
        c.interest && typeof c.interest.start === "object"
          ? { ...c.interest, start: { date: near(c.interest.start.date) } }
          : c.interest,
    };
  })
  .map((c) => ({
    asOf: c.asOf,
    terms: {
      ...(c.interest ? { interest: c.interest } : {}),
      ...(c.penalty ? { penalty: c.penalty } : {}),
      ...(c.penaltyDate === undefined ? {} : { penaltyDate: c.penaltyDate }),
      imputation: c.imputation,
    },
    claims: c.claims.map((claim, index) => ({
      id: `F${index + 1}`,
      principal: claim.principal,
      dueDate: c.sameDueDate ? (c.claims[0]?.dueDate ?? claim.dueDate) : claim.dueDate,
      ...(claim.interest === undefined ? {} : { interest: claim.interest }),
    })),
    payments: c.payments.map((payment, index) => ({ id: `P${index + 1}`, ...payment })),
    charges: c.charges.map((charge, index) => ({ id: `K${index + 1}`, ...charge })),
  }));

/** The statement JSON of a case, or the code of the error it raises. */
function outcome(compute: () => unknown): unknown {
  try {
    return compute();
  } catch (error) {
    return { error: (error as { code?: string }).code ?? String(error) };
  }
}

describe("the statement engine on cases its differential suite does not generate", () => {
  test.prop([caseJson], { numRuns: 80 })(
    "up to eleven claims on their own terms and tables, dated on leap days, year ends and rate changes, give the day-by-day model's statement to the cent (or the same refusal)",
    (json) => {
      const file = parseCaseFile(json);
      expect(
        outcome(() => statementToJson(computeStatement(file, { rateTables: tables }))),
      ).toEqual(outcome(() => dayByDayStatement(file, tables)));
    },
  );

  test.prop([caseJson, fc.integer({ min: 1, max: 5 })], { numRuns: 60 })(
    "a statement does not depend on what was computed before it, nor on which date objects carry its dates",
    (json, others) => {
      const file = parseCaseFile(json);
      const first = outcome(() => statementToJson(computeStatement(file, { rateTables: tables })));
      // Other cases on the same tables and margins fill the engine's memos in between.
      for (let other = 0; other < others; other++) {
        const shifted = {
          ...json,
          asOf: Temporal.PlainDate.from(json.asOf)
            .add({ days: 400 * (other + 1) })
            .toString(),
        };
        outcome(() => computeStatement(parseCaseFile(shifted), { rateTables: tables }));
      }
      // The same case again, and parsed anew (fresh date and decimal objects).
      expect(
        outcome(() => statementToJson(computeStatement(file, { rateTables: tables }))),
      ).toEqual(first);
      expect(
        outcome(() =>
          statementToJson(computeStatement(parseCaseFile(json), { rateTables: tables })),
        ),
      ).toEqual(first);
    },
  );
});

/**
 * A date as another Temporal implementation (or a host's own date type) gives it: an object with
 * the ISO `year`, `month` and `day` and its text, not the polyfill's `PlainDate`.
 */
function foreignDate(date: Temporal.PlainDate): Temporal.PlainDate {
  const text = date.toString();
  return {
    year: date.year,
    month: date.month,
    day: date.day,
    calendarId: "iso8601",
    toString: () => text,
    toJSON: () => text,
  } as unknown as Temporal.PlainDate;
}

/** The case with every date replaced by `convert` of it. */
function withDates(file: CaseFile, convert: (date: Temporal.PlainDate) => Temporal.PlainDate) {
  const terms = (interest: CaseFile["terms"]["interest"]) =>
    interest === null
      ? null
      : {
          ...interest,
          start:
            interest.start.kind === "date"
              ? { kind: "date" as const, date: convert(interest.start.date) }
              : interest.start,
        };
  return {
    ...file,
    asOf: convert(file.asOf),
    terms: {
      ...file.terms,
      interest: terms(file.terms.interest),
      penaltyDate: file.terms.penaltyDate === null ? null : convert(file.terms.penaltyDate),
    },
    claims: file.claims.map((claim) => ({
      ...claim,
      dueDate: convert(claim.dueDate),
      ...(claim.interest === undefined ? {} : { interest: terms(claim.interest) }),
    })),
    payments: file.payments.map((payment) => ({ ...payment, date: convert(payment.date) })),
    charges: file.charges.map((charge) => ({ ...charge, date: convert(charge.date) })),
  } as CaseFile;
}

describe("dates that are not the polyfill's", () => {
  test.prop([caseJson], { numRuns: 100 })(
    "a case whose dates come from another date implementation gives the statement of the same case in the polyfill's dates",
    (json) => {
      const file = parseCaseFile(json);
      expect(
        outcome(() =>
          statementToJson(computeStatement(withDates(file, foreignDate), { rateTables: tables })),
        ),
      ).toEqual(outcome(() => statementToJson(computeStatement(file, { rateTables: tables }))));
    },
  );

  it("a date object that is not the polyfill's is read again at every computation", () => {
    const json: CaseFileJson = {
      asOf: "2024-06-30",
      terms: { interest: { rate: { fixed: "8" } } },
      claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
    };
    const file = parseCaseFile(json);
    const due = { year: 2024, month: 1, day: 31, toString: () => "2024-01-31" };
    const own = withDates(file, (date) => date);
    const claimed = { ...own, claims: [{ ...own.claims[0], dueDate: due }] } as unknown as CaseFile;
    // 2024-02-01..2024-06-30, 151 days: 1,000 × 8 % × 151 / 365 = 33.0958… → 33.10
    expect(computeStatement(claimed).totals.interest.toFixed(2)).toBe("33.10");
    due.day = 15;
    // 2024-01-16..2024-06-30, 167 days: 1,000 × 8 % × 167 / 365 = 36.6027… → 36.60
    expect(computeStatement(claimed).totals.interest.toFixed(2)).toBe("36.60");
  });
});

/** Decimal arithmetic with digits to spare: the reference rounds once, at the cent. */
const Exact = Decimal.clone({ precision: 80, rounding: Decimal.ROUND_HALF_UP });

describe("a line's interest in integer cents", () => {
  test.prop(
    [
      fc.oneof(
        fc.bigInt({ min: 1n, max: 1_000n }),
        fc.bigInt({ min: 1n, max: 99_999_999_999_999n }),
      ),
      fc.oneof(
        percent(100),
        percent(3).map((rate) => `0.${rate.replace(".", "")}`),
      ),
      fc.oneof(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 80_000 })),
      fc.constantFrom(360, 365, 366),
    ],
    { numRuns: 2000 },
  )(
    "is base × rate / 100 × days / divisor rounded half-up to the cent, for any base, rate with up to seven decimals, and day count (none included)",
    (base, rate, days, divisor) => {
      const expected = new Exact(base.toString())
        .times(rate)
        .times(days)
        .dividedBy(100 * divisor)
        .toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      expect(interestCents(base, toExactRate(new MoneyDecimal(rate)), days, divisor)).toBe(
        BigInt(expected.toFixed(0)),
      );
    },
  );
});

/** A case of one claim of 1,000.00 on the given terms, computed with the tests' tables. */
function oneClaim(
  terms: Record<string, unknown>,
  dueDate: string,
  asOf: string,
  payments: CaseFileJson["payments"] = [],
) {
  return computeStatement(
    parseCaseFile({
      asOf,
      terms: { interest: terms } as CaseFileJson["terms"],
      claims: [{ id: "F1", principal: "1000.00", dueDate }],
      payments,
    }),
    { rateTables: tables },
  );
}
const linesOf = (statement: ReturnType<typeof computeStatement>) =>
  statementToJson(statement).interestLines.map((line) => [
    line.from,
    line.to,
    line.days,
    line.base,
    line.rate,
    line.amount,
  ]);

describe("figures computed by hand at the edges of the calendar and the tables", () => {
  it("a leap year under act/act: 366 days over 366 give exactly a year's interest", () => {
    // 1,000.00 × 10 % × 366 / 366 = 100.00
    expect(
      linesOf(oneClaim({ rate: { fixed: "10" }, dayCount: "act/act" }, "2023-12-31", "2024-12-31")),
    ).toEqual([["2024-01-01", "2024-12-31", 366, "1000.00", "10", "100.00"]]);
  });

  it("act/act splits a line at the year end into the 365- and 366-day years", () => {
    // 2023-12-01..31: 1,000 × 10 % × 31 / 365 = 8.4931… → 8.49; 2024-01-01..31: × 31 / 366 = 8.4699… → 8.47
    expect(
      linesOf(oneClaim({ rate: { fixed: "10" }, dayCount: "act/act" }, "2023-11-30", "2024-01-31")),
    ).toEqual([
      ["2023-12-01", "2023-12-31", 31, "1000.00", "10", "8.49"],
      ["2024-01-01", "2024-01-31", 31, "1000.00", "10", "8.47"],
    ]);
  });

  it("yearly compounding from 29 February: the year ends the day before 28 February", () => {
    // First interest day 2024-02-29; its anniversary is 2025-02-28, so year 1 is
    // 2024-02-29..2025-02-27, 365 days: 1,000 × 10 % × 365 / 365 = 100.00, capitalised; then
    // 2025-02-28..2025-03-31, 32 days on 1,100.00: × 10 % × 32 / 365 = 9.6438… → 9.64.
    const statement = oneClaim(
      { rate: { fixed: "10" }, compounding: "yearly" },
      "2024-02-28",
      "2025-03-31",
    );
    expect(linesOf(statement)).toEqual([
      ["2024-02-29", "2025-02-27", 365, "1000.00", "10", "100.00"],
      ["2025-02-28", "2025-03-31", 32, "1100.00", "10", "9.64"],
    ]);
    expect(statement.totals.interest.toFixed(2)).toBe("109.64");
  });

  it("a rate change on the first interest day applies from that day; equal rates in a row make one line", () => {
    // review.leap: 7.25 from 2016-02-29 and again (7.250) from 2016-03-01. Due 2016-02-28:
    // 2016-02-29..2016-03-31 is 32 days at 7.25: 1,000 × 7.25 % × 32 / 365 = 6.3561… → 6.36.
    const statement = oneClaim({ rate: { table: "review.leap" } }, "2016-02-28", "2016-03-31");
    expect(linesOf(statement)).toEqual([
      ["2016-02-29", "2016-03-31", 32, "1000.00", "7.25", "6.36"],
    ]);
    expect(statement.interestLines[0]?.rateEntries.map((entry) => entry.from.toString())).toEqual([
      "2016-02-29",
      "2016-03-01",
    ]);
  });

  it("a rate table that starts on the first interest day covers it, one that starts a day later is refused", () => {
    // review.late starts 2020-01-01: 2020-01-01..2020-01-31 at 4 %: 1,000 × 4 % × 31 / 365 = 3.3972… → 3.40.
    expect(
      linesOf(oneClaim({ rate: { table: "review.late" } }, "2019-12-31", "2020-01-31")),
    ).toEqual([["2020-01-01", "2020-01-31", 31, "1000.00", "4", "3.40"]]);
    expect(() =>
      oneClaim({ rate: { table: "review.late" }, start: "due-date" }, "2019-12-31", "2020-01-31"),
    ).toThrow(expect.objectContaining({ code: "RATE_NOT_COVERED" }));
    // After the table's trusted end, too.
    expect(() => oneClaim({ rate: { table: "review.late" } }, "2024-11-30", "2025-01-01")).toThrow(
      expect.objectContaining({ code: "RATE_NOT_COVERED" }),
    );
  });

  it("a payment on the due date reduces the base before the first interest day; with interest from the due date, after that day's interest", () => {
    const payments = [{ id: "P1", date: "2024-01-31", amount: "400.00" }];
    // 2024-02-01..2024-03-01, 30 days on 600: 600 × 8 % × 30 / 365 = 3.9452… → 3.95.
    expect(
      linesOf(oneClaim({ rate: { fixed: "8" } }, "2024-01-31", "2024-03-01", payments)),
    ).toEqual([["2024-02-01", "2024-03-01", 30, "600.00", "8", "3.95"]]);
    // The due date itself on 1,000: 1,000 × 8 % / 365 = 0.2191… → 0.22, which the payment pays
    // first (costs, interest, principal), so 399.78 of principal: 30 days on 600.22,
    // 600.22 × 8 % × 30 / 365 = 3.9466… → 3.95.
    expect(
      linesOf(
        oneClaim({ rate: { fixed: "8" }, start: "due-date" }, "2024-01-31", "2024-03-01", payments),
      ),
    ).toEqual([
      ["2024-01-31", "2024-01-31", 1, "1000.00", "8", "0.22"],
      ["2024-02-01", "2024-03-01", 30, "600.22", "8", "3.95"],
    ]);
  });

  it("a line worth exactly half a cent rounds up, one worth just under rounds down", () => {
    // 1.50 × 1 % × 365 / 365 = 0.015 → 0.02; 1.49 → 0.0149 → 0.01.
    const line = (principal: string) =>
      statementToJson(
        computeStatement(
          parseCaseFile({
            asOf: "2023-12-31",
            terms: { interest: { rate: { fixed: "1" } } },
            claims: [{ id: "F1", principal, dueDate: "2022-12-31" }],
          }),
        ),
      ).interestLines.map((entry) => entry.amount);
    expect(line("1.50")).toEqual(["0.02"]);
    expect(line("1.49")).toEqual(["0.01"]);
  });

  it("nine claims due the same day are paid and listed in their order, as eight are", () => {
    // Each claim 100.00 at 10 % act/365 from 2024-01-01; a payment of 250.00 on 2024-01-31 pays
    // the interest of January first (31 days: 100 × 10 % × 31 / 365 = 0.8493… → 0.85 each), then
    // principal oldest first, ties by position: 250 - 0.85 × n goes to F1, F2, F3 in turn.
    for (const count of [8, 9]) {
      const statement = computeStatement(
        parseCaseFile({
          asOf: "2024-01-31",
          terms: { interest: { rate: { fixed: "10" } }, imputation: "interest-costs-principal" },
          claims: Array.from({ length: count }, (_, index) => ({
            id: `F${index + 1}`,
            principal: "100.00",
            dueDate: "2023-12-31",
          })),
          payments: [{ id: "P1", date: "2024-01-31", amount: "250.00" }],
        }),
      );
      const json = statementToJson(statement);
      expect(json.interestLines.map((line) => [line.claim, line.amount])).toEqual(
        Array.from({ length: count }, (_, index) => [`F${index + 1}`, "0.85"]),
      );
      const principalLeft = (250 - 0.85 * count) * 100;
      const expected = Array.from({ length: count }, (_, index) => {
        const paid = Math.max(0, Math.min(10_000, Math.round(principalLeft) - 10_000 * index));
        return [`F${index + 1}`, ((10_000 - paid) / 100).toFixed(2)];
      });
      expect(Object.entries(json.claims).map(([id, claim]) => [id, claim.principal])).toEqual(
        expected,
      );
    }
  });
});

describe("events on the same day, in their order: charges, payments, the penalty, the year end", () => {
  it("a payment on the last day of a year of interest pays that year's interest before the rest is capitalised", () => {
    // 2023-01-01..2023-12-31 on 1,000 at 10 %: 100.00; the payment of 50.00 on 2023-12-31 pays
    // 50.00 of it, the other 50.00 is capitalised at the end of the day; 2024-01-01..2024-01-31
    // on 1,050.00: 1,050 × 10 % × 31 / 365 = 8.9178… → 8.92.
    const statement = oneClaim(
      { rate: { fixed: "10" }, compounding: "yearly" },
      "2022-12-31",
      "2024-01-31",
      [{ id: "P1", date: "2023-12-31", amount: "50.00" }],
    );
    expect(linesOf(statement)).toEqual([
      ["2023-01-01", "2023-12-31", 365, "1000.00", "10", "100.00"],
      ["2024-01-01", "2024-01-31", 31, "1050.00", "10", "8.92"],
    ]);
    expect(statement.totals.interest.toFixed(2)).toBe("58.92");
    expect(statement.totals.principal.toFixed(2)).toBe("1000.00");
  });

  it("a charge arises before the payments of its day, so they pay it first", () => {
    const statement = (paymentDate: string) =>
      statementToJson(
        computeStatement(
          parseCaseFile({
            asOf: "2024-06-30",
            claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
            charges: [{ id: "K1", kind: "cost", date: "2024-03-01", amount: "20.00" }],
            payments: [{ id: "P1", date: paymentDate, amount: "20.00" }],
          }),
        ),
      ).totals;
    expect(statement("2024-03-01")).toMatchObject({ principal: "1000.00", costs: "0.00" });
    expect(statement("2024-02-29")).toMatchObject({ principal: "980.00", costs: "20.00" });
  });

  it("the penalty is fixed after the payments of its day, on the principal they leave", () => {
    // 3,000 less 500 paid on the penalty date: BIK on 2,500 = 15 % = 375.00 (on 3,000 it would be
    // 375 + 10 % × 500 = 425.00).
    const totals = statementToJson(
      computeStatement(
        parseCaseFile({
          asOf: "2024-06-30",
          terms: { penalty: { kind: "nl.bik" }, penaltyDate: "2024-04-30" },
          claims: [{ id: "F1", principal: "3000.00", dueDate: "2024-01-31" }],
          payments: [{ id: "P1", date: "2024-04-30", amount: "500.00" }],
        }),
      ),
    ).totals;
    expect(totals).toMatchObject({ principal: "2500.00", penalty: "375.00", costs: "375.00" });
  });
});

describe("the penalty at its rounding edges, computed by hand", () => {
  const withPenalty = (penalty: PenaltyClause, principal: string) => {
    const file = parseCaseFile({
      asOf: "2024-06-30",
      claims: [{ id: "F1", principal, dueDate: "2024-01-31" }],
    });
    const withClause: CaseFile = { ...file, terms: { ...file.terms, penalty } };
    return computeStatement(withClause).totals.penalty.toFixed(2);
  };
  const d = (value: string) => new MoneyDecimal(value);

  it("BIK with VAT: the scale rounds first, then the VAT rounds half-up", () => {
    // 15 % of 266.73 = 40.0095 → 40.01 (above the minimum of 40); × 1.5 = 60.015 → 60.02.
    expect(withPenalty({ kind: "nl.bik", vatPercent: d("50") }, "266.73")).toBe("60.02");
    // 15 % of 266.66 = 39.999 → 40.00 (the minimum); × 1.21 = 48.40.
    expect(withPenalty({ kind: "nl.bik", vatPercent: d("21") }, "266.66")).toBe("48.40");
  });

  it("Book XIX: 20 up to 150, a jump at 150.01, the cap of 2,000 from 39,200", () => {
    expect(withPenalty({ kind: "be.book19" }, "150.00")).toBe("20.00");
    // 30 + 10 % × 0.01 = 30.001 → 30.00
    expect(withPenalty({ kind: "be.book19" }, "150.01")).toBe("30.00");
    // 30 + 10 % × 0.05 = 30.005 → 30.01 (half-up)
    expect(withPenalty({ kind: "be.book19" }, "150.05")).toBe("30.01");
    // 65 + 5 % × 38,699.99 = 1,999.9995 → 2,000.00
    expect(withPenalty({ kind: "be.book19" }, "39199.99")).toBe("2000.00");
    expect(withPenalty({ kind: "be.book19" }, "39200.01")).toBe("2000.00");
  });

  it("a percentage clause with a minimum finer than the cent: fine while the minimum does not bite, refused when it does", () => {
    // 10 % of 1,000 = 100.00 > 50.005
    expect(withPenalty({ kind: "percent", percent: d("10"), min: d("50.005") }, "1000.00")).toBe(
      "100.00",
    );
    // 10 % of 100 = 10.00 < 50.005: the penalty would be 50.005, not whole cents.
    expect(() =>
      withPenalty({ kind: "percent", percent: d("10"), min: d("50.005") }, "100.00"),
    ).toThrow(expect.objectContaining({ code: "SUBUNIT_AMOUNT" }));
  });

  it("a percentage with more decimals than the integer path takes gives the decimal result", () => {
    // 12.123456789 % of 1,000.05 = 121.24062… → 121.24
    expect(withPenalty({ kind: "percent", percent: d("12.123456789") }, "1000.05")).toBe("121.24");
    // 0.0000005 % of 999,999,999.99 = 4.99999… → 5.00
    expect(withPenalty({ kind: "percent", percent: d("0.0000005") }, "999999999.99")).toBe("5.00");
  });

  it("a percentage clause whose maximum is infinite (no cap) gives the amount of the decimal scale", () => {
    expect(withPenalty({ kind: "percent", percent: d("10"), max: d("Infinity") }, "1000.00")).toBe(
      "100.00",
    );
    expect(withPenalty({ kind: "percent", percent: d("10"), min: d("-Infinity") }, "1000.00")).toBe(
      "100.00",
    );
  });
});

describe("terms changed in place between two statements", () => {
  const json = (margin: string, rate: CaseFileJson["terms"] = undefined) => ({
    asOf: "2024-06-30",
    terms: rate ?? { interest: { rate: { table: "be.commercial" }, margin } },
    claims: [{ id: "F1", principal: "1000.00", dueDate: "2024-01-31" }],
  });

  it("a margin put on the same terms object after a statement is the one the next statement uses", () => {
    const file = parseCaseFile(json("1"));
    computeStatement(file);
    (file.terms.interest as { margin: Decimal }).margin = new MoneyDecimal(3);
    const fresh = parseCaseFile(json("3"));
    expect(computeStatement(file).totals.interest.toFixed(2)).toBe(
      computeStatement(fresh).totals.interest.toFixed(2),
    );
  });

  it("a fixed rate put on the same terms object after a statement is the one the next statement uses", () => {
    const fixed = (rate: string) => ({ interest: { rate: { fixed: rate }, margin: "0" } });
    const file = parseCaseFile(json("0", fixed("5")));
    const before = computeStatement(file).totals.interest.toFixed(2);
    (file.terms.interest as { rate: { fixed: Decimal } }).rate = {
      fixed: new MoneyDecimal(8),
    };
    const fresh = parseCaseFile(json("0", fixed("8")));
    expect(computeStatement(file).totals.interest.toFixed(2)).toBe(
      computeStatement(fresh).totals.interest.toFixed(2),
    );
    expect(computeStatement(file).totals.interest.toFixed(2)).not.toBe(before);
  });
});
