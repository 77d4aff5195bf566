// The import of a 100,000-row claims file into PostgreSQL (DATABASE_URL), against a plain COPY of
// the same rows into a bare table, measured in the same run:
//   - rows per second and the peak resident memory of each;
//   - where the import's time goes: reading (decoding, tokenising, mapping and checking the rows),
//     planning (grouping, matching debtors and cases in the store, building and checking each
//     case's events: what a dry run does besides reading) and writing (debtors and one append per
//     case, each computing the case's row, plus the batch with its 100,000 row outcomes).
// The file: 20,000 cases of 5 invoices each, 10,000 debtors, UTF-8, `;`, decimal comma, the
// Belgian profile of the tests. Everything happens in a database of its own, dropped at the end.
//
// Run: DATABASE_URL=postgres://… pnpm --filter @incasso/import-csv bench
// (BENCH_ROWS=20000 for a quicker try).
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { cpus, loadavg, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { pipeline } from "node:stream/promises";
import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { reminderScenario } from "@incasso/testkit";
import { from as copyFrom } from "pg-copy-streams";
import { expect, test } from "vitest";
import { createTestDatabase } from "../../storage-postgres/test/support/server.js";
import { applyImport, dryRunImport, readImportRows } from "../src/index.js";
import { BELGIAN_HEADER, belgianCasesProfile } from "../test/support/fixtures.js";
import { PER_CASE, writeClaimsFile } from "./claims-file.js";

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const IMPORTED_AT = "2026-03-02T09:00:00Z";
const log = (line: string) => console.log(`[bench] ${line}`);

/** Runs `task` while sampling the resident memory; answers the time and the peak above the start. */
async function measured<T>(task: () => Promise<T>) {
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  const began = performance.now();
  try {
    const value = await task();
    const ms = performance.now() - began;
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, ms, peakMb: (peak - start) / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

test(`imports ${ROWS} claim rows into PostgreSQL, against a plain COPY of the same rows`, async () => {
  const url = process.env.DATABASE_URL;
  expect(url, "DATABASE_URL must name the PostgreSQL server").toBeTruthy();
  const dir = mkdtempSync(join(tmpdir(), "incasso-import-bench-"));
  const file = join(dir, "claims.csv");
  await writeClaimsFile(file, ROWS);
  const db = await createTestDatabase();
  try {
    await migrate(db.pool);
    const store = createPostgresStore({ client: db.pool });
    const scope = (tenantId: string) => ({ tenantId });
    for (const tenant of ["dry", "apply"]) {
      await store.putClient(scope(tenant), { id: "bakkerij", name: "Bakkerij Peeters NV" });
      await store.putScenario(scope(tenant), "bakkerij", reminderScenario(1));
    }
    const profile = belgianCasesProfile({ encoding: "utf-8" });

    // Baseline: COPY of the file's rows, as text, into a bare table.
    await db.pool.query(
      `CREATE TABLE bare_claims (${BELGIAN_HEADER.map((_, i) => `c${i} text`).join(", ")})`,
    );
    const copy = await measured(async () => {
      const client = await db.pool.connect();
      try {
        await pipeline(
          createReadStream(file),
          client.query(
            copyFrom("COPY bare_claims FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true)"),
          ),
        );
      } finally {
        client.release();
      }
    });
    const copied = await db.pool.query<{ n: string }>("SELECT count(*) AS n FROM bare_claims");
    expect(Number(copied.rows[0]?.n)).toBe(ROWS);

    const read = await measured(async () => {
      let rows = 0;
      for await (const row of readImportRows(profile, file)) if (row.record !== null) rows++;
      return rows;
    });
    expect(read.value).toBe(ROWS);
    const options = (tenant: string) => ({
      store,
      scope: scope(tenant),
      profile,
      source: file,
      importedAt: IMPORTED_AT,
      by: "bench",
    });
    const dry = await measured(() => dryRunImport(options("dry")));
    expect(dry.value.totals).toMatchObject({ newCases: ROWS / PER_CASE, errors: 0 });
    const apply = await measured(() => applyImport(options("apply")));
    expect(apply.value.applied?.appended).toBe(ROWS / PER_CASE);
    const again = await measured(() =>
      applyImport({ ...options("apply"), importedAt: "2026-03-03T09:00:00Z" }),
    );
    expect(again.value.applied?.appended).toBe(0);

    const perSecond = (ms: number) => (ROWS / ms) * 1000;
    const table = [
      "| measure | time | rows/s | peak RSS above start | × COPY's time |",
      "| --- | ---: | ---: | ---: | ---: |",
      ...(
        [
          ["COPY of the rows into a bare table (baseline)", copy],
          ["reading the rows (readImportRows)", read],
          ["dry run (reading + planning)", dry],
          ["apply (reading + planning + writing)", apply],
          ["the same file again (a no-op)", again],
        ] as const
      ).map(
        ([label, m]) =>
          `| ${label} | ${(m.ms / 1000).toFixed(2)} s | ${Math.round(perSecond(m.ms))} | ${m.peakMb.toFixed(0)} MB | ${(m.ms / copy.ms).toFixed(1)} |`,
      ),
    ];
    const planning = dry.ms - read.ms;
    const writing = apply.ms - dry.ms;
    const shares = [
      `time of the apply: reading ${((100 * read.ms) / apply.ms).toFixed(0)} %, ` +
        `planning ${((100 * planning) / apply.ms).toFixed(0)} %, writing ${((100 * writing) / apply.ms).toFixed(0)} %`,
    ];
    const machine = `${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB, load ${loadavg()
      .map((value) => value.toFixed(2))
      .join(" ")}, file ${(statSync(file).size / 2 ** 20).toFixed(1)} MB`;
    for (const line of [machine, ...table, ...shares]) log(line);
  } finally {
    await db.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
});
