import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import {
  agenda,
  caseStatement,
  foldCase,
  parseCaseEvents,
  parseIsoDate,
  parseScenario,
  prepareCase,
} from "../src/index.js";
import { projectCase } from "../src/storage/project-case.js";

// A scenario of three letters and a call, 10 days apart, from the case's start (2026-01-05); the
// second letter only above a balance of 5,000.00 (so skipped on this case of 1,250.00).
const scenario = parseScenario({
  id: "s1",
  version: 1,
  name: "letters, then the bailiff",
  calendar: "be",
  activities: [
    {
      code: "REM1",
      description: { nl: "r1", fr: "r1", en: "r1" },
      kind: "letter",
      channel: "post",
    },
    {
      code: "REM2",
      description: { nl: "r2", fr: "r2", en: "r2" },
      kind: "letter",
      channel: "post",
    },
    { code: "CALL", description: { nl: "c", fr: "c", en: "c" }, kind: "call", channel: "phone" },
    {
      code: "BAIL",
      description: { nl: "b", fr: "b", en: "b" },
      kind: "bailiff-handover",
      channel: "none",
    },
  ],
  steps: [
    { activity: "REM1", wait: { days: 10 }, approval: "automatic" },
    { activity: "REM2", wait: { days: 10 }, threshold: "5000.00" },
    { activity: "CALL", wait: { days: 10 } },
    { activity: "BAIL", wait: { days: 20 } },
  ],
});
// The same letters where the first one is for balances above 5,000.00 only: skipped on its day.
const skipping = parseScenario({
  ...scenario,
  id: "s2",
  steps: [
    { activity: "REM1", wait: { days: 10 }, threshold: "5000.00" },
    { activity: "REM2", wait: { days: 10 } },
    { activity: "CALL", wait: { days: 10 } },
  ],
});
const scenarios = [scenario, skipping];

const envelope = (id: string, at: string) => ({
  id,
  at,
  recordedAt: `${at}T09:00:00Z`,
  by: "clerk",
});

const opening = (scenarioId = "s1"): CaseEventJson[] => [
  {
    ...envelope("open", "2026-01-05"),
    type: "case.opened",
    caseNumber: "2026/00001",
    client: { id: "acme", name: "Acme NV" },
    debtors: [
      { id: "D1", kind: "legal-person", name: "Bistro BV", language: "nl", consumer: false },
    ],
    owner: "an.peeters",
    lawyer: "mr. Peeters",
    rulePack: "be.b2b",
  },
  {
    ...envelope("claim", "2026-01-05"),
    type: "claim.added",
    claim: {
      id: "F1",
      invoiceNumber: "2025-900",
      invoiceDate: "2025-11-01",
      dueDate: "2025-12-01",
      amount: "1250.00",
    },
  },
  { ...envelope("start", "2026-01-05"), type: "scenario.started", scenarioId },
];

const day = (iso: string) => parseIsoDate(iso);
const plus = (iso: string, days: number) => day(iso).add({ days }).toString();

const handover = (id: string, at: string, bailiff = "Modero", packageId = `P-${id}`) =>
  ({
    ...envelope(id, at),
    type: "bailiff.handover",
    bailiff,
    packageId,
  }) as CaseEventJson;
const returned = (id: string, at: string, extra: Record<string, unknown> = {}) =>
  ({
    ...envelope(id, at),
    type: "bailiff.returned",
    bailiff: "Modero",
    reason: "outside our district",
    ...extra,
  }) as CaseEventJson;

const onAgenda = (events: CaseEventJson[], asOf: string) =>
  agenda([{ events }], scenarios, day(asOf)).map(
    (entry) => `${entry.activity.code} ${entry.dueDate.toString()}`,
  );

describe("bailiff.returned", () => {
  it("is validated: a reason, and an earlier handover to answer", () => {
    expect(() =>
      parseCaseEvents([
        ...opening(),
        handover("h", "2026-01-10"),
        returned("r", "2026-01-20", { reason: "" }),
      ]),
    ).toThrow(/events\.4\.reason: expected a non-empty text/);
    expect(() => parseCaseEvents([...opening(), returned("r", "2026-01-20")])).toThrow(
      /events\.3\.type: expected a bailiff\.handover before the case is returned/,
    );
    expect(() =>
      parseCaseEvents([
        ...opening(),
        handover("h", "2026-01-10"),
        returned("r", "2026-01-20", { handoverId: "nope" }),
      ]),
    ).toThrow(/events\.4\.handoverId: expected an existing bailiff\.handover event \(nope\)/);
    expect(() =>
      parseCaseEvents([...opening(), handover("h", "2026-01-10"), returned("r", "2026-01-09")]),
    ).toThrow(/events\.4\.at: expected a date on or after the handover it answers \(2026-01-10\)/);
  });

  it("ends with-bailiff: the case has the status it would have without the handover, and a history line", () => {
    const events = [...opening(), handover("h", "2026-01-10")];
    expect(foldCase(events, day("2026-01-15")).status).toBe("with-bailiff");
    const back = [...events, returned("r", "2026-01-20", { handoverId: "h", packageId: "P-h" })];
    expect(foldCase(back, day("2026-01-19")).status).toBe("with-bailiff");
    const state = foldCase(back, day("2026-01-20"));
    expect(state.status).toBe("open");
    expect(state.history.at(-1)?.text).toBe(
      "returned by bailiff Modero (package P-h): outside our district",
    );
    // A dispute, a plan or a suspension that came meanwhile show again.
    const dispute: CaseEventJson = {
      ...envelope("d", "2026-01-12"),
      type: "dispute.opened",
      reason: "goods damaged",
    };
    expect(foldCase([...events, dispute], day("2026-01-15")).status).toBe("with-bailiff");
    expect(foldCase([...back, dispute], day("2026-01-25")).status).toBe("disputed");
    const plan: CaseEventJson = {
      ...envelope("p", "2026-01-08"),
      type: "plan.agreed",
      planId: "PL1",
      description: "5 × 250",
    };
    expect(foldCase([...opening(), plan, ...back.slice(3)], day("2026-01-25")).status).toBe(
      "payment-plan",
    );
    const suspended: CaseEventJson = {
      ...envelope("s", "2026-01-15"),
      type: "case.suspended",
      reason: "client asks",
      until: "2026-02-01",
    };
    expect(foldCase([...back, suspended], day("2026-01-25")).status).toBe("suspended");
    expect(foldCase([...back, suspended], day("2026-02-01")).status).toBe("open");
    // Closed stays closed.
    const closed: CaseEventJson = {
      ...envelope("c", "2026-01-15"),
      type: "case.closed",
      reason: "x",
    };
    expect(foldCase([...back, closed], day("2026-01-25")).status).toBe("closed");
  });

  it("is undone by a later handover to another office; the return of an earlier handover changes nothing", () => {
    const events = [
      ...opening(),
      handover("h1", "2026-01-10"),
      returned("r1", "2026-01-20", { handoverId: "h1" }),
      handover("h2", "2026-01-22", "Gerechtsdeurwaarders Janssens"),
    ];
    expect(foldCase(events, day("2026-01-21")).status).toBe("open");
    expect(foldCase(events, day("2026-01-22")).status).toBe("with-bailiff");
    // The first office's refusal read again, answering h1: the case stays with the second office.
    const late = [...events, returned("r1b", "2026-01-25", { handoverId: "h1" })];
    expect(foldCase(late, day("2026-01-30")).status).toBe("with-bailiff");
    expect(onAgenda(late, "2026-03-31")).toEqual([]);
    // Without a handover id it answers the latest handover.
    const second = [
      ...events,
      returned("r2", "2026-01-25", { bailiff: "Gerechtsdeurwaarders Janssens" }),
    ];
    expect(foldCase(second, day("2026-01-25")).status).toBe("open");
  });

  it("gives the scenario back: the next step is due on the return day, or on its planned day when later", () => {
    // REM1 is planned on 2026-01-15; the case goes to the bailiff on the 10th.
    const events = [...opening(), handover("h", "2026-01-10")];
    expect(onAgenda(events, "2026-01-31")).toEqual([]);
    expect(prepareCase({ events }, scenarios, day("2026-01-31")).scenario?.status).toBe("stopped");
    // Returned on the 12th: REM1 stays on its own day, the 15th.
    const early = [...events, returned("r", "2026-01-12")];
    expect(onAgenda(early, "2026-01-14")).toEqual([]);
    expect(onAgenda(early, "2026-01-15")).toEqual(["REM1 2026-01-15"]);
    // Returned on the 20th: REM1 is due that day, not before.
    const late = [...events, returned("r", "2026-01-20")];
    expect(onAgenda(late, "2026-01-19")).toEqual([]);
    expect(onAgenda(late, "2026-01-20")).toEqual(["REM1 2026-01-20"]);
    // A case handed over by its scenario's last step and refused: the handover step is done, the
    // scenario has no step left, so the agenda has nothing and the clerk resends or closes it.
    const byStep: CaseEventJson[] = [
      ...opening(),
      { ...envelope("d1", "2026-01-15"), type: "action.done", step: 1, result: "sent" },
      { ...envelope("d3", "2026-01-25"), type: "action.done", step: 3, result: "called" },
      { ...envelope("d4", "2026-02-14"), type: "action.done", step: 4, result: "handed over" },
      handover("h", "2026-02-14"),
      returned("r", "2026-02-20"),
    ];
    const prepared = prepareCase({ events: byStep }, scenarios, day("2026-02-20"));
    expect(prepared.state.status).toBe("open");
    expect(prepared.scenario).toMatchObject({ status: "waiting", current: null });
  });

  it("leaves a case that was disputed meanwhile suspended until the dispute closes", () => {
    const events: CaseEventJson[] = [
      ...opening(),
      handover("h", "2026-01-10"),
      { ...envelope("d", "2026-01-12"), type: "dispute.opened", reason: "goods damaged" },
      returned("r", "2026-01-20"),
    ];
    expect(prepareCase({ events }, scenarios, day("2026-01-25")).scenario).toMatchObject({
      status: "suspended",
      suspendedBy: ["dispute"],
    });
    const closed = [
      ...events,
      {
        ...envelope("dc", "2026-02-02"),
        type: "dispute.closed",
        outcome: "rejected",
      } as CaseEventJson,
    ];
    expect(onAgenda(closed, "2026-02-02")).toEqual(["REM1 2026-02-02"]);
  });

  it("gives the case row its status back in the projection stores keep", () => {
    const events = [...opening(), handover("h", "2026-01-10"), returned("r", "2026-01-20")];
    const during = projectCase("C1", events, day("2026-01-15"), { terms: null, scenarios }).row;
    expect(during.status).toBe("with-bailiff");
    const after = projectCase("C1", events, day("2026-01-20"), { terms: null, scenarios }).row;
    expect(after.status).toBe("open");
  });

  test.prop(
    [
      fc.integer({ min: 0, max: 60 }), // handed over this many days after the case opened
      fc.integer({ min: 1, max: 90 }), // returned this many days later
      fc.boolean(), // the return names the handover it answers
      fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }), // a dispute opened then
      fc.integer({ min: 0, max: 120 }), // the day looked at, from the return day
      fc.constantFrom("s1", "s2"), // the scenario (s2 skips its first step on its day)
    ],
    { numRuns: 200 },
  )(
    "a case handed to a bailiff and returned has the status and agenda it would have had if never handed over, from the return day on",
    (from, length, named, disputeDay, after, scenarioId) => {
      const handedOn = plus("2026-01-05", from);
      const returnedOn = plus(handedOn, length);
      const dispute: CaseEventJson[] =
        disputeDay === undefined
          ? []
          : [
              {
                ...envelope("d", plus("2026-01-05", disputeDay)),
                type: "dispute.opened",
                reason: "goods damaged",
              },
            ];
      const never = [...opening(scenarioId), ...dispute];
      const events = [
        ...opening(scenarioId),
        handover("h", handedOn),
        returned("r", returnedOn, named ? { handoverId: "h" } : {}),
        ...dispute,
      ];
      const asOf = plus(returnedOn, after);
      const with_ = prepareCase({ events }, scenarios, day(asOf));
      const without = prepareCase({ events: never }, scenarios, day(asOf));
      expect(with_.state.status).toBe(without.state.status);
      expect(with_.scenario?.status).toBe(without.scenario?.status);
      expect(with_.scenario?.current?.step).toBe(without.scenario?.current?.step);
      // The same entries, each due on the day it would have been, or on the return day when
      // that was earlier: nothing of the time with the bailiff falls due before the return.
      const entries = agenda([{ events }], scenarios, day(asOf));
      const expected = agenda([{ events: never }], scenarios, day(asOf));
      expect(entries.map((entry) => entry.activity.code)).toEqual(
        expected.map((entry) => entry.activity.code),
      );
      entries.forEach((entry, index) => {
        const due = (expected[index] as (typeof expected)[number]).dueDate.toString();
        // ISO dates compare as text: the later of the two.
        expect(entry.dueDate.toString()).toBe([due, returnedOn].sort()[1]);
      });
    },
  );

  test.prop(
    [
      fc.integer({ min: 0, max: 200 }),
      fc.integer({ min: 1, max: 150 }),
      fc.integer({ min: 0, max: 360 }), // the last day of the rate tables is 2026-12-31
    ],
    { numRuns: 100 },
  )(
    "interest and balance are the same whether or not the case was handed to a bailiff and returned",
    (from, length, asOfOffset) => {
      const handedOn = plus("2026-01-05", from);
      const events = [...opening(), handover("h", handedOn), returned("r", plus(handedOn, length))];
      const asOf = day(plus("2026-01-05", asOfOffset));
      const back = caseStatement(events, asOf).statement.totals;
      const never = caseStatement(opening(), asOf).statement.totals;
      expect(back.interest.toFixed(2)).toBe(never.interest.toFixed(2));
      expect(back.balance.toFixed(2)).toBe(never.balance.toFixed(2));
    },
  );
});
