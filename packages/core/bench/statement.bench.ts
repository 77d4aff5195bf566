// The statement of a typical and of a heavy case, against the day-by-day model of the test suite
// (spec/support/day-by-day-model.ts) on the same cases in the same run.
// Run: pnpm --filter @incasso/core bench
import { bench, describe } from "vitest";
import { dayByDayStatement } from "../spec/support/day-by-day-model.js";
import type { CaseFileJson } from "../src/index.js";
import { builtInRateTables, computeStatement, parseCaseFile } from "../src/index.js";

const tables = builtInRateTables();

/** 3 claims, 2 payments, 3 years, a statutory table and a penalty. */
const typical = (compounding: "none" | "yearly") =>
  parseCaseFile({
    asOf: "2025-06-30",
    terms: {
      interest: { rate: { table: "nl.commercial" }, compounding },
      penalty: { kind: "nl.bik" },
      penaltyDate: "2022-09-01",
      imputation: "costs-interest-principal",
    },
    claims: [
      { id: "F1", principal: "1250.00", dueDate: "2022-06-30" },
      { id: "F2", principal: "830.50", dueDate: "2022-07-31" },
      { id: "F3", principal: "2400.00", dueDate: "2022-08-31" },
    ],
    payments: [
      { id: "P1", date: "2023-02-15", amount: "1000.00" },
      { id: "P2", date: "2024-05-01", amount: "750.00" },
    ],
  } satisfies CaseFileJson);

/** 50 claims, 200 payments, 10 years. */
const heavy = (claims: number, payments: number) =>
  parseCaseFile({
    asOf: "2025-06-30",
    terms: {
      interest: { rate: { table: "nl.commercial" }, compounding: "yearly" },
      penalty: { kind: "nl.bik" },
      penaltyDate: "2016-01-15",
    },
    claims: Array.from({ length: claims }, (_, i) => ({
      id: `F${i + 1}`,
      principal: `${1000 + i * 37}.${String(i % 100).padStart(2, "0")}`,
      dueDate: new Date(Date.UTC(2015, 6, 1 + i * 3)).toISOString().slice(0, 10),
    })),
    payments: Array.from({ length: payments }, (_, i) => ({
      id: `P${i + 1}`,
      date: new Date(Date.UTC(2015, 9, 1 + Math.floor((i * 3560) / payments)))
        .toISOString()
        .slice(0, 10),
      amount: "97.50",
    })),
  } satisfies CaseFileJson);

const typicalSimple = typical("none");
const typicalCompound = typical("yearly");

describe("typical case: 3 claims, 2 payments, 3 years, simple interest", () => {
  bench("engine", () => {
    computeStatement(typicalSimple, { rateTables: tables });
  });
  bench("baseline: day-by-day model", () => {
    dayByDayStatement(typicalSimple, tables);
  });
});

describe("typical case with yearly compounding", () => {
  bench("engine", () => {
    computeStatement(typicalCompound, { rateTables: tables });
  });
  bench("baseline: day-by-day model", () => {
    dayByDayStatement(typicalCompound, tables);
  });
});

// Growth: double one dimension at a time (claims, then payments) against the same starting case.
const growth = {
  base: heavy(25, 100),
  claims: heavy(50, 100),
  payments: heavy(25, 200),
  both: heavy(50, 200),
};

describe("heavy case growth: 25 claims and 100 payments over 10 years, doubled one way at a time", () => {
  bench("baseline: 25 claims, 100 payments", () => {
    computeStatement(growth.base, { rateTables: tables });
  });
  bench("50 claims, 100 payments", () => {
    computeStatement(growth.claims, { rateTables: tables });
  });
  bench("25 claims, 200 payments", () => {
    computeStatement(growth.payments, { rateTables: tables });
  });
  bench("50 claims, 200 payments (the heavy case)", () => {
    computeStatement(growth.both, { rateTables: tables });
  });
});

describe("heavy case against the day-by-day model", () => {
  bench("engine, 50 claims and 200 payments", () => {
    computeStatement(growth.both, { rateTables: tables });
  });
  bench(
    "baseline: day-by-day model, 50 claims and 200 payments",
    () => {
      dayByDayStatement(growth.both, tables);
    },
    { iterations: 3, time: 0 },
  );
});
