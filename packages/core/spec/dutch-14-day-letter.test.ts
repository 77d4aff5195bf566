import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import type { CaseEventJson } from "../src/index.js";
import { caseStatement, nlCalendar, parseIsoDate, termijnenwetDeadline } from "../src/index.js";
import { dayBetween } from "./support/event-arbitraries.js";

// Art. 6:96 lid 6 BW: collection costs are due from a consumer only after a reminder sent once the
// debtor is in default, giving 14 days from the day after it reached them (HR 25-11-2016,
// ECLI:NL:HR:2016:2704; art. 3:37 lid 3 BW).

const meta = { recordedAt: "2025-01-02T00:00:00Z", by: "law" };
const AS_OF = parseIsoDate("2025-06-30");
const calendar = nlCalendar();

const caseWith = (dueDate: string, amount: string, letters: CaseEventJson[]): CaseEventJson[] => [
  {
    id: "open",
    type: "case.opened",
    at: "2024-01-01",
    ...meta,
    caseNumber: "L-1",
    client: { id: "C", name: "Client BV" },
    debtors: [
      { id: "D", kind: "natural-person", name: "J. Jansen", language: "nl", consumer: true },
    ],
    owner: "owner",
    lawyer: "lawyer",
    rulePack: "nl.consumer",
    terms: {},
  } as CaseEventJson,
  {
    id: "claim",
    type: "claim.added",
    at: "2024-01-01",
    ...meta,
    claim: { id: "F1", invoiceNumber: "F1", invoiceDate: "2024-01-01", dueDate, amount },
  },
  ...letters,
];
const letter = (id: string, at: string, channel: string): CaseEventJson =>
  ({ id, type: "letter14.sent", at, ...meta, channel }) as CaseEventJson;
const channels = fc.constantFrom("post", "registered-post", "email", "hand-delivered");
const amounts = fc.integer({ min: 100, max: 5_000_000 }).map((cents) => (cents / 100).toFixed(2));

describe("the Dutch 14-day letter", () => {
  test.prop(
    [dayBetween("2024-02-01", "2024-12-31"), fc.integer({ min: 0, max: 60 }), channels, amounts],
    { numRuns: 80 },
  )(
    "a letter sent on or before the due date, before the debtor is in default, never makes the BIK due",
    (due, daysBefore, channel, amount) => {
      const sent = due.subtract({ days: daysBefore });
      const result = caseStatement(
        caseWith(due.toString(), amount, [letter("l1", sent.toString(), channel)]),
        AS_OF,
      );
      expect(result.statement.totals.penalty.toFixed(2)).toBe("0.00");
      expect(result.findings.find((f) => f.code === "LETTER_BEFORE_DEFAULT")).toMatchObject({
        severity: "error",
        eventId: "l1",
      });
      expect(result.letters14?.[0]?.foundsBik).toBe(false);
    },
  );

  test.prop(
    [
      dayBetween("2024-02-01", "2024-12-31"),
      fc.integer({ min: 0, max: 30 }),
      fc.integer({ min: 1, max: 60 }),
      channels,
    ],
    { numRuns: 80 },
  )(
    "after a letter sent too early, the first letter sent after the default makes the BIK due at the end of its own term",
    (due, early, late, channel) => {
      const first = due.subtract({ days: early });
      const second = due.add({ days: late });
      const result = caseStatement(
        caseWith(due.toString(), "1000.00", [
          letter("early", first.toString(), channel),
          letter("proper", second.toString(), channel),
        ]),
        AS_OF,
      );
      const proper = result.letters14?.find((term) => term.eventId === "proper");
      expect(proper?.foundsBik).toBe(true);
      expect(result.letterTermExpiry?.toString()).toBe(proper?.termExpiry.toString());
      const penalty = result.statement.charges.find((charge) => charge.penalty);
      expect(penalty?.date.toString()).toBe(proper?.termExpiry.toString());
    },
  );

  test.prop([dayBetween("2024-02-01", "2025-03-31"), fc.constantFrom("email", "hand-delivered")], {
    numRuns: 80,
  })(
    "a letter by e-mail or by hand reaches the debtor the day it is sent: the 14 days start the next day",
    (sent, channel) => {
      const result = caseStatement(
        caseWith("2024-01-16", "1000.00", [letter("l1", sent.toString(), channel)]),
        AS_OF,
      );
      const term = result.letters14?.[0];
      expect(term?.received.toString()).toBe(sent.toString());
      expect(term?.termExpiry.toString()).toBe(
        termijnenwetDeadline(calendar, sent, 14).expiry.toString(),
      );
    },
  );

  test.prop([dayBetween("2024-02-01", "2025-03-31"), fc.integer({ min: 0, max: 5 })], {
    numRuns: 80,
  })(
    "a posted letter is presumed received receiptDays days after posting, never on a Sunday, a Monday or a holiday, and its term never ends before that of an e-mail sent the same day",
    (sent, receiptDays) => {
      const events = caseWith("2024-01-16", "1000.00", [letter("l1", sent.toString(), "post")]);
      const posted = caseStatement(events, AS_OF, { policy: { receiptDays } }).letters14?.[0];
      const emailed = caseStatement(
        caseWith("2024-01-16", "1000.00", [letter("l1", sent.toString(), "email")]),
        AS_OF,
      ).letters14?.[0];
      if (posted === undefined || emailed === undefined) throw new Error("no letter term");
      if (receiptDays > 0) {
        expect([1, 7]).not.toContain(posted.received.dayOfWeek);
        expect(calendar.holidaysOn(posted.received)).toEqual([]);
      }
      expect(posted.termExpiry.toString() >= emailed.termExpiry.toString()).toBe(true);
    },
  );
});
