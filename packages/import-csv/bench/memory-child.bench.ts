// One import of the memory benchmark, in a process of its own so that its peak resident memory
// (`process.resourceUsage().maxRSS`) is that import's alone. bench/memory.bench.ts starts it with:
//   IMPORT_MEMORY_FILE  the claims file;
//   IMPORT_MEMORY_MODE  `dry` (dryRunImport), `apply` (applyImport), or `records` (the rows read
//                       and held as the pipeline holds them, to weigh them on the live heap);
//   IMPORT_MEMORY_OUT   where to write the figures (JSON).
// The store: @incasso/storage-postgres on the PostgreSQL server (DATABASE_URL), a database of its
// own, so the store's memory is the server's, not this process's.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { reminderScenario } from "@incasso/testkit";
import { expect, test } from "vitest";
import { createTestDatabase } from "../../storage-postgres/test/support/server.js";
import { applyImport, dryRunImport, readImportRows } from "../src/index.js";
import { belgianCasesProfile } from "../test/support/fixtures.js";

const file = process.env.IMPORT_MEMORY_FILE ?? "";
const mode = process.env.IMPORT_MEMORY_MODE ?? "dry";
const out = process.env.IMPORT_MEMORY_OUT ?? "";

test("one import, measured in a process of its own", async () => {
  expect(file, "IMPORT_MEMORY_FILE").not.toBe("");
  expect(out, "IMPORT_MEMORY_OUT").not.toBe("");
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  if (mode === "records") {
    gc();
    const heapStart = process.memoryUsage().heapUsed;
    const held: unknown[] = [];
    const profile = belgianCasesProfile({ encoding: "utf-8" });
    for await (const row of readImportRows(profile, file)) {
      held.push({ row: row.row, record: row.record, issues: row.issues });
    }
    gc();
    const heapHeld = process.memoryUsage().heapUsed;
    writeFileSync(out, JSON.stringify({ mode, rows: held.length, heapStart, heapHeld }));
    return;
  }
  const db = await createTestDatabase();
  try {
    await migrate(db.pool);
    const store = createPostgresStore({ client: db.pool });
    const scope = { tenantId: "bench" };
    await store.putClient(scope, { id: "bakkerij", name: "Bakkerij Peeters NV" });
    await store.putScenario(scope, "bakkerij", reminderScenario(1));
    gc();
    const rssStart = process.memoryUsage().rss;
    const heapStart = process.memoryUsage().heapUsed;
    const maxRssBefore = process.resourceUsage().maxRSS * 1024;
    // The live heap every 2 s after a full collection: what the import holds, without the garbage
    // V8 lets pile up before it collects (which is most of the peak RSS).
    let peakLive = 0;
    const sampler = setInterval(() => {
      gc();
      peakLive = Math.max(peakLive, process.memoryUsage().heapUsed - heapStart);
    }, 2000);
    const began = performance.now();
    const report = await (mode === "apply" ? applyImport : dryRunImport)({
      store,
      scope,
      profile: belgianCasesProfile({ encoding: "utf-8" }),
      source: file,
      importedAt: "2026-03-02T09:00:00Z",
      by: "bench",
      // As `incasso import --result` runs it: the report keeps the problems, every row goes to
      // the result file.
      detail: "problems",
      resultFiles: { csv: `${out}.result.csv` },
    });
    const ms = performance.now() - began;
    clearInterval(sampler);
    const peakRss = process.resourceUsage().maxRSS * 1024;
    gc();
    // The live heap with the report still held: what the report of every row and case costs.
    const heapWithReport = process.memoryUsage().heapUsed;
    expect(report.totals.errors).toBe(0);
    if (mode === "apply") expect(report.applied?.appended).toBe(report.totals.newCases);
    writeFileSync(
      out,
      JSON.stringify({
        mode,
        rows: report.totals.rows,
        cases: report.totals.newCases + report.totals.updatedCases + report.totals.unchangedCases,
        ms,
        rssStart,
        maxRssBefore,
        peakRss,
        heapStart,
        heapWithReport,
        peakLive,
        load: loadavg(),
      }),
    );
  } finally {
    await db.dispose();
  }
});
