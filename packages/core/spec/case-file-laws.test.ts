import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import { caseStatement, foldCase, parseIsoDate, statementToJson } from "../src/index.js";
import { AS_OF, caseEvents, dayBetween } from "./support/event-arbitraries.js";

const asOf = parseIsoDate(AS_OF);
const statementAt = (events: readonly CaseEventJson[], date = asOf) =>
  statementToJson(caseStatement(events, date).statement);
const extra = { recordedAt: "2025-01-02T00:00:00Z", by: "law" };

describe("the case file is a fold over its events", () => {
  test.prop([caseEvents()], { numRuns: 60 })(
    "replaying the same events gives the same case",
    (events) => {
      expect(foldCase(structuredClone(events), asOf)).toEqual(foldCase(events, asOf));
      expect(statementAt(structuredClone(events))).toEqual(statementAt(events));
    },
  );

  test.prop([caseEvents(), dayBetween("2023-09-01", AS_OF), dayBetween("2023-09-01", AS_OF)], {
    numRuns: 60,
  })(
    "appending an event never changes the statement as of a date before it",
    (events, cut, eventDay) => {
      fc.pre(eventDay.toString() > cut.toString());
      const later: CaseEventJson = {
        id: "later",
        type: "payment.received",
        at: eventDay.toString(),
        ...extra,
        paymentId: "LATER",
        amount: "123.45",
      };
      expect(statementAt([...events, later], cut)).toEqual(statementAt(events, cut));
    },
  );

  test.prop([caseEvents(), dayBetween("2023-09-01", AS_OF), dayBetween("2023-09-01", AS_OF)], {
    numRuns: 60,
  })(
    "a reversal restores the statement as it was without the reversed payment",
    (events, paid, reversed) => {
      fc.pre(reversed.toString() >= paid.toString());
      const payment: CaseEventJson = {
        id: "pay-x",
        type: "payment.received",
        at: paid.toString(),
        ...extra,
        paymentId: "PX",
        amount: "250.00",
      };
      const reversal: CaseEventJson = {
        id: "rev-x",
        type: "payment.reversed",
        at: reversed.toString(),
        ...extra,
        paymentId: "PX",
        reason: "bounced",
      };
      expect(statementAt([...events, payment, reversal])).toEqual(statementAt(events));
    },
  );

  test.prop([caseEvents(), dayBetween("2023-09-01", AS_OF), dayBetween("2023-09-01", AS_OF)], {
    numRuns: 60,
  })(
    "a written-off case keeps its full history, and once reinstated computes exactly as if never written off",
    (events, off, back) => {
      fc.pre(back.toString() >= off.toString());
      const writeOff: CaseEventJson = {
        id: "off",
        type: "case.written-off",
        at: off.toString(),
        ...extra,
        reason: "no assets",
      };
      const reinstate: CaseEventJson = {
        id: "back",
        type: "case.reinstated",
        at: back.toString(),
        ...extra,
        reason: "new employer",
      };
      const written = foldCase([...events, writeOff], asOf);
      expect(written.status).toBe("written-off");
      expect(written.history.map((entry) => entry.eventId).sort()).toEqual(
        [...events.map((e) => e.id), "off"].sort(),
      );
      const reinstated = [...events, writeOff, reinstate];
      expect(statementAt(reinstated)).toEqual(statementAt(events));
      expect(foldCase(reinstated, asOf).status).toBe(foldCase(events, asOf).status);
    },
  );
});

describe("Book XIX (WER art. XIX.2): the waiting period", () => {
  test.prop([caseEvents(["be.consumer"])], { numRuns: 120 })(
    "no rule pack ever charges a consumer anything dated inside the Book XIX waiting period",
    (events) => {
      const result = caseStatement(events, asOf);
      const from = result.chargeableFrom;
      if (from === undefined) {
        expect(result.statement.interestLines).toHaveLength(0);
        expect(result.statement.charges).toHaveLength(0);
        return;
      }
      for (const line of result.statement.interestLines)
        expect(line.from.toString() >= from.toString()).toBe(true);
      for (const charge of result.statement.charges)
        expect(charge.date.toString() >= from.toString()).toBe(true);
    },
  );
});
