// The agenda step (scenario state machine and agenda entries) on top of already computed
// statements, for 10,000 and 100,000 generated cases with realistic histories; the baseline is the
// 10,000-case run, so linear growth shows as a ratio of about 10. Memory is printed per case.
// Run: pnpm --filter @incasso/core bench
import { bench, describe } from "vitest";
import type { AgendaEntry, CaseEventJson, CaseOnAgenda } from "../src/index.js";
import {
  agendaEntries,
  caseStatement,
  parseIsoDate,
  parseScenario,
  scenarioState,
  Temporal,
} from "../src/index.js";

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
const asOf = parseIsoDate("2025-06-30");
const START = Temporal.PlainDate.from("2024-06-03");

function generate(count: number): CaseOnAgenda[] {
  const cases: CaseOnAgenda[] = [];
  let seed = 42;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < count; i++) {
    const day = (n: number) => START.add({ days: n }).toString();
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
        step,
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
    const { state, statement } = caseStatement(events, asOf);
    cases.push({ state, statement, scenario: null });
  }
  return cases;
}

const heapBefore = process.memoryUsage().heapUsed;
const small = generate(10_000);
const large = [...small, ...generate(90_000)];
const heapAfter = process.memoryUsage().heapUsed;
console.log(
  `prepared 100,000 cases (events, fold, statement): ${((heapAfter - heapBefore) / 100_000 / 1024).toFixed(1)} KiB heap per case`,
);

function agendaStep(cases: readonly CaseOnAgenda[]): AgendaEntry[] {
  const entries: AgendaEntry[] = [];
  for (const prepared of cases) {
    const withScenario = {
      ...prepared,
      scenario: scenarioState(scenario, prepared.state, prepared.statement.totals.balance, asOf),
    };
    entries.push(...agendaEntries(withScenario, [scenario], asOf));
  }
  return entries;
}

describe("agenda step on computed statements", () => {
  bench(
    "baseline: 10,000 cases",
    () => {
      agendaStep(small);
    },
    { iterations: 5, time: 0 },
  );
  bench(
    "100,000 cases",
    () => {
      agendaStep(large);
    },
    { iterations: 3, time: 0 },
  );
});
