import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import {
  agenda,
  agendaEntries,
  approveEntries,
  beCalendar,
  bucketChanges,
  disposeEntry,
  kpis,
  massAction,
  nextSendingTime,
  parseIsoDate,
  parseScenario,
  prepareCase,
  riskScore,
  Temporal,
  toCsv,
} from "../src/index.js";

const EXAMPLES = join(import.meta.dirname, "..", "..", "..", "examples");
const scenarios = (
  JSON.parse(readFileSync(join(EXAMPLES, "scenarios", "scenarios.json"), "utf8")) as unknown[]
).map((s) => parseScenario(s));
const cases = readdirSync(join(EXAMPLES, "agenda"))
  .sort()
  .map((file) => ({
    events: JSON.parse(readFileSync(join(EXAMPLES, "agenda", file), "utf8")) as {
      events: CaseEventJson[];
    },
  }));
const asOf = parseIsoDate("2025-06-30");
const meta = (id: string, at: string) => ({ id, at, recordedAt: `${at}T10:00:00Z`, by: "clerk" });
const withEvents = (index: number, ...extra: CaseEventJson[]) => ({
  events: [...(cases[index]?.events.events ?? []), ...extra],
});

describe("scenario definitions", () => {
  it("are validated, naming the field", () => {
    const base = {
      id: "x",
      version: 1,
      name: "x",
      calendar: "be",
      activities: [
        { code: "A", description: { nl: "a", fr: "a", en: "a" }, kind: "letter", channel: "post" },
      ],
      steps: [{ activity: "A", wait: { days: 1 } }],
    };
    expect(parseScenario(base).steps[0]?.approval).toBe("required");
    expect(() => parseScenario({ ...base, steps: [{ activity: "B", wait: { days: 1 } }] })).toThrow(
      /scenario\.steps\.0\.activity: expected an activity of the pool/,
    );
    expect(() =>
      parseScenario({ ...base, activities: [{ ...base.activities[0], code: "TOOLONGCODE1" }] }),
    ).toThrow(/at most 10 characters/);
  });
});

describe("the scenario state machine", () => {
  it("numbers steps from 1 everywhere: the agenda entry, its event, the scenario state and the history", () => {
    const beforeAnyStep = (cases[0]?.events.events ?? []).filter(
      (event) => !event.type.startsWith("action."),
    );
    const prepared = prepareCase({ events: beforeAnyStep }, scenarios, asOf);
    const [entry] = agendaEntries(prepared, scenarios, asOf);
    expect(entry).toMatchObject({ step: 1, activity: { code: "REM1" } });
    if (entry === undefined) throw new Error("no entry");
    const event = disposeEntry(entry, { kind: "done", result: "sent" }, meta("d1", "2025-06-30"));
    expect(event).toMatchObject({ type: "action.done", step: 1 });
    const after = prepareCase({ events: [...beforeAnyStep, event] }, scenarios, asOf);
    expect(after.scenario?.steps[0]).toMatchObject({ step: 1, status: "done", note: "sent" });
    expect(after.scenario?.current?.step).toBe(2);
    expect(after.state.history.at(-1)?.text).toBe("step 1 done: sent");
    expect(() =>
      prepareCase({ events: [...beforeAnyStep, { ...event, step: 0 }] }, scenarios, asOf),
    ).toThrow(/step: expected the step number, counted from 1/);
  });

  it("plans each step from the previous one, by calendar or business days, moved off weekends", () => {
    const state = prepareCase(cases[0] as never, scenarios, asOf).scenario;
    expect(state?.steps.map((s) => `${s.activity.code} ${s.status} ${s.plannedOn ?? "-"}`)).toEqual(
      [
        "REM1 done 2025-01-22",
        "NOTICE done 2025-02-05",
        "CALL due 2025-02-14",
        "BAILIFF not-yet-planned -",
      ],
    );
  });

  it("keeps a missed action due, and plans the next step from the day it is done", () => {
    const done = prepareCase(
      withEvents(0, {
        ...meta("x", "2025-06-02"),
        type: "action.done",
        step: 3,
        result: "no answer",
      }),
      scenarios,
      asOf,
    ).scenario;
    expect(done?.current?.activity.code).toBe("BAILIFF");
    expect(done?.current?.plannedOn?.toString()).toBe("2025-06-23");
  });

  it("skips a step below its threshold, saying why", () => {
    const paid = prepareCase(
      withEvents(
        0,
        { ...meta("x", "2025-06-02"), type: "action.done", step: 3, result: "promised" },
        {
          ...meta("p9", "2025-06-10"),
          type: "payment.received",
          paymentId: "P9",
          amount: "3200.00",
        },
      ),
      scenarios,
      asOf,
    ).scenario;
    expect(paid?.steps[3]).toMatchObject({ status: "skipped", note: "balance below 250.00" });
  });

  it("moves a rescheduled step, keeping the old date as continued, and moves on after a cancellation", () => {
    const moved = prepareCase(
      withEvents(0, {
        ...meta("r", "2025-02-14"),
        type: "action.rescheduled",
        step: 3,
        to: "2025-07-01",
      }),
      scenarios,
      asOf,
    ).scenario;
    expect(moved?.status).toBe("waiting");
    expect(moved?.current?.continuedFrom.map(String)).toEqual(["2025-02-14"]);
    const cancelled = prepareCase(
      withEvents(0, {
        ...meta("c", "2025-03-01"),
        type: "action.cancelled",
        step: 3,
        reason: "no phone number",
      }),
      scenarios,
      asOf,
    ).scenario;
    expect(cancelled?.steps[2]?.status).toBe("cancelled");
    expect(cancelled?.current?.activity.code).toBe("BAILIFF");
  });

  it("suspends on a promise and resumes the day after it lapses; stops on a handover; completes when paid", () => {
    const energy = prepareCase(cases[2] as never, scenarios, asOf).scenario;
    expect(energy?.current?.plannedOn?.toString()).toBe("2025-05-16");
    const during = prepareCase(cases[2] as never, scenarios, parseIsoDate("2025-05-01")).scenario;
    expect(during?.status).toBe("suspended");
    expect(during?.suspendedBy).toEqual(["promise to pay"]);
    expect(
      prepareCase(
        withEvents(0, { ...meta("b", "2025-05-01"), type: "bailiff.handover", bailiff: "Modero" }),
        scenarios,
        asOf,
      ).scenario?.status,
    ).toBe("stopped");
    expect(
      prepareCase(
        withEvents(0, {
          ...meta("p9", "2025-05-01"),
          type: "payment.received",
          paymentId: "P9",
          amount: "9000.00",
        }),
        scenarios,
        asOf,
      ).scenario?.status,
    ).toBe("completed");
  });
});

describe("a client's default scenario", () => {
  it("runs from the day the case was opened when the case names none", () => {
    const events = (cases[1]?.events.events ?? []).filter(
      (event) => event.type !== "scenario.started",
    );
    const prepared = prepareCase(
      { events: { events }, defaultScenario: "be-b2b" },
      scenarios,
      asOf,
    );
    expect(prepared.scenario?.scenarioId).toBe("be-b2b");
    expect(prepared.scenario?.steps[0]?.plannedOn?.toString()).toBe("2025-04-07");
    expect(prepareCase({ events: { events } }, scenarios, asOf).scenario).toBeNull();
  });
});

describe("the daily agenda", () => {
  it("lists every action due across the cases, filtered and sorted", () => {
    expect(
      agenda(cases, scenarios, asOf).map(
        (e) => `${e.caseNumber} ${e.activity.code} +${e.daysOverdue}`,
      ),
    ).toEqual(["2025/00003 CALL +136", "NL-2025-0004 L14 +81", "2025/00012 REM2 +45"]);
    expect(
      agenda(cases, scenarios, asOf, { owner: "an.peeters" }).map((e) => e.caseNumber),
    ).toEqual(["2025/00012"]);
    expect(
      agenda(cases, scenarios, asOf, { sort: "amount" }).map((e) => e.amounts.balance.toFixed(2)),
    ).toEqual(["3385.96", "2795.07", "469.39"]);
    expect(agenda(cases, scenarios, asOf, { kind: "letter14" })).toHaveLength(1);
  });

  it("turns dispositions into events, and bulk approvals into adapter commands and events", () => {
    const entries = agenda(cases, scenarios, asOf);
    const [first] = entries;
    if (first === undefined) throw new Error("empty agenda");
    expect(
      disposeEntry(first, { kind: "rescheduled", to: "2025-07-07" }, meta("e", "2025-06-30")),
    ).toMatchObject({ type: "action.rescheduled", step: 3, to: "2025-07-07" });
    const { commands, events } = approveEntries(entries, {
      at: "2025-06-30",
      recordedAt: "2025-06-30T09:00:00Z",
      by: "an.peeters",
    });
    expect(commands.map((c) => `${c.caseNumber} ${c.kind} ${c.template}`)).toEqual([
      "2025/00003 call-task null",
      "NL-2025-0004 render-letter nl-letter14",
      "2025/00012 render-letter be-reminder",
    ]);
    // REM2 adds its cost of 7.50 as a charge; the be.consumer pack then decides whether it is due.
    expect(events.map((e) => e.event.type)).toEqual([
      "action.done",
      "action.done",
      "action.done",
      "charge.added",
    ]);
    expect(events[3]?.event).toMatchObject({ kind: "cost", amount: "7.50" });
  });

  it("orders a mass action, explains per owner what could not be executed, and writes CSV", () => {
    const prepared = cases.map((c) => prepareCase(c as never, scenarios, asOf));
    const withdrawn = prepareCase(
      withEvents(1, { ...meta("w", "2025-06-01"), type: "case.closed", reason: "withdrawn" }),
      scenarios,
      asOf,
    );
    const pool = scenarios[0]?.activities[2];
    if (pool === undefined) throw new Error("no activity");
    const result = massAction(
      [...prepared.filter((p) => p.state.caseNumber !== "2025/00007"), withdrawn],
      ["2025/00003", "2025/00007", "9999"],
      pool,
      asOf,
      { recordedAt: "2025-06-30T08:00:00Z", by: "an.peeters" },
    );
    expect(result.rows.map((r) => `${r.caseNumber} ${r.ordered} ${r.reason}`)).toEqual([
      "2025/00003 true null",
      "2025/00007 false the case is closed",
      "9999 false unknown case number",
    ]);
    expect(result.summaries[0]).toBe(
      "an.peeters: for 1 of your cases the action CALL was ordered and not executed, because the case is closed",
    );
    expect(result.events[0]?.event.type).toBe("action.ordered");
    expect(toCsv(result.rows).split("\n")[0]).toBe("caseNumber;owner;ordered;reason");
    const again = prepareCase(
      withEvents(0, result.events[0]?.event as CaseEventJson),
      scenarios,
      asOf,
    );
    expect(
      agenda([withEvents(0, result.events[0]?.event as CaseEventJson)], scenarios, asOf).filter(
        (e) => e.step === null,
      ),
    ).toHaveLength(1);
    expect(again.state.history.at(-1)?.text).toBe("action CALL ordered for 2025-06-30");
  });

  it("holds automatic messages in quiet hours, on holidays and above the weekly contact limit", () => {
    const be = beCalendar();
    expect(
      nextSendingTime(Temporal.PlainDateTime.from("2026-01-30T21:15"), be, [], {})?.toString(),
    ).toBe("2026-02-02T07:00:00");
    expect(
      nextSendingTime(Temporal.PlainDateTime.from("2026-07-20T06:30"), be, [], {})?.toString(),
    ).toBe("2026-07-20T07:00:00");
    expect(
      nextSendingTime(Temporal.PlainDateTime.from("2026-07-21T10:00"), be, [], {})?.toString(),
    ).toBe("2026-07-22T07:00:00");
    const contacts = ["2026-03-02", "2026-03-03", "2026-03-04"].map((d) => parseIsoDate(d));
    expect(
      nextSendingTime(Temporal.PlainDateTime.from("2026-03-05T10:00"), be, contacts, {
        maxPerWeek: 3,
      }),
    ).toBeNull();
  });
});

describe("reports", () => {
  const prepared = cases.map((c) => prepareCase(c as never, scenarios, asOf));

  it("computes the KPIs of a portfolio", () => {
    const result = kpis(prepared);
    expect(result.conversionRate).toBe(0.5);
    expect(result.averageDaysToFirstPayment).toBe(87.5); // 67 and 108 days
    expect(result.promisesKeptRate).toBeNull();
    expect(result.dso).toBeGreaterThan(90);
    expect(result.recoveryRate).toBeGreaterThan(0);
  });

  it("explains a risk score factor by factor", () => {
    const risk = riskScore(prepared[0] as never);
    expect(risk.factors.map((f) => f.explanation)).toEqual([
      "166 days past due",
      "balance 3385.96",
      "0 broken promise(s)",
      "35 % of the principal paid",
      "0 letter(s) returned",
    ]);
    expect(risk.score).toBe(risk.factors.reduce((sum, f) => sum + f.points, 0));
  });

  it("notifies the cases that entered another aging bucket", () => {
    const earlier = cases.map((c) =>
      prepareCase(c as never, scenarios, parseIsoDate("2025-05-31")),
    );
    expect(
      bucketChanges(earlier, prepared).map((c) => `${c.caseNumber} ${c.from} -> ${c.to}`),
    ).toContain("2025/00007 61-90 -> 91-180");
  });
});
