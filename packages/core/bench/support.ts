// Timing and the results table of the core's benchmarks. A measure is the median time per call
// over many timed batches; a measure and its baseline run in alternating batches, so a change in
// the machine's load during the run weighs on both alike and their ratio stays meaningful.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";

/** One row of a results table: a measure, its baseline and the ratio of their medians. */
export interface BenchRow {
  readonly measure: string;
  /** Median time per call, in nanoseconds. */
  readonly median: number;
  readonly baseline: string;
  readonly baselineMedian: number;
  /** The budget of the target in ratio to the baseline, when the target is a ratio. */
  readonly target?: string;
}

/** Nanoseconds per call of `work` over one timed batch of `batch` calls. */
function batchTimes(work: () => unknown, batch: number): number {
  const started = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) work();
  return Number(process.hrtime.bigint() - started) / batch;
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** A batch size that makes one batch of `work` last about `targetMs` milliseconds. */
function calibrate(work: () => unknown, targetMs: number): number {
  let batch = 1;
  for (;;) {
    const perCall = batchTimes(work, batch);
    if (perCall * batch >= targetMs * 1e6 || batch >= 1 << 20)
      return Math.max(1, Math.round((targetMs * 1e6) / perCall));
    batch *= 4;
  }
}

/**
 * The median time per call (ns) of `work` and of `baseline`, measured in alternating batches
 * after a warm-up. `samples` batches each, of about `batchMs` milliseconds.
 */
export function compare(
  work: () => unknown,
  baseline: () => unknown,
  options: { readonly samples?: number; readonly batchMs?: number } = {},
): { readonly median: number; readonly baselineMedian: number } {
  const samples = options.samples ?? 41;
  const batchMs = options.batchMs ?? 5;
  for (let i = 0; i < 3; i++) {
    batchTimes(work, 200);
    batchTimes(baseline, 200);
  }
  const workBatch = calibrate(work, batchMs);
  const baseBatch = calibrate(baseline, batchMs);
  const workTimes: number[] = [];
  const baseTimes: number[] = [];
  for (let i = 0; i < samples; i++) {
    workTimes.push(batchTimes(work, workBatch));
    baseTimes.push(batchTimes(baseline, baseBatch));
  }
  return { median: median(workTimes), baselineMedian: median(baseTimes) };
}

/** The median (ns per call) of `runs` single runs of `work`, after `warmup` untimed runs. */
export function medianOfRuns(work: () => unknown, runs: number, warmup = 1): number {
  for (let i = 0; i < warmup; i++) work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(batchTimes(work, 1));
  return median(times);
}

/** A duration in ns as the unit that reads best. */
export function formatTime(ns: number): string {
  if (ns < 1_000) return `${ns.toFixed(0)} ns`;
  if (ns < 1_000_000) return `${(ns / 1_000).toFixed(ns < 10_000 ? 2 : 1)} µs`;
  if (ns < 1_000_000_000) return `${(ns / 1_000_000).toFixed(2)} ms`;
  return `${(ns / 1_000_000_000).toFixed(2)} s`;
}

/** The load average of the machine (1, 5, 15 minutes), as a table's caption shows it. */
export function load(): string {
  return loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");
}

/**
 * Prints a results table as Markdown (measure, median, baseline, its median, ratio, target) with
 * the load average at its end, and writes its rows to `BENCH_JSON` when that variable names a file
 * (the charts of docs/performance.md read them).
 */
export function printTable(title: string, rows: readonly BenchRow[], loadAtStart: string): void {
  const lines = [
    "",
    `### ${title}`,
    "",
    `Node ${process.version}, load average ${loadAtStart} at the start, ${load()} at the end.`,
    "",
    "| measure | median | baseline | baseline median | ratio | target |",
    "| --- | ---: | --- | ---: | ---: | --- |",
    ...rows.map(
      (row) =>
        `| ${row.measure} | ${formatTime(row.median)} | ${row.baseline} | ${formatTime(row.baselineMedian)} | ${(row.median / row.baselineMedian).toFixed(2)} | ${row.target ?? ""} |`,
    ),
    "",
  ];
  console.log(lines.join("\n"));
  const out = process.env.BENCH_JSON;
  if (out !== undefined && out !== "") {
    const file = `${out.replace(/\.json$/, "")}-${title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")}.json`;
    writeFileSync(file, JSON.stringify({ title, load: [loadAtStart, load()], rows }, null, 2));
  }
}
