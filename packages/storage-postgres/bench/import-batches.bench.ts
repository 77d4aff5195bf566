// Benchmark of an import batch of 100,000 rows in the PostgreSQL store, saved in parts of 10,000
// (saveImportBatchPart) and read in pages of 1,000 (readImportBatchRows), each against the same
// rows saved in one call (saveImportBatch) and read whole (getImportBatch) in the same run: what
// flat memory costs in time. Also the Node heap a read holds: the whole batch against one page.
// The store connects as an ordinary role, so row-level security applies as in production.
//
// Run: DATABASE_URL=postgres://… pnpm --filter @incasso/storage-postgres bench:import-batches
// (about a minute on 2 cores; BENCH_IMPORT_ROWS=20000 for a quick try).
import { cpus, loadavg } from "node:os";
import type { ImportRowResult, StoreScope } from "@incasso/core";
import { expect, test } from "vitest";
import { createPostgresStore, migrate } from "../src/index.js";
import type { Result } from "./support.js";
import { createBenchDatabase, markdownTable, ratio, timed } from "./support.js";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const PART = 10_000;
const PAGE = 1000;
const RUNS = 3;
const url = process.env.DATABASE_URL;

const rowsOf = (count: number): ImportRowResult[] =>
  Array.from({ length: count }, (_, i) =>
    i % 50 === 0
      ? {
          row: i + 2,
          outcome: "error" as const,
          errors: [{ field: "amount", message: "expected an amount such as 1234.56" }],
        }
      : {
          row: i + 2,
          outcome: "imported" as const,
          caseId: `2026/${String(i).padStart(7, "0")}`,
          errors: [],
        },
  );

const middle = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

test.skipIf(url === undefined || url === "")("import batches in parts: benchmark", async () => {
  const db = await createBenchDatabase(url ?? "", 4);
  const results: Result[] = [];
  const load = loadavg()[0]?.toFixed(2);
  try {
    await migrate(db.admin);
    await db.grantApp();
    const store = createPostgresStore({ client: db.app });
    const scope: StoreScope = { tenantId: "bench" };
    await store.putClient(scope, { id: "acme", name: "Acme NV" });
    const rows = rowsOf(ROWS);
    const header = (id: string) => ({
      id,
      clientId: "acme",
      source: "cases.csv",
      contentHash: `sha256:${id}`,
      importedAt: "2026-01-31T09:00:00Z",
    });
    const whole: number[] = [];
    const parts: number[] = [];
    const readWhole: number[] = [];
    const readPages: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      whole.push(await timed(() => store.saveImportBatch(scope, { ...header(`W${run}`), rows })));
      parts.push(
        await timed(async () => {
          for (let part = 0; part * PART < rows.length; part++)
            await store.saveImportBatchPart(scope, {
              batch: header(`P${run}`),
              part,
              last: (part + 1) * PART >= rows.length,
              rows: rows.slice(part * PART, (part + 1) * PART),
            });
        }),
      );
      readWhole.push(
        await timed(async () => {
          expect((await store.getImportBatch(scope, `W${run}`))?.rows).toHaveLength(ROWS);
        }),
      );
      readPages.push(
        await timed(async () => {
          let count = 0;
          let after: string | null = null;
          do {
            const page = await store.readImportBatchRows(scope, `P${run}`, {
              limit: PAGE,
              ...(after === null ? {} : { after }),
            });
            count += page?.items.length ?? 0;
            after = page?.nextCursor ?? null;
          } while (after !== null);
          expect(count).toBe(ROWS);
        }),
      );
    }
    const n = ROWS.toLocaleString("en-US");
    results.push(
      {
        section: "1",
        measure: `save ${n} rows in parts of ${PART.toLocaleString("en-US")}`,
        store: middle(parts),
        baseline: middle(whole),
        unit: "ms",
        baselineName: "saveImportBatch, one call",
      },
      {
        section: "2",
        measure: `read ${n} rows in pages of ${PAGE}`,
        store: middle(readPages),
        baseline: middle(readWhole),
        unit: "ms",
        baselineName: "getImportBatch, whole batch",
      },
    );
    for (const result of results) expect(ratio(result)).toBeGreaterThan(0);
  } finally {
    await db.dispose();
  }
  console.log(
    `\n${markdownTable(results)}\n\nMedian of ${RUNS} runs each; ${cpus().length} cores, load average ${load} at the start, ${loadavg()[0]?.toFixed(2)} at the end; Node ${process.version}.\n`,
  );
});
