import { fc, test } from "@fast-check/vitest";
import { describe, expect, it } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import {
  agenda,
  caseStatement,
  foldCase,
  massAction,
  ownerAlerts,
  parseCaseEvents,
  parseIsoDate,
  parseScenario,
  prepareCase,
  Temporal,
  undeliveredFromEvents,
} from "../src/index.js";
import { projectCase } from "../src/storage/project-case.js";

// A scenario of three letters, 10 days apart, from the case's start (2026-01-05).
const scenario = parseScenario({
  id: "s1",
  version: 1,
  name: "three letters",
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
  ],
  steps: [
    { activity: "REM1", wait: { days: 10 }, approval: "automatic" },
    { activity: "REM2", wait: { days: 10 } },
    { activity: "CALL", wait: { days: 10 } },
  ],
});
const scenarios = [scenario];

const envelope = (id: string, at: string) => ({
  id,
  at,
  recordedAt: `${at}T09:00:00Z`,
  by: "clerk",
});

const opening = (caseNumber = "2026/00001", owner = "an.peeters"): CaseEventJson[] => [
  {
    ...envelope("open", "2026-01-05"),
    type: "case.opened",
    caseNumber,
    client: { id: "acme", name: "Acme NV" },
    debtors: [
      { id: "D1", kind: "legal-person", name: "Bistro BV", language: "nl", consumer: false },
    ],
    owner,
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
  { ...envelope("start", "2026-01-05"), type: "scenario.started", scenarioId: "s1" },
];

const day = (iso: string) => parseIsoDate(iso);
const plus = (iso: string, days: number) => day(iso).add({ days }).toString();

const onAgenda = (events: CaseEventJson[], asOf: string) =>
  agenda([{ events }], scenarios, day(asOf));

describe("case.suspended and case.resumed", () => {
  it("are validated: a reason, and an until-date after the suspension's date", () => {
    const events = [
      ...opening(),
      { ...envelope("s", "2026-01-10"), type: "case.suspended", reason: "" },
    ] as CaseEventJson[];
    expect(() => parseCaseEvents(events)).toThrow(/events\.3\.reason: expected a non-empty text/);
    expect(() =>
      parseCaseEvents([
        ...opening(),
        {
          ...envelope("s", "2026-01-10"),
          type: "case.suspended",
          reason: "client asks",
          until: "2026-01-10",
        },
      ]),
    ).toThrow(/events\.3\.until: expected a day after the suspension's date 2026-01-10/);
  });

  it("give the case the status suspended, with since, until and reason, and write history lines", () => {
    const events: CaseEventJson[] = [
      ...opening(),
      {
        ...envelope("s", "2026-01-10"),
        type: "case.suspended",
        reason: "client negotiates directly",
        until: "2026-02-01",
      },
    ];
    const during = foldCase(events, day("2026-01-31"));
    expect(during.status).toBe("suspended");
    expect(during.suspension).toEqual({
      since: "2026-01-10",
      until: "2026-02-01",
      reason: "client negotiates directly",
      eventId: "s",
    });
    expect(during.history.at(-1)?.text).toBe(
      "collection suspended until 2026-02-01: client negotiates directly",
    );
    // On its until-day the case is no longer suspended.
    expect(foldCase(events, day("2026-02-01"))).toMatchObject({ status: "open", suspension: null });
    const resumed = foldCase(
      [...events, { ...envelope("r", "2026-01-20"), type: "case.resumed", reason: "talks failed" }],
      day("2026-01-25"),
    );
    expect(resumed.status).toBe("open");
    expect(resumed.history.at(-1)?.text).toBe("collection resumed: talks failed");
  });

  it("rank below closed, written off, with the bailiff and insolvent, above disputed", () => {
    const suspended: CaseEventJson = {
      ...envelope("s", "2026-01-10"),
      type: "case.suspended",
      reason: "wait",
    };
    const dispute: CaseEventJson = {
      ...envelope("d", "2026-01-09"),
      type: "dispute.opened",
      reason: "goods damaged",
    };
    const closed: CaseEventJson = {
      ...envelope("c", "2026-01-11"),
      type: "case.closed",
      reason: "withdrawn",
    };
    expect(foldCase([...opening(), dispute, suspended], day("2026-01-12")).status).toBe(
      "suspended",
    );
    expect(foldCase([...opening(), suspended, closed], day("2026-01-12")).status).toBe("closed");
  });

  it("keep a suspended case's scenario step and ordered actions off the agenda, and bring them back when it resumes", () => {
    const base = opening();
    // REM1 is due on 2026-01-15.
    expect(onAgenda(base, "2026-01-15").map((e) => e.activity.code)).toEqual(["REM1"]);
    const ordered: CaseEventJson = {
      ...envelope("o", "2026-01-12"),
      type: "action.ordered",
      actionId: "o",
      activity: "CALL",
      dueDate: "2026-01-12",
    };
    const suspended: CaseEventJson = {
      ...envelope("s", "2026-01-13"),
      type: "case.suspended",
      reason: "client asks to wait",
    };
    const events = [...base, ordered, suspended];
    expect(onAgenda(events, "2026-01-15")).toEqual([]);
    expect(onAgenda(events, "2026-03-31")).toEqual([]);
    const prepared = prepareCase({ events }, scenarios, day("2026-01-15"));
    expect(prepared.scenario).toMatchObject({ status: "suspended", suspendedBy: ["suspension"] });
    const resumed = [
      ...events,
      { ...envelope("r", "2026-02-02"), type: "case.resumed", reason: "go on" } as CaseEventJson,
    ];
    // The step comes back due on the day collection resumed, the ordered call too.
    expect(
      onAgenda(resumed, "2026-02-02").map((e) => `${e.activity.code} ${e.dueDate.toString()}`),
    ).toEqual(["CALL 2026-01-12", "REM1 2026-02-02"]);
  });

  it("end by themselves on the until-day: the step is due then, not before", () => {
    const events: CaseEventJson[] = [
      ...opening(),
      {
        ...envelope("s", "2026-01-13"),
        type: "case.suspended",
        reason: "holiday of the debtor's accountant",
        until: "2026-02-16",
      },
    ];
    expect(onAgenda(events, "2026-02-15")).toEqual([]);
    expect(
      onAgenda(events, "2026-02-16").map((e) => `${e.activity.code} ${e.dueDate.toString()}`),
    ).toEqual(["REM1 2026-02-16"]);
    // A step done after the until-day counts from then, as after a resumption.
    const done: CaseEventJson = {
      ...envelope("done1", "2026-02-17"),
      type: "action.done",
      step: 1,
      result: "sent",
    };
    const after = prepareCase({ events: [...events, done] }, scenarios, day("2026-02-27"));
    expect(after.scenario?.current).toMatchObject({ step: 2, status: "due" });
    expect(after.scenario?.current?.plannedOn?.toString()).toBe("2026-02-27");
  });

  test.prop(
    [
      fc.integer({ min: 0, max: 60 }), // suspended this many days after the case opened
      fc.integer({ min: 1, max: 90 }), // for this many days
      fc.boolean(), // by an until-date (else by a case.resumed)
      fc.integer({ min: 0, max: 200 }), // the agenda's day, counted from the opening
    ],
    { numRuns: 200 },
  )(
    "a suspended case gets no scenario activity on the agenda until it is resumed or its until-date comes",
    (from, length, byUntil, asOfOffset) => {
      const since = plus("2026-01-05", from);
      const end = plus(since, length);
      const events: CaseEventJson[] = [
        ...opening(),
        {
          ...envelope("s", since),
          type: "case.suspended",
          reason: "asked by the client",
          ...(byUntil ? { until: end } : {}),
        },
        ...(byUntil
          ? []
          : [{ ...envelope("r", end), type: "case.resumed", reason: "go on" } as CaseEventJson]),
      ];
      const asOf = plus("2026-01-05", asOfOffset);
      const entries = onAgenda(events, asOf);
      if (asOf >= since && asOf < end) expect(entries).toEqual([]);
      else if (asOf >= end) {
        // After it, the case is as if never suspended, but nothing of the pause is due early.
        const never = onAgenda(opening(), asOf);
        expect(entries.length).toBe(never.length);
        for (const entry of entries)
          expect(entry.dueDate.toString() >= end || entry.dueDate.toString() < since).toBe(true);
      }
    },
  );

  test.prop(
    [
      fc.integer({ min: 0, max: 300 }),
      fc.integer({ min: 1, max: 400 }),
      fc.option(fc.integer({ min: 1, max: 400 }), { nil: undefined }),
      fc.integer({ min: 0, max: 350 }),
    ],
    { numRuns: 100 },
  )(
    "interest of a suspended case is the same as if it were never suspended",
    (from, untilDays, resumedDays, asOfOffset) => {
      const since = plus("2026-01-05", from);
      const events: CaseEventJson[] = [
        ...opening(),
        {
          ...envelope("s", since),
          type: "case.suspended",
          reason: "asked by the client",
          until: plus(since, untilDays),
        },
        ...(resumedDays === undefined
          ? []
          : [
              {
                ...envelope("r", plus(since, resumedDays)),
                type: "case.resumed",
                reason: "go on",
              } as CaseEventJson,
            ]),
      ];
      const asOf = day(plus("2026-01-05", asOfOffset));
      const suspended = caseStatement(events, asOf).statement.totals;
      const never = caseStatement(opening(), asOf).statement.totals;
      expect(suspended.interest.toFixed(2)).toBe(never.interest.toFixed(2));
      expect(suspended.balance.toFixed(2)).toBe(never.balance.toFixed(2));
    },
  );
});

describe("case.owner-assigned", () => {
  it("makes the case's owner the one assigned, in the fold, the agenda, the summary and the row", () => {
    const events: CaseEventJson[] = [
      ...opening(),
      {
        ...envelope("own", "2026-01-08"),
        type: "case.owner-assigned",
        owner: "k.devries",
        reason: "an.peeters on leave",
      },
    ];
    const state = foldCase(events, day("2026-01-20"));
    expect(state.owner).toBe("k.devries");
    expect(state.opened.owner).toBe("an.peeters");
    expect(state.history.at(-1)?.text).toBe("owner now k.devries (an.peeters on leave)");
    expect(foldCase(events, day("2026-01-07")).owner).toBe("an.peeters");
    expect(onAgenda(events, "2026-01-15").map((e) => e.owner)).toEqual(["k.devries"]);
    const row = projectCase("C1", events, day("2026-01-20"), { terms: null, scenarios }).row;
    expect(row.owner).toBe("k.devries");
    expect(() =>
      parseCaseEvents([
        ...opening(),
        { ...envelope("own", "2026-01-08"), type: "case.owner-assigned", owner: "" },
      ]),
    ).toThrow(/events\.3\.owner: expected a non-empty text/);
  });

  it("sends the failed messages of the day to the owner of that day", () => {
    const events = parseCaseEvents([
      ...opening(),
      { ...envelope("own", "2026-01-08"), type: "case.owner-assigned", owner: "k.devries" },
      {
        ...envelope("f", "2026-01-09"),
        type: "message.failed",
        channel: "email",
        outboxKey: "k1",
        permanent: true,
        reason: "550 user unknown",
      },
    ]);
    expect(undeliveredFromEvents("C1", events, day("2026-01-09"))[0]?.owner).toBe("k.devries");
  });

  test.prop(
    [
      fc.array(
        fc.record({
          offset: fc.integer({ min: 0, max: 100 }),
          owner: fc.constantFrom("an.peeters", "k.devries", "m.dubois", "j.jansen"),
        }),
        { maxLength: 8 },
      ),
      fc.integer({ min: 0, max: 120 }),
    ],
    { numRuns: 200 },
  )("the case row's owner is the last assigned owner", (assignments, asOfOffset) => {
    // Assignments in date order, as a store appends them.
    const sorted = [...assignments].sort((a, b) => a.offset - b.offset);
    const events: CaseEventJson[] = [
      ...opening(),
      ...sorted.map(
        (assignment, index): CaseEventJson => ({
          ...envelope(`own${index}`, plus("2026-01-05", assignment.offset)),
          type: "case.owner-assigned",
          owner: assignment.owner,
        }),
      ),
    ];
    const asOf = plus("2026-01-05", asOfOffset);
    const last = sorted.filter((a) => plus("2026-01-05", a.offset) <= asOf).at(-1);
    const expected = last?.owner ?? "an.peeters";
    const { row } = projectCase("C1", events, day(asOf), { terms: null, scenarios });
    expect(row.owner).toBe(expected);
    expect(foldCase(events, day(asOf)).owner).toBe(expected);
  });
});

describe("massAction", () => {
  const at = day("2026-01-20");
  const meta = { recordedAt: "2026-01-20T08:00:00Z", by: "import" };
  const suspendedCase = [
    ...opening("2026/00002"),
    {
      ...envelope("s", "2026-01-10"),
      type: "case.suspended",
      reason: "wait",
    } as CaseEventJson,
  ];
  const closedCase = [
    ...opening("2026/00003", "m.dubois"),
    { ...envelope("c", "2026-01-10"), type: "case.closed", reason: "withdrawn" } as CaseEventJson,
  ];
  const writtenOff = [
    ...opening("2026/00004"),
    {
      ...envelope("w", "2026-01-10"),
      type: "case.written-off",
      reason: "debtor vanished",
    } as CaseEventJson,
  ];
  const cases = [opening(), suspendedCase, closedCase, writtenOff].map((events) =>
    prepareCase({ events }, scenarios, at),
  );
  const numbers = ["2026/00001", "2026/00002", "2026/00003", "2026/00004", "9999"];
  const outcome = (result: ReturnType<typeof massAction>) =>
    result.rows.map((row) => (row.ordered ? "ordered" : row.reason));

  it("keeps ordering an activity, now refusing a suspended case", () => {
    const activity = scenario.activities[2];
    if (activity === undefined) throw new Error("no activity");
    const result = massAction(cases, numbers, activity, at, meta);
    expect(result.label).toBe("CALL");
    expect(outcome(result)).toEqual([
      "ordered",
      "the case is suspended",
      "the case is closed",
      "the case is written-off",
      "unknown case number",
    ]);
    expect(result.events.map((e) => e.event.type)).toEqual([
      "action.ordered",
      "note.added",
      "note.added",
      "note.added",
    ]);
  });

  it("suspends, resumes, sets a status and assigns an owner, or notes why not", () => {
    const suspend = massAction(
      cases,
      numbers,
      { action: "suspend", reason: "client asks", until: day("2026-03-01") },
      at,
      meta,
    );
    expect(outcome(suspend)).toEqual([
      "ordered",
      "ordered",
      "the case is closed",
      "the case is written-off",
      "unknown case number",
    ]);
    expect(suspend.events[0]?.event).toMatchObject({
      type: "case.suspended",
      reason: "client asks",
      until: "2026-03-01",
      at: "2026-01-20",
    });
    expect(suspend.events[2]?.event).toMatchObject({
      type: "note.added",
      text: "mass action suspend until 2026-03-01 not executed: the case is closed",
    });
    expect(
      outcome(massAction(cases, numbers, { action: "resume", reason: "go" }, at, meta)),
    ).toEqual([
      "the case is not suspended",
      "ordered",
      "the case is not suspended",
      "the case is not suspended",
      "unknown case number",
    ]);
    const close = massAction(
      cases,
      numbers,
      { action: "set-status", status: "closed", reason: "paid to the client" },
      at,
      meta,
    );
    expect(outcome(close)).toEqual([
      "ordered",
      "ordered",
      "the case is already closed",
      "ordered",
      "unknown case number",
    ]);
    expect(close.events[0]?.event.type).toBe("case.closed");
    const writeOff = massAction(
      cases,
      numbers,
      { action: "set-status", status: "written-off", reason: "uncollectable" },
      at,
      meta,
    );
    expect(outcome(writeOff).slice(0, 4)).toEqual([
      "ordered",
      "ordered",
      "the case is closed",
      "the case is already written-off",
    ]);
    const reinstate = massAction(
      cases,
      numbers,
      { action: "set-status", status: "active", reason: "debtor found" },
      at,
      meta,
    );
    expect(outcome(reinstate).slice(0, 4)).toEqual([
      "the case is not written-off",
      "the case is not written-off",
      "the case is closed",
      "ordered",
    ]);
    expect(reinstate.events[3]?.event.type).toBe("case.reinstated");
    const assign = massAction(
      cases,
      numbers,
      { action: "assign-owner", owner: "m.dubois", reason: "team change" },
      at,
      meta,
    );
    expect(outcome(assign).slice(0, 4)).toEqual([
      "ordered",
      "ordered",
      "the case already has this owner",
      "ordered",
    ]);
    expect(assign.events[0]?.event).toMatchObject({
      type: "case.owner-assigned",
      owner: "m.dubois",
      reason: "team change",
    });
    // The rows and the summaries name the owner before the reassignment.
    expect(assign.rows[0]?.owner).toBe("an.peeters");
    expect(assign.summaries).toEqual([
      "m.dubois: for 1 of your cases the action assign-owner m.dubois was ordered and not executed, because the case already has this owner",
      "(unknown case numbers): for 1 of your cases the action assign-owner m.dubois was ordered and not executed, because unknown case number",
    ]);
  });

  it("refuses a request it cannot carry out on any case, before any case", () => {
    expect(() =>
      massAction(cases, numbers, { action: "suspend", reason: "x", until: at }, at, meta),
    ).toThrow(/until: expected a day after the suspension's date 2026-01-20/);
    expect(() =>
      massAction(cases, numbers, { action: "assign-owner", owner: " " }, at, meta),
    ).toThrow(/owner: expected the user id of the new owner/);
    expect(() =>
      massAction(cases, numbers, { action: "set-status", status: "closed", reason: "" }, at, meta),
    ).toThrow(/reason: expected the reason/);
  });

  it("tells owners in their language what a suspension or assignment could not do", () => {
    const request = { action: "suspend", reason: "client asks", until: day("2026-03-01") } as const;
    const result = massAction(cases, numbers, request, at, meta);
    const alerts = ownerAlerts({
      date: at,
      undelivered: [],
      owners: {
        "an.peeters": { address: "an@example.be", language: "nl" },
        "m.dubois": { address: "m@example.be", language: "fr" },
      },
      massActions: [{ activity: result.label, rows: result.rows, request }],
    });
    const texts = alerts.messages.map((m) => m.payload.text);
    expect(texts[0]).toContain(
      "dossier 2026/00004: actie opschorting tot 1 maart 2026 niet uitgevoerd: het dossier is afgeboekt",
    );
    expect(texts[1]).toContain(
      "dossier 2026/00003: action suspension jusqu'au 1 mars 2026 non exécutée : le dossier est clôturé",
    );
  });

  it("is carried out by the events it returns: the suspended cases leave the agenda", () => {
    const result = massAction(
      [cases[0] as ReturnType<typeof prepareCase>],
      ["2026/00001"],
      { action: "suspend", reason: "client asks" },
      day("2026-01-14"),
      meta,
    );
    const events = [...opening(), ...result.events.map((e) => e.event)];
    expect(onAgenda(events, "2026-01-20")).toEqual([]);
    expect(Temporal.PlainDate.compare(foldCase(events, at).asOf, at)).toBe(0);
  });
});
