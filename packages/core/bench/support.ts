// Timing and the results table of the core's benchmarks. A measure is the median time per call
// over many timed batches; a measure and its baseline run in alternating batches, so a change in
// the machine's load during the run weighs on both alike. Each batch is timed twice: by the wall
// clock and by the CPU time of the process (every thread: the garbage collector's helpers too).
// On a shared machine the wall clock also counts the time other processes held the CPU, so the
// ratio to the baseline is taken on CPU time; both medians are shown.
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";

/** One row of a results table: a measure, its baseline and the ratio of their medians. */
export interface BenchRow {
  readonly measure: string;
  /** Median CPU time per call, in nanoseconds. */
  readonly median: number;
  /** Median wall-clock time per call, in nanoseconds. */
  readonly wall: number;
  readonly baseline: string;
  readonly baselineMedian: number;
  readonly baselineWall: number;
  /** The budget of the target in ratio to the baseline, when the target is a ratio. */
  readonly target?: string;
}

/** Timings of one call, in nanoseconds: CPU time and wall-clock time. */
export interface Timing {
  readonly cpu: number;
  readonly wall: number;
}

/** Nanoseconds per call of `work` over one timed batch of `batch` calls. */
function batchTimes(work: () => unknown, batch: number): Timing {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) work();
  const wall = Number(process.hrtime.bigint() - started) / batch;
  const used = process.cpuUsage(cpu);
  return { cpu: ((used.user + used.system) * 1000) / batch, wall };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

/** A batch size that makes one batch of `work` last about `targetMs` milliseconds. */
function calibrate(work: () => unknown, targetMs: number): number {
  let batch = 1;
  for (;;) {
    const perCall = batchTimes(work, batch).wall;
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
): {
  readonly median: number;
  readonly wall: number;
  readonly baselineMedian: number;
  readonly baselineWall: number;
} {
  const samples = options.samples ?? 41;
  const batchMs = options.batchMs ?? 5;
  // Warm-up long enough for the optimising compiler to settle on both (about 0.3 s each).
  for (const fn of [work, baseline]) {
    const until = performance.now() + 300;
    while (performance.now() < until) batchTimes(fn, 50);
  }
  const workBatch = calibrate(work, batchMs);
  const baseBatch = calibrate(baseline, batchMs);
  const workTimes: Timing[] = [];
  const baseTimes: Timing[] = [];
  for (let i = 0; i < samples; i++) {
    workTimes.push(batchTimes(work, workBatch));
    baseTimes.push(batchTimes(baseline, baseBatch));
  }
  return {
    median: median(workTimes.map((time) => time.cpu)),
    wall: median(workTimes.map((time) => time.wall)),
    baselineMedian: median(baseTimes.map((time) => time.cpu)),
    baselineWall: median(baseTimes.map((time) => time.wall)),
  };
}

/** The medians (ns per call) of `runs` single runs of `work`, after `warmup` untimed runs. */
export function medianOfRuns(work: () => unknown, runs: number, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) work();
  const times: Timing[] = [];
  for (let i = 0; i < runs; i++) times.push(batchTimes(work, 1));
  return {
    cpu: median(times.map((time) => time.cpu)),
    wall: median(times.map((time) => time.wall)),
  };
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
    "Medians per call: CPU time (wall clock in brackets); the ratio is of the CPU medians.",
    "",
    "| measure | median | baseline | baseline median | ratio | target |",
    "| --- | ---: | --- | ---: | ---: | --- |",
    ...rows.map(
      (row) =>
        `| ${row.measure} | ${formatTime(row.median)} (${formatTime(row.wall)}) | ${row.baseline} | ${formatTime(row.baselineMedian)} (${formatTime(row.baselineWall)}) | ${(row.median / row.baselineMedian).toFixed(2)} | ${row.target ?? ""} |`,
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
