// Matching speed: a statement of 100,000 entries against 1,000,000 open cases, as entries per
// second, and as a ratio to reading the same statement (parseBankFileSync of its CODA bytes and
// toBankTransactions) measured in the same run. The index is built in memory, by
// createCandidateIndex, from 1,000,000 generated case views (what matchCaseOf gives from a store's
// events and rows; generated here directly, as a store of a million cases is not at hand), and its
// build time is reported apart.
//
// Run: pnpm --filter @incasso/import-bank bench   (BENCH_ENTRIES=20000 BENCH_CASES=100000 for a quick try)
import { cpus, loadavg, totalmem } from "node:os";
import { getHeapStatistics } from "node:v8";
import type { BankTransaction, CaseKey, MatchCase } from "@incasso/core";
import {
  accountKey,
  createCandidateIndex,
  createOgm,
  DEFAULT_MATCH_POLICY,
  lookupKeysOf,
  MoneyDecimal,
  matchTransactions,
  normalizeMatchKey,
  Temporal,
} from "@incasso/core";
import { Decimal } from "decimal.js";
import { expect, test } from "vitest";
import { parseBankFileSync, toBankTransactions } from "../src/parse/index.js";
import type { WritableEntry, WritableStatement } from "../test/support/spec.js";
import { writeCoda } from "../test/support/write-coda.js";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const CASES = Number(process.env.BENCH_CASES ?? 1_000_000);
const RUNS = 3;

// A small pseudo-random sequence, so every run generates the same data.
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const EMPTY: readonly never[] = Object.freeze([]);
const dates = Array.from({ length: 1000 }, (_, i) =>
  Temporal.PlainDate.from("2023-01-01").add({ days: i }),
);

function ibanOf(debtor: number): string {
  const account = String(100_000_000 + debtor).padStart(10, "0");
  const check = String(Number(BigInt(account) % 97n) || 97).padStart(2, "0");
  return accountKey(`${account}${check}`);
}
const ogmOf = (i: number) => createOgm(String(3_000_000_000 + i).padStart(10, "0"));
const caseNumberOf = (i: number) => `2026/${String(i).padStart(7, "0")}`;

/** The case view of case number i of the store, the same every time it is asked for. */
function caseOf(i: number): MatchCase {
  const debtor = Math.floor(i / 2);
  return {
    caseId: `C${i}`,
    clientId: `client-${i % 50}`,
    caseNumber: caseNumberOf(i),
    status: "open",
    debtorIds: [`D${debtor}`],
    debtorNames: EMPTY,
    balance: new MoneyDecimal(1000 + Math.floor(random(i * 7919 + 1)() * 500_000)).dividedBy(100),
    oldestDueDate: dates[i % dates.length] as Temporal.PlainDate,
    paymentReferences: [normalizeMatchKey(ogmOf(i))],
    clientReferences: EMPTY,
    invoiceNumbers: [`INV${i}`],
    knownIbans: i % 2 === 0 ? [ibanOf(debtor)] : EMPTY,
    expected: EMPTY,
    payments: EMPTY,
  };
}

/**
 * What the store's `findCasesByKeys` answers for a store of `count` cases made by `caseOf`: every
 * key these cases are found by is a function of the case's number, so the lookup inverts it (an
 * index lookup, as the case_keys table gives), and answers only cases that really carry the key.
 */
function findCases(keys: readonly CaseKey[], count: number): Set<number> {
  const found = new Set<number>();
  const accept = (i: number, carries: (view: MatchCase) => boolean) => {
    if (Number.isInteger(i) && i >= 0 && i < count && carries(caseOf(i))) found.add(i);
  };
  for (const { kind, key } of keys) {
    if (kind === "payment-reference" && /^\d{12}$/.test(key))
      accept(Number(key.slice(0, 10)) - 3_000_000_000, (v) => v.paymentReferences.includes(key));
    else if (kind === "case-number" && /^2026\d{7}$/.test(key))
      accept(Number(key.slice(4)), (v) => normalizeMatchKey(v.caseNumber) === key);
    else if (kind === "invoice-number" && /^INV\d+$/.test(key))
      accept(Number(key.slice(3)), (v) => v.invoiceNumbers.includes(key));
    else if (kind === "counterparty-iban" && /^BE\d{14}$/.test(key))
      accept(2 * (Number(key.slice(4, 14)) - 100_000_000), (v) => v.knownIbans.includes(key));
  }
  return found;
}

/** Entries that pay random cases in the ways debtors do (see the shares below). */
function generateEntries(cases: number, count: number): WritableEntry[] {
  const next = random(2);
  const day = Temporal.PlainDate.from("2026-03-02");
  const list: WritableEntry[] = [];
  for (let n = 0; n < count; n++) {
    const i = Math.floor(next() * cases);
    const target = caseOf(i);
    const amount =
      next() < 0.6
        ? (target.balance as Decimal)
        : new Decimal(Math.floor(1 + next() * 9999)).dividedBy(100);
    const way = next();
    const ogm = ogmOf(i);
    const counterparty = { name: `Debtor ${i}`, iban: ibanOf(Math.floor(i / 2)), bic: null };
    if (way < 0.4)
      list.push({
        amount,
        valueDate: day,
        counterparty,
        structuredReference: { kind: "ogm", value: normalizeMatchKey(ogm) },
      });
    else if (way < 0.6)
      list.push({
        amount,
        valueDate: day,
        counterparty,
        communication: `betaling ${ogm.slice(3, -3).replace(/\//g, " ")}`,
      });
    else if (way < 0.7)
      list.push({
        amount,
        valueDate: day,
        counterparty,
        communication: `dossier ${target.caseNumber}`,
      });
    else if (way < 0.8)
      list.push({ amount, valueDate: day, counterparty, communication: `factuur INV${i}` });
    else if (way < 0.9) list.push({ amount, valueDate: day, counterparty, communication: "saldo" });
    else if (way < 0.95) {
      const digits = normalizeMatchKey(ogm);
      const slip = `${digits.slice(0, 4)}${(Number(digits[4]) + 1) % 10}${digits.slice(5)}`;
      list.push({
        amount,
        valueDate: day,
        counterparty: { ...counterparty, iban: null },
        communication: `+++${slip.slice(0, 3)}/${slip.slice(3, 7)}/${slip.slice(7)}+++`,
      });
    } else
      list.push({
        amount: amount.negated(),
        valueDate: day,
        counterparty: { name: "Supplier", iban: "BE62510007547061", bic: null },
        communication: "invoice 88",
      });
  }
  return list;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time<T>(fn: () => T): [T, number] {
  const start = process.hrtime.bigint();
  const value = fn();
  return [value, Number(process.hrtime.bigint() - start) / 1e6];
}

test(`match ${ENTRIES} entries against ${CASES} open cases, against reading the statement`, () => {
  console.log(
    `node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0]?.toFixed(2)}, heap limit ${(getHeapStatistics().heap_size_limit / 2 ** 30).toFixed(1)} GiB`,
  );
  const entries = generateEntries(CASES, ENTRIES);
  const statements: WritableStatement[] = [];
  for (let i = 0; i < entries.length; i += 5000)
    statements.push({
      account: "BE68539007547034",
      statementNumber: statements.length + 1,
      date: Temporal.PlainDate.from("2026-03-02"),
      openingBalance: new Decimal(0),
      entries: entries.slice(i, i + 5000),
    });
  const bytes = new TextEncoder().encode(statements.map((s) => writeCoda(s)).join(""));
  // The index as buildCandidateIndex builds it from a store: the cases the entries' keys find, and
  // the other cases of their debtors (here: case i and its sibling i ^ 1 share debtor i >> 1).
  const [reached, lookupMs] = time(() => {
    const all = parseBankFileSync(bytes, { fileName: "bench.cod" }).statements.flatMap((s) =>
      toBankTransactions(s),
    );
    const found = findCases(lookupKeysOf(all, DEFAULT_MATCH_POLICY), CASES);
    for (const i of [...found]) if ((i ^ 1) < CASES) found.add(i ^ 1);
    return found;
  });
  const heapBefore = process.memoryUsage().heapUsed;
  const [index, indexMs] = time(() => createCandidateIndex([...reached].map(caseOf)));
  const heapIndex = process.memoryUsage().heapUsed - heapBefore;
  const read: number[] = [];
  const match: number[] = [];
  let transactions: BankTransaction[] = [];
  let decisions = new Map<string, number>();
  for (let run = 0; run < RUNS; run++) {
    const [parsed, readMs] = time(() =>
      parseBankFileSync(bytes, { fileName: "bench.cod" }).statements.flatMap((s) =>
        toBankTransactions(s),
      ),
    );
    transactions = parsed;
    read.push(readMs);
    const [matches, matchMs] = time(() => matchTransactions(transactions, index));
    match.push(matchMs);
    decisions = new Map();
    for (const m of matches) decisions.set(m.decision, (decisions.get(m.decision) ?? 0) + 1);
  }
  expect(transactions.length).toBe(ENTRIES);
  const readMs = median(read);
  const matchMs = median(match);
  const perSecond = (ms: number) => Math.round((ENTRIES / ms) * 1000).toLocaleString("en");
  console.log(
    `store of ${CASES.toLocaleString("en")} cases; the entries' keys reach ${reached.size.toLocaleString("en")} of them (with their debtors' other cases), found in ${(lookupMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `build the index of ${reached.size.toLocaleString("en")} case views: ${(indexMs / 1000).toFixed(1)} s, ${(heapIndex / 2 ** 20).toFixed(0)} MiB of heap (${Math.round(heapIndex / reached.size)} bytes per case, views included)`,
  );
  console.log(
    `read the statement (CODA, ${(bytes.length / 2 ** 20).toFixed(1)} MiB): ${readMs.toFixed(0)} ms, ${perSecond(readMs)} entries/s`,
  );
  console.log(`match: ${matchMs.toFixed(0)} ms, ${perSecond(matchMs)} entries/s`);
  console.log(`match / read: ${(matchMs / readMs).toFixed(2)}`);
  console.log(`decisions: ${[...decisions].map(([k, v]) => `${k} ${v}`).join(", ")}`);
  expect((decisions.get("apply") ?? 0) > ENTRIES / 2).toBe(true);
});
