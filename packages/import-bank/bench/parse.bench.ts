// Parsing speed of a CODA file and a camt.053 file of 100,000 entries each, generated here, as a
// ratio to a baseline measured in the same run on the same bytes: decoding the bytes to text and
// splitting them into lines (CODA), or decoding them and walking them once for their `<Ntry>`
// elements (camt), the least any reader of the file must do.
//
// Run: pnpm --filter @incasso/import-bank bench   (BENCH_ENTRIES=20000 for a quick try, BENCH_RUNS=1
// for one run of each instead of the median of three)
import { cpus, loadavg, totalmem } from "node:os";
import { Temporal } from "@incasso/core";
import { Decimal } from "decimal.js";
import { expect, test } from "vitest";
import { parseBankFileSync } from "../src/parse/index.js";
import type { WritableEntry, WritableStatement } from "../test/support/spec.js";
import { writeCamt053 } from "../test/support/write-camt.js";
import { writeCoda } from "../test/support/write-coda.js";

const ENTRIES = Number(process.env.BENCH_ENTRIES ?? 100_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

// CODA numbers movements with 4 digits, so a statement holds at most 9,999 of them: the entries are
// spread over statements of 5,000, written one after the other in one file (as banks do for
// several accounts or days), and the same statements make one camt.053 document.
function generate(count: number): WritableStatement[] {
  const all = entries(count);
  const statements: WritableStatement[] = [];
  for (let i = 0; i < all.length; i += 5000)
    statements.push({
      account: "BE68539007547034",
      statementNumber: statements.length + 1,
      date: Temporal.PlainDate.from("2026-03-02").add({ days: statements.length }),
      openingBalance: new Decimal(0),
      entries: all.slice(i, i + 5000),
    });
  return statements;
}

function entries(count: number): WritableEntry[] {
  const day = Temporal.PlainDate.from("2026-03-02");
  const list: WritableEntry[] = [];
  for (let i = 0; i < count; i += 1) {
    const base = String(1_000_000_000 + i);
    const check = String(Number(BigInt(base) % 97n) || 97).padStart(2, "0");
    list.push({
      amount: new Decimal((i % 2 === 0 ? 1 : -1) * (1 + (i % 9973))).dividedBy(100),
      valueDate: day,
      counterparty: { name: `Debtor ${i}`, iban: "BE71096123456769", bic: "GKCCBEBB" },
      structuredReference: i % 3 === 0 ? null : { kind: "ogm", value: `${base}${check}` },
      communication: i % 3 === 0 ? `Invoice 2026/${i}` : null,
    });
  }
  return list;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

function time(fn: () => unknown): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const decoder = new TextDecoder("utf-8");

test(`parse ${ENTRIES} entries of CODA and camt.053 against reading their bytes`, () => {
  console.log(
    `node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB, load ${loadavg()[0]?.toFixed(2)}`,
  );
  const statements = generate(ENTRIES);
  const rows: string[] = [];
  for (const [format, text] of [
    ["CODA", statements.map((s) => writeCoda(s)).join("")],
    ["camt.053", writeCamt053(statements)],
  ] as const) {
    const bytes = new TextEncoder().encode(text);
    const baseline: number[] = [];
    const parse: number[] = [];
    let count = 0;
    for (let run = 0; run < RUNS; run += 1) {
      baseline.push(
        time(() => {
          const decoded = decoder.decode(bytes);
          if (format === "CODA") count = decoded.split(/\r\n|\n|\r/).length;
          else {
            let n = 0;
            for (
              let at = decoded.indexOf("<Ntry>");
              at !== -1;
              at = decoded.indexOf("<Ntry>", at + 6)
            )
              n += 1;
            count = n;
          }
        }),
      );
      parse.push(
        time(() => {
          const parsed = parseBankFileSync(bytes, { fileName: `bench.${format}` });
          expect(parsed.statements.reduce((n, s) => n + s.entries.length, 0)).toBe(ENTRIES);
        }),
      );
    }
    expect(count).toBeGreaterThan(0);
    const b = median(baseline);
    const p = median(parse);
    const row = `| ${format} | ${(bytes.length / 2 ** 20).toFixed(1)} MiB | ${b.toFixed(0)} ms | ${p.toFixed(0)} ms | ${Math.round(ENTRIES / (p / 1000)).toLocaleString("en")} | ${(p / b).toFixed(1)} |`;
    console.log(row);
    rows.push(row);
  }
  console.log(
    [
      "| format | file | baseline (decode + split) | parse + check | entries/s | cost × |",
      "|---|---|---|---|---|---|",
      ...rows,
    ].join("\n"),
  );
});
