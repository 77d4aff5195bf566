// The statement of a typical and of heavier cases, each against the floor of its own arithmetic
// measured in the same run: the bare exact-integer work of the statement's lines (each interest
// line's base × rate × days / (100 × divisor × denominator) rounded half-up in BigInt, the claims'
// principal, every allocation subtracted and every payment counted), with nothing else. The day-by-day model of the test
// suite is measured once more against the engine, as before.
// Run: pnpm --filter @incasso/core bench (or: npx vitest run --config bench/vitest.config.ts
// bench/statement.bench.ts from packages/core).
import { it } from "vitest";
import { dayByDayStatement } from "../spec/support/day-by-day-model.js";
import type { CaseFile, CaseFileJson, Statement } from "../src/index.js";
import { builtInRateTables, computeStatement, parseCaseFile } from "../src/index.js";
import type { BenchRow } from "./support.js";
import { compare, load, medianOfRuns, printTable } from "./support.js";

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

/** `claims` claims and `payments` payments over ten years, compounding yearly. */
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

const cents = (value: { toFixed(places: number): string }) =>
  BigInt(value.toFixed(2).replace(".", ""));

/**
 * The floor of a statement: the exact integer arithmetic of its own lines, on operands prepared
 * beforehand (every interest line rounded half-up in BigInt, the principal of the claims, every
 * allocation subtracted, every payment counted in the total paid), returning the balance and the
 * total paid in cents.
 */
function floorOf(statement: Statement, file: CaseFile): () => bigint {
  const lines = statement.interestLines.map((line) => {
    const places = line.rate.decimalPlaces();
    return {
      base: cents(line.base),
      num: BigInt(line.rate.times(10 ** places).toFixed(0)),
      den: 10n ** BigInt(places),
      days: BigInt(line.days),
      divisor: BigInt(line.divisor),
    };
  });
  const principals = statement.claims.map((claim) => cents(claim.originalPrincipal));
  const charges = statement.charges.map((charge) => cents(charge.amount));
  const allocations = statement.allocations.map((allocation) => cents(allocation.amount));
  const payments = file.payments.map((payment) => cents(payment.amount));
  return () => {
    let balance = 0n;
    for (const principal of principals) balance += principal;
    for (const charge of charges) balance += charge;
    for (const line of lines) {
      const numerator = line.base * line.num * line.days;
      const denominator = 100n * line.divisor * line.den;
      const quotient = numerator / denominator;
      balance += (numerator % denominator) * 2n >= denominator ? quotient + 1n : quotient;
    }
    for (const allocation of allocations) balance -= allocation;
    let paid = 0n;
    for (const payment of payments) paid += payment;
    return balance + paid;
  };
}

/** Reads every field of a statement, as a letter or `statementToJson` would. */
function readAll(statement: Statement): number {
  let count = 0;
  const touch = (value: object) => {
    for (const field of Object.values(value)) if (field !== undefined) count++;
  };
  touch(statement.totals);
  for (const claim of statement.claims) touch(claim);
  for (const line of statement.interestLines) touch(line);
  for (const charge of statement.charges) touch(charge);
  for (const allocation of statement.allocations) touch(allocation);
  return count;
}

const statementOf = (file: CaseFile) => computeStatement(file, { rateTables: tables });
const describeCase = (file: CaseFile) => {
  const s = statementOf(file);
  return `${s.claims.length} claims, ${file.payments.length} payments, ${s.interestLines.length} interest lines, ${s.allocations.length} allocations`;
};

/**
 * Runs the engine on every case of the table for `ms` milliseconds before anything is timed. CPU
 * time counts the optimising compiler's threads too: without this, the first row would also pay
 * for compiling the engine (on a loaded machine, up to three times its own time).
 */
function warmUp(files: readonly CaseFile[], ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) for (const file of files) readAll(statementOf(file));
}

it("statement against the floor of its own arithmetic", () => {
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  const simple = typical("none");
  const compound = typical("yearly");
  warmUp([simple, compound, heavy(3, 20)], 2_000);
  const floor = floorOf(statementOf(simple), simple);
  const floorCompound = floorOf(statementOf(compound), compound);
  // The typical use: the statement computed and its balance read (as the agenda and the daily run do).
  const balanceOnly = compare(() => statementOf(simple).totals.balance, floor);
  rows.push({
    measure: `typical case (${describeCase(simple)}), balance read`,
    ...balanceOnly,
    baseline: "floor: its lines in BigInt",
    target: "≤ 10× or ≤ 10 µs",
  });
  rows.push({
    measure: "typical case, every field read",
    ...compare(() => readAll(statementOf(simple)), floor),
    baseline: "floor: its lines in BigInt",
    target: "≤ 10× or ≤ 10 µs",
  });
  rows.push({
    measure: `typical case compounding yearly (${describeCase(compound)}), balance read`,
    ...compare(() => statementOf(compound).totals.balance, floorCompound),
    baseline: "floor: its lines in BigInt",
    target: "≤ 10× or ≤ 10 µs",
  });
  rows.push({
    measure: "typical case compounding yearly, every field read",
    ...compare(() => readAll(statementOf(compound)), floorCompound),
    baseline: "floor: its lines in BigInt",
  });
  const heavyCase = heavy(50, 200);
  rows.push({
    measure: `heavy case (${describeCase(heavyCase)}), every field read`,
    ...compare(() => readAll(statementOf(heavyCase)), floorOf(statementOf(heavyCase), heavyCase), {
      samples: 15,
    }),
    baseline: "floor: its lines in BigInt",
  });
  // The independent day-by-day model of the tests: the engine's speed-up over walking every day.
  const model = medianOfRuns(() => dayByDayStatement(simple, tables), 5);
  const engine = compare(() => readAll(statementOf(simple)), floor);
  rows.push({
    measure: "day-by-day model of the tests, typical case",
    median: model.cpu,
    wall: model.wall,
    baseline: "engine, every field read",
    baselineMedian: engine.median,
    baselineWall: engine.wall,
  });
  printTable("Statement", rows, loadAtStart);
});

it("statement growth in claims and in payments", () => {
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  warmUp([heavy(1, 20), heavy(8, 20), heavy(3, 64)], 2_000);
  for (const claims of [1, 2, 4, 8, 16, 32, 64]) {
    const file = heavy(claims, 20);
    rows.push({
      measure: `claims: ${claims} (${describeCase(file)})`,
      ...compare(() => readAll(statementOf(file)), floorOf(statementOf(file), file), {
        samples: 15,
      }),
      baseline: "floor: its lines in BigInt",
    });
  }
  for (const payments of [1, 4, 16, 64, 256]) {
    const file = heavy(3, payments);
    rows.push({
      measure: `payments: ${payments} (${describeCase(file)})`,
      ...compare(() => readAll(statementOf(file)), floorOf(statementOf(file), file), {
        samples: 15,
      }),
      baseline: "floor: its lines in BigInt",
    });
  }
  printTable("Statement growth", rows, loadAtStart);
});
