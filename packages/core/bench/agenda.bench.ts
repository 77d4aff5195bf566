// The agenda step (the scenario state machine and the agenda entries) on top of already computed
// statements, per case: at 1,000, 10,000 and 100,000 generated cases with realistic histories
// against the same step at 10,000 cases (so a flat cost per case shows as a ratio of about 1, and a
// garbage-collection cliff as more), and with more events per case against the plain history.
// Cases are held two ways. As the daily run holds them (`computeDailyRunPage`): a page of 500
// cases prepared, stepped, its entries handed on, then dropped before the next page; only the
// steps are timed. And all at once, prepared beforehand (the fold with the statement's totals, or
// with whole statements), which no daily run does: it shows what holding 100,000 prepared cases
// (hundreds of megabytes) costs the step through the memory and the garbage collector.
// Run: pnpm --filter @incasso/core bench
import { it } from "vitest";
import type { AgendaEntry, CaseEventJson, CaseOnAgenda } from "../src/index.js";
import {
  agendaEntries,
  caseStatement,
  parseIsoDate,
  parseScenario,
  scenarioState,
  Temporal,
} from "../src/index.js";
import type { BenchRow, Timing } from "./support.js";
import { load, medianOfRuns, printTable } from "./support.js";

const scenario = parseScenario({
  id: "be-b2b",
  version: 1,
  name: "bench",
  calendar: "be",
  activities: [
    { code: "REM1", description: { nl: "h", fr: "r", en: "r" }, kind: "email", channel: "email" },
    {
      code: "NOTICE",
      description: { nl: "i", fr: "m", en: "n" },
      kind: "formal-notice",
      channel: "registered-post",
    },
    { code: "CALL", description: { nl: "b", fr: "a", en: "c" }, kind: "call", channel: "phone" },
    {
      code: "BAILIFF",
      description: { nl: "d", fr: "h", en: "b" },
      kind: "bailiff-handover",
      channel: "none",
    },
  ],
  steps: [
    { activity: "REM1", wait: { days: 7 }, after: "due-date", approval: "automatic" },
    { activity: "NOTICE", wait: { days: 14 }, threshold: "50.00" },
    { activity: "CALL", wait: { days: 7, unit: "business" } },
    { activity: "BAILIFF", wait: { days: 21 }, threshold: "250.00" },
  ],
});
const scenarios = [scenario];
const asOf = parseIsoDate("2025-06-30");
const START = Temporal.PlainDate.from("2024-06-03");
const dayText = new Map<number, string>();
const day = (n: number) => {
  let text = dayText.get(n);
  if (text === undefined) {
    text = START.add({ days: n }).toString();
    dayText.set(n, text);
  }
  return text;
};

/** The events of case `i`: opened, one claim, the scenario, some steps done, `extra` more events. */
function eventsOf(i: number, random: (n: number) => number, extra: number): CaseEventJson[] {
  const due = random(300);
  const meta = (id: string, n: number) => ({
    id,
    at: day(n),
    recordedAt: `${day(n)}T09:00:00Z`,
    by: "bench",
  });
  const events: CaseEventJson[] = [
    {
      ...meta("o", 0),
      type: "case.opened",
      caseNumber: `B-${i}`,
      client: { id: `C${i % 50}`, name: `Client ${i % 50}` },
      debtors: [{ id: "D", kind: "legal-person", name: "D", language: "nl", consumer: false }],
      owner: `owner${i % 12}`,
      lawyer: "l",
      rulePack: "be.b2b",
    },
    {
      ...meta("c", 0),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: "1",
        invoiceDate: day(due),
        dueDate: day(due),
        amount: `${100 + random(9000)}.${String(random(100)).padStart(2, "0")}`,
      },
    },
    { ...meta("s", 0), type: "scenario.started", scenarioId: "be-b2b" },
  ];
  const done = random(4);
  for (let step = 0; step < done; step++)
    events.push({
      ...meta(`a${step}`, due + 10 + 20 * step),
      type: "action.done",
      step: step + 1,
      result: "done",
    });
  if (random(3) === 0)
    events.push({
      ...meta("p", due + 30 + random(60)),
      type: "payment.received",
      paymentId: "P",
      amount: `${10 + random(400)}.00`,
    });
  if (random(10) === 0)
    events.push({ ...meta("d", due + 40), type: "dispute.opened", reason: "quality" });
  // More history: notes, and a rescheduled step now and then (each one a planner event).
  for (let k = 0; k < extra; k++) {
    const at = Math.min(360, due + 5 + k * 3);
    events.push(
      k % 4 === 3
        ? {
            ...meta(`r${k}`, at),
            type: "action.rescheduled",
            step: Math.min(4, done + 1),
            to: day(at + 10),
          }
        : { ...meta(`n${k}`, at), type: "note.added", text: `note ${k}` },
    );
  }
  return events;
}

/** A case prepared as the agenda reads it, holding its whole statement or only its totals. */
type Hold = "statement" | "totals";

/** The cases in order, prepared one after the other (the same cases for the same `extra`). */
function* preparedCases(count: number, extra: number, hold: Hold): Generator<CaseOnAgenda> {
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const { state, statement } = caseStatement(eventsOf(i, random, extra), asOf);
    yield {
      state,
      statement:
        hold === "statement"
          ? statement
          : { ...statement, claims: [], interestLines: [], charges: [], allocations: [] },
      scenario: null,
    };
  }
}

/** `count` cases prepared and held at once. */
function prepare(count: number, extra: number, hold: Hold): CaseOnAgenda[] {
  return [...preparedCases(count, extra, hold)];
}

/** The daily run's page: it prepares, steps and saves this many cases at a time. */
const PAGE = 500;

/**
 * The agenda step over cases: each case's scenario state and its entries, as `prepareCase` and
 * the daily run make them; the entries of each page of cases are handed on (counted here) and
 * dropped, as the daily run saves them page by page.
 */
function agendaStep(cases: readonly CaseOnAgenda[], from = 0, to = cases.length): number {
  let saved = 0;
  let page: AgendaEntry[] = [];
  for (let index = from; index < to; index++) {
    const { state, statement } = cases[index] as CaseOnAgenda;
    const prepared: CaseOnAgenda = {
      state,
      statement,
      scenario: scenarioState(scenario, state, statement.totals.balance, asOf),
    };
    for (const entry of agendaEntries(prepared, scenarios, asOf)) page.push(entry);
    if (page.length >= PAGE) {
      saved += page.length;
      page = [];
    }
  }
  return saved + page.length;
}

/** Heap per case (KiB) held by preparing `count` cases. */
function heapOf(make: () => CaseOnAgenda[]): { cases: CaseOnAgenda[]; kib: number } {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage().heapUsed;
  const cases = make();
  gc?.();
  return { cases, kib: (process.memoryUsage().heapUsed - before) / cases.length / 1024 };
}

/** The median time per case of the agenda step over cases held at once. */
function perCase(cases: readonly CaseOnAgenda[], runs: number) {
  const time = medianOfRuns(() => agendaStep(cases), runs);
  return { median: time.cpu / cases.length, wall: time.wall / cases.length };
}

/**
 * The median time per case of the agenda step over `count` cases held as the daily run holds
 * them: a page of 500 prepared, then stepped, then dropped before the next. Only the steps are
 * timed (CPU and wall clock summed over the pages); preparing a page is not.
 */
function perCaseInPages(count: number, runs: number) {
  const times: Timing[] = [];
  for (let run = 0; run <= runs; run++) {
    let cpu = 0;
    let wall = 0;
    const source = preparedCases(count, 0, "totals");
    for (let from = 0; from < count; from += PAGE) {
      const page: CaseOnAgenda[] = [];
      for (let index = from; index < Math.min(count, from + PAGE); index++)
        page.push(source.next().value as CaseOnAgenda);
      const time = timeOnce(() => agendaStep(page));
      cpu += time.cpu;
      wall += time.wall;
    }
    // The first run warms up.
    if (run > 0) times.push({ cpu: cpu / count, wall: wall / count });
  }
  const middle = (values: number[]) =>
    [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
  return { median: middle(times.map((t) => t.cpu)), wall: middle(times.map((t) => t.wall)) };
}

/** CPU time (every thread of the process) and wall clock of one call, in nanoseconds. */
function timeOnce(work: () => unknown): Timing {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  work();
  const wall = Number(process.hrtime.bigint() - started);
  const used = process.cpuUsage(cpu);
  return { cpu: (used.user + used.system) * 1000, wall };
}

const COUNTS = [1_000, 10_000, 100_000];

it("agenda step per case, in the number of cases", () => {
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  const pageBase = perCaseInPages(10_000, 3);
  for (const count of COUNTS) {
    const time = count === 10_000 ? pageBase : perCaseInPages(count, count === 1_000 ? 9 : 3);
    rows.push({
      measure: `${count.toLocaleString("en")} cases, a page of ${PAGE} held at a time as the daily run holds them, per case`,
      ...time,
      baseline: "the same step at 10,000 cases, per case",
      baselineMedian: pageBase.median,
      baselineWall: pageBase.wall,
      target: "≤ 20 µs per case, ratio ≈ 1",
    });
  }
  for (const hold of ["totals", "statement"] as const) {
    const { cases: all, kib } = heapOf(() => prepare(100_000, 0, hold));
    const what = hold === "totals" ? "the fold and totals" : "whole statements";
    notes.push(`all cases held at once, with ${what}: ${kib.toFixed(2)} KiB heap per case`);
    const base = perCase(all.slice(0, 10_000), 5);
    for (const count of COUNTS) {
      const time =
        count === 10_000 ? base : perCase(all.slice(0, count), count === 100_000 ? 3 : 9);
      rows.push({
        measure: `${count.toLocaleString("en")} cases, all held at once with ${what}, per case`,
        ...time,
        baseline: "the same step at 10,000 cases, per case",
        baselineMedian: base.median,
        baselineWall: base.wall,
        target: "≤ 20 µs per case, ratio ≈ 1",
      });
    }
  }
  printTable("Agenda step", rows, loadAtStart);
  console.log(notes.join("\n"));
});

it("agenda step per case, in the number of events per case", () => {
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  const base = perCase(prepare(10_000, 0, "totals"), 5);
  for (const extra of [5, 10, 20, 40]) {
    const cases = prepare(10_000, extra, "totals");
    const events = cases.reduce((sum, prepared) => sum + prepared.state.events.length, 0);
    rows.push({
      measure: `10,000 cases with ${extra} more events each (${(events / cases.length).toFixed(1)} events per case)`,
      ...perCase(cases, 5),
      baseline: "10,000 cases with their plain history (about 5 events)",
      baselineMedian: base.median,
      baselineWall: base.wall,
    });
  }
  printTable("Agenda step growth in events", rows, loadAtStart);
});
