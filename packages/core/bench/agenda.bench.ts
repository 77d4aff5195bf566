// The agenda step (the scenario state machine and the agenda entries) on top of already computed
// statements, per case: at 1,000, 10,000 and 100,000 generated cases with realistic histories
// against the same step at 10,000 cases (so a flat cost per case shows as a ratio of about 1, and a
// garbage-collection cliff as more), and with more events per case against the plain history.
// Cases are prepared two ways: holding the fold and the whole statement of every case, and holding
// the fold and the statement's totals (the lists dropped, as the daily run holds a page of cases).
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
import type { BenchRow } from "./support.js";
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

/** `count` cases prepared as the agenda reads them, holding whole statements or their totals. */
function prepare(count: number, extra: number, hold: "statement" | "totals"): CaseOnAgenda[] {
  const cases: CaseOnAgenda[] = [];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const { state, statement } = caseStatement(eventsOf(i, random, extra), asOf);
    cases.push({
      state,
      statement:
        hold === "statement"
          ? statement
          : { ...statement, claims: [], interestLines: [], charges: [], allocations: [] },
      scenario: null,
    });
  }
  return cases;
}

function agendaStep(cases: readonly CaseOnAgenda[]): AgendaEntry[] {
  const entries: AgendaEntry[] = [];
  for (const prepared of cases) {
    const withScenario = {
      ...prepared,
      scenario: scenarioState(scenario, prepared.state, prepared.statement.totals.balance, asOf),
    };
    for (const entry of agendaEntries(withScenario, scenarios, asOf)) entries.push(entry);
  }
  return entries;
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

/** The median time per case of the agenda step over `cases`. */
function perCase(cases: readonly CaseOnAgenda[], runs: number) {
  const time = medianOfRuns(() => agendaStep(cases), runs);
  return { median: time.cpu / cases.length, wall: time.wall / cases.length };
}

it("agenda step per case, in the number of cases", () => {
  const loadAtStart = load();
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const hold of ["totals", "statement"] as const) {
    const { cases: all, kib } = heapOf(() => prepare(100_000, 0, hold));
    notes.push(
      `holding ${hold === "totals" ? "totals" : "whole statements"}: ${kib.toFixed(1)} KiB heap per case`,
    );
    const base = perCase(all.slice(0, 10_000), 5);
    for (const count of [1_000, 10_000, 100_000]) {
      const time =
        count === 10_000 ? base : perCase(all.slice(0, count), count === 100_000 ? 3 : 9);
      rows.push({
        measure: `${count.toLocaleString("en")} cases, holding ${hold === "totals" ? "the fold and totals" : "whole statements"}, per case`,
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
