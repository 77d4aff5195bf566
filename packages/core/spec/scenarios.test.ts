import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fc, test } from "@fast-check/vitest";
import { Temporal } from "temporal-polyfill";
import { describe, expect } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import { agendaEntries, aging, MoneyDecimal, parseScenario, prepareCase } from "../src/index.js";

const scenarios = (
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, "..", "..", "..", "examples", "scenarios", "scenarios.json"),
      "utf8",
    ),
  ) as unknown[]
).map((s) => parseScenario(s));
const START = Temporal.PlainDate.from("2025-01-06");
const day = (n: number) => START.add({ days: n }).toString();
const meta = (id: string, n: number) => ({
  id,
  at: day(n),
  recordedAt: `${day(n)}T12:00:00Z`,
  by: "law",
});

const caseArb = fc.record({
  scenario: fc.constantFrom("be-b2b", "be-consumer", "nl-consumer"),
  amount: fc.integer({ min: 1, max: 900_000 }).map((c) => (c / 100).toFixed(2)),
  due: fc.integer({ min: 0, max: 20 }),
  dispute: fc.option(fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 60 })), {
    nil: undefined,
  }),
  payment: fc.option(
    fc.tuple(fc.integer({ min: 1, max: 150 }), fc.integer({ min: 1, max: 900_000 })),
    { nil: undefined },
  ),
  email: fc.boolean(),
});

type CaseInput = typeof caseArb extends fc.Arbitrary<infer T> ? T : never;

const eventsOf = (c: CaseInput): CaseEventJson[] => {
  const pack =
    c.scenario === "be-b2b"
      ? "be.b2b"
      : c.scenario === "be-consumer"
        ? "be.consumer"
        : "nl.consumer";
  const events: CaseEventJson[] = [
    {
      ...meta("open", 0),
      type: "case.opened",
      caseNumber: "S-1",
      client: { id: "C", name: "Client" },
      debtors: [
        {
          id: "D",
          kind: "natural-person",
          name: "Debtor",
          language: "nl",
          consumer: pack !== "be.b2b",
          contacts: c.email
            ? [
                {
                  id: "m",
                  kind: "email",
                  value: "d@example.be",
                  current: true,
                  source: "client",
                  date: day(0),
                },
              ]
            : [],
        },
      ],
      owner: "owner",
      lawyer: "lawyer",
      rulePack: pack,
    },
    {
      ...meta("claim", 0),
      type: "claim.added",
      claim: {
        id: "F1",
        invoiceNumber: "1",
        invoiceDate: day(c.due),
        dueDate: day(c.due),
        amount: c.amount,
      },
    },
    { ...meta("start", 0), type: "scenario.started", scenarioId: c.scenario },
  ];
  if (c.dispute) {
    events.push({ ...meta("d1", c.dispute[0]), type: "dispute.opened", reason: "quality" });
    events.push({
      ...meta("d2", c.dispute[0] + c.dispute[1]),
      type: "dispute.closed",
      outcome: "settled",
    });
  }
  if (c.payment)
    events.push({
      ...meta("pay", c.payment[0]),
      type: "payment.received",
      paymentId: "P",
      amount: (c.payment[1] / 100).toFixed(2),
    });
  return events;
};

/** Runs the agenda every `every` days for 160 days, doing each due action; returns the steps done. */
function run(events: CaseEventJson[], every: number): { steps: number[]; events: CaseEventJson[] } {
  const log = [...events];
  const steps: number[] = [];
  for (let n = 0; n <= 160; n += every) {
    const asOf = START.add({ days: n });
    const prepared = prepareCase({ events: log }, scenarios, asOf);
    for (const entry of agendaEntries(prepared, scenarios, asOf)) {
      if (entry.step === null) continue;
      steps.push(entry.step);
      log.push({
        ...meta(`done-${n}-${entry.step}`, n),
        type: "action.done",
        step: entry.step,
        result: "done",
      });
    }
  }
  return { steps, events: log };
}

describe("scenarios and the daily agenda", () => {
  test.prop([caseArb, fc.integer({ min: 0, max: 160 })], { numRuns: 40 })(
    "recomputing a case's scenario gives the same result",
    (c, n) => {
      const events = eventsOf(c);
      const asOf = START.add({ days: n });
      expect(prepareCase({ events: structuredClone(events) }, scenarios, asOf).scenario).toEqual(
        prepareCase({ events }, scenarios, asOf).scenario,
      );
    },
  );

  test.prop([caseArb], { numRuns: 25 })(
    "no action is ever planned twice for the same step",
    (c) => {
      const { steps } = run(eventsOf(c), 1);
      expect(new Set(steps).size).toBe(steps.length);
      expect([...steps].sort((a, b) => a - b)).toEqual(steps);
    },
  );

  test.prop([caseArb, fc.integer({ min: 2, max: 20 })], { numRuns: 25 })(
    "an action missed on its day stays due: catch-up never skips a step",
    (c, every) => {
      const daily = run(eventsOf(c), 1);
      const late = run(eventsOf(c), every);
      // Doing the agenda less often performs the same steps, in the same order, only later, but for the
      // ones the later start did not reach within the period.
      expect(daily.steps.slice(0, late.steps.length)).toEqual(late.steps);
      const lastState = prepareCase(
        { events: late.events },
        scenarios,
        START.add({ days: 160 }),
      ).scenario;
      const pending =
        lastState?.steps
          .filter((s) => s.status === "due" || s.status === "planned")
          .map((s) => s.step) ?? [];
      const skippedSilently =
        lastState?.steps.filter((s) => s.status === "skipped" && !s.note) ?? [];
      expect(skippedSilently).toEqual([]);
      for (const index of pending) expect(late.steps).not.toContain(index);
    },
  );

  test.prop([caseArb, fc.integer({ min: 0, max: 160 })], { numRuns: 60 })(
    "a scenario is suspended exactly while a dispute is open, and puts nothing on the agenda then",
    (c, n) => {
      fc.pre(c.dispute !== undefined);
      const [opened = 0, length = 0] = c.dispute ?? [];
      const asOf = START.add({ days: n });
      const prepared = prepareCase({ events: eventsOf(c) }, scenarios, asOf);
      const open = n >= opened && n < opened + length;
      if (prepared.scenario?.status === "completed" || prepared.scenario?.status === "stopped")
        return;
      expect(prepared.scenario?.status === "suspended").toBe(open);
      if (open) expect(agendaEntries(prepared, scenarios, asOf)).toEqual([]);
    },
  );

  test.prop(
    [
      fc.array(caseArb, { minLength: 1, maxLength: 6 }),
      fc.integer({ min: 0, max: 160 }),
      fc.constantFrom("client" as const, "owner" as const, "collection-group" as const),
    ],
    { numRuns: 30 },
  )("the aging bucket totals equal the sum of the cases' balances", (cs, n, groupBy) => {
    const asOf = START.add({ days: n });
    const prepared = cs.map((c) => prepareCase({ events: eventsOf(c) }, scenarios, asOf));
    const rows = aging(prepared, { groupBy });
    const bucketTotal = rows.reduce(
      (sum, row) =>
        sum.plus(Object.values(row.buckets).reduce((s, v) => s.plus(v), new MoneyDecimal(0))),
      new MoneyDecimal(0),
    );
    const balances = prepared.reduce(
      (sum, p) => sum.plus(p.statement.totals.balance),
      new MoneyDecimal(0),
    );
    expect(bucketTotal.equals(balances)).toBe(true);
  });
});
