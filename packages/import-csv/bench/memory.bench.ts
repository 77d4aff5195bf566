// The import's memory in the size of the file: the peak resident memory of a process that imports
// N claim rows, and of one that imports 10 × N, into PostgreSQL (DATABASE_URL), each import in a
// process of its own (bench/memory-child.bench.ts) so that `process.resourceUsage().maxRSS` is
// that import's peak. Flat memory would be a ratio near 1; memory in proportion to the rows, near 10.
//
// Run: DATABASE_URL=postgres://… pnpm --filter @incasso/import-csv bench:memory
//   BENCH_MEMORY_ROWS     N of the dry runs (default 50,000: 50,000 and 500,000 rows);
//   BENCH_MEMORY_APPLY    N of the applies (default 25,000: 25,000 and 250,000 rows; 0 for none).
// An apply is one append per case (90 to 440 rows/s on the shared 2-core machine, see RESULTS.md):
// the apply of 200,000 rows takes 8 minutes or more.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, tmpdir, totalmem } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, test } from "vitest";
import { writeClaimsFile } from "./claims-file.js";

const run = promisify(execFile);
const N = Number(process.env.BENCH_MEMORY_ROWS ?? 50_000);
const APPLY_N = Number(process.env.BENCH_MEMORY_APPLY ?? 25_000);
const packageDir = fileURLToPath(new URL("..", import.meta.url));
const vitest = join(
  dirname(createRequire(import.meta.url).resolve("vitest/package.json")),
  "vitest.mjs",
);
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const log = (line: string) => console.log(`[memory] ${line}`);

interface Figures {
  readonly mode: string;
  readonly rows: number;
  readonly cases: number;
  readonly ms: number;
  readonly rssStart: number;
  readonly peakRss: number;
  readonly heapStart: number;
  readonly heapWithReport: number;
  readonly peakLive: number;
  readonly load: number[];
}

/** Imports `file` in a process of its own and answers its figures. */
async function measured(
  dir: string,
  file: string,
  mode: "dry" | "apply" | "records",
): Promise<Figures> {
  const out = join(dir, `${mode}-${Date.now()}.json`);
  await run(process.execPath, [vitest, "run", "--config", "bench/memory-child.vitest.config.ts"], {
    cwd: packageDir,
    env: {
      ...process.env,
      IMPORT_MEMORY_FILE: file,
      IMPORT_MEMORY_MODE: mode,
      IMPORT_MEMORY_OUT: out,
    },
    maxBuffer: 64 * 2 ** 20,
  });
  return JSON.parse(readFileSync(out, "utf8")) as Figures;
}

test(`the import's peak memory at N and 10 × N rows (dry run N = ${N}, apply N = ${APPLY_N})`, async () => {
  expect(process.env.DATABASE_URL, "DATABASE_URL must name the PostgreSQL server").toBeTruthy();
  const dir = mkdtempSync(join(tmpdir(), "incasso-import-memory-"));
  try {
    const plan: ["dry" | "apply", number][] = [
      ["dry", N],
      ["dry", 10 * N],
      ...(APPLY_N > 0
        ? ([
            ["apply", APPLY_N],
            ["apply", 10 * APPLY_N],
          ] as ["apply", number][])
        : []),
    ];
    const results: Figures[] = [];
    for (const [mode, rows] of plan) {
      const file = join(dir, `claims-${rows}.csv`);
      if (!results.some((r) => r.rows === rows)) await writeClaimsFile(file, rows);
      const figures = await measured(dir, file, mode);
      expect(figures.rows).toBe(rows);
      log(
        `${mode} ${rows} rows (${(statSync(file).size / 2 ** 20).toFixed(1)} MB): ${(figures.ms / 1000).toFixed(1)} s, peak RSS ${mib(figures.peakRss)}`,
      );
      results.push(figures);
    }
    const table = [
      "| import | rows | time | rows/s | RSS at start | peak RSS | peak − start | peak live heap (2 s samples) | live heap held by the report | load (1 min) |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
      ...results.map(
        (r) =>
          `| ${r.mode === "dry" ? "dry run" : "apply"} | ${r.rows} | ${(r.ms / 1000).toFixed(1)} s | ${Math.round((r.rows / r.ms) * 1000)} | ${mib(r.rssStart)} | ${mib(r.peakRss)} | ${mib(r.peakRss - r.rssStart)} | ${mib(r.peakLive)} | ${mib(r.heapWithReport - r.heapStart)} | ${r.load[0]?.toFixed(1)} |`,
      ),
    ];
    const ratios: string[] = [];
    for (const mode of ["dry", "apply"]) {
      const [small, large] = results.filter((r) => r.mode === mode);
      if (small === undefined || large === undefined) continue;
      ratios.push(
        `${mode === "dry" ? "dry run" : "apply"}: peak RSS at ${large.rows} rows / at ${small.rows} rows = ${(large.peakRss / small.peakRss).toFixed(2)}; above the start: ${((large.peakRss - large.rssStart) / (small.peakRss - small.rssStart)).toFixed(2)}; per row above the start at ${large.rows}: ${((large.peakRss - large.rssStart) / large.rows / 1024).toFixed(1)} KB; peak live heap ${(large.peakLive / small.peakLive).toFixed(2)} ×`,
      );
    }
    // What the rows' records alone weigh, held as the pipeline holds them until the plan is made.
    const recordsFile = join(dir, `claims-${N}.csv`);
    const records = (await measured(dir, recordsFile, "records")) as unknown as {
      rows: number;
      heapStart: number;
      heapHeld: number;
    };
    ratios.push(
      `the records of ${records.rows} rows held: ${mib(records.heapHeld - records.heapStart)} of live heap, ${((records.heapHeld - records.heapStart) / records.rows).toFixed(0)} bytes a row`,
    );
    log(`${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GB`);
    for (const line of [...table, ...ratios]) log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
