import { createHash } from "node:crypto";
import { fc, test } from "@fast-check/vitest";
import { Temporal } from "temporal-polyfill";
import { describe, expect } from "vitest";
import type { CaseEventJson, PlanRequestJson } from "../src/index.js";
import { instalmentReminders, messageKey, proposePlan, storeIdSchema } from "../src/index.js";

const AGREED = Temporal.PlainDate.from("2026-01-05");
const meta = (id: string, at: string) => ({
  id,
  at,
  recordedAt: `${at}T09:00:00Z`,
  by: "clerk",
});

const opened: CaseEventJson = {
  ...meta("e1", "2025-12-01"),
  type: "case.opened",
  caseNumber: "2025/00042",
  client: { id: "acme", name: "Acme NV" },
  debtors: [
    {
      id: "D1",
      kind: "natural-person",
      name: "Jan Peeters",
      language: "nl",
      consumer: true,
      contacts: [
        {
          id: "M1",
          kind: "email",
          value: "jan@example.be",
          source: "client",
          date: "2025-12-01",
        },
        { id: "T1", kind: "phone", value: "+32470123456", source: "client", date: "2025-12-01" },
      ],
    },
  ],
  owner: "an.peeters",
  lawyer: "an.peeters",
  rulePack: "be.b2b",
};
const claim: CaseEventJson = {
  ...meta("e2", "2025-12-01"),
  type: "claim.added",
  claim: {
    id: "F1",
    invoiceNumber: "2025-001",
    invoiceDate: "2025-10-01",
    dueDate: "2025-10-31",
    amount: "5000.00",
  },
};

const planRequest: fc.Arbitrary<PlanRequestJson> = fc
  .record({
    count: fc.integer({ min: 1, max: 6 }),
    frequency: fc.constantFrom("weekly" as const, "biweekly" as const, "monthly" as const),
    firstIn: fc.integer({ min: 12, max: 40 }),
    cents: fc.integer({ min: 5_000, max: 400_000 }),
  })
  .map((r) => ({
    id: "plan-1",
    amount: (r.cents / 100).toFixed(2),
    agreedOn: AGREED.toString(),
    firstDueDate: AGREED.add({ days: r.firstIn }).toString(),
    frequency: r.frequency,
    schedule: { count: r.count },
  }));

const agreedEvent = (
  request: PlanRequestJson,
  reminders: { channel: "email" | "sms"; before: number[] },
): CaseEventJson => ({
  ...meta("e3", AGREED.toString()),
  type: "plan.agreed",
  planId: "plan-1",
  description: "monthly plan",
  plan: request,
  reminders,
});

const scheduleOf = (request: PlanRequestJson) => {
  const result = proposePlan(request);
  if (!result.ok) throw new Error(result.code);
  return result.plan;
};

/** Every instalment paid in full on its due date: the plan stays active to its end. */
const paidOnTime = (request: PlanRequestJson): CaseEventJson[] =>
  scheduleOf(request).instalments.map((instalment, index) => ({
    ...meta(`p${index}`, instalment.dueDate.toString()),
    type: "payment.received",
    paymentId: `P${index}`,
    amount: instalment.amount.toFixed(2),
  }));

const days = (from: Temporal.PlainDate, to: Temporal.PlainDate, step = 1) => {
  const list: Temporal.PlainDate[] = [];
  for (let day = from; Temporal.PlainDate.compare(day, to) <= 0; day = day.add({ days: step }))
    list.push(day);
  return list;
};

describe("instalment reminders", () => {
  test.prop([planRequest, fc.integer({ min: 1, max: 10 }), fc.constantFrom("email", "sms")], {
    numRuns: 25,
  })(
    "a reminder is due exactly N days before its instalment's due date, once per instalment, on that day only",
    (request, before, channel) => {
      const plan = scheduleOf(request);
      const events = [
        opened,
        claim,
        agreedEvent(request, { channel, before: [before] }),
        ...paidOnTime(request),
      ];
      const seen = new Map<string, string>();
      for (const day of days(AGREED, plan.lastDueDate)) {
        const result = instalmentReminders(events, day, { caseId: "C1" });
        for (const reminder of result.reminders) {
          expect(reminder.date.equals(day)).toBe(true);
          expect(reminder.date.until(reminder.dueDate).days).toBe(before);
          expect(reminder.channel).toBe(channel);
          expect(seen.has(reminder.key)).toBe(false);
          seen.set(reminder.key, reminder.date.toString());
        }
        expect(result.messages.map((m) => m.key)).toEqual(result.reminders.map((r) => r.key));
      }
      const expected = plan.instalments.filter(
        (instalment) =>
          Temporal.PlainDate.compare(instalment.dueDate.subtract({ days: before }), AGREED) >= 0,
      );
      expect(seen.size).toBe(expected.length);
    },
  );

  test.prop([planRequest, fc.integer({ min: 1, max: 10 }), fc.integer({ min: 0, max: 40 })], {
    numRuns: 40,
  })(
    "running the same day again gives the same reminders under the same keys",
    (request, before, offset) => {
      const events = [opened, claim, agreedEvent(request, { channel: "email", before: [before] })];
      const day = AGREED.add({ days: offset });
      const first = instalmentReminders(events, day, { caseId: "C1" });
      const again = instalmentReminders(structuredClone(events), day, { caseId: "C1" });
      expect(again).toEqual(first);
    },
  );

  test.prop(
    [
      planRequest,
      fc.integer({ min: 1, max: 10 }),
      fc.constantFrom("paid", "cancelled", "defaulted"),
      fc.integer({ min: 0, max: 30 }),
    ],
    { numRuns: 40 },
  )(
    "no reminder once the plan is paid in full, cancelled or defaulted",
    (request, before, end, endOffset) => {
      const plan = scheduleOf(request);
      const endDay = AGREED.add({ days: endOffset }).toString();
      const ending: CaseEventJson =
        end === "paid"
          ? {
              ...meta("end", endDay),
              type: "payment.received",
              paymentId: "ALL",
              amount: plan.totals.total.toFixed(2),
            }
          : end === "cancelled"
            ? {
                ...meta("end", endDay),
                type: "plan.cancelled",
                planId: "plan-1",
                reason: "new plan",
              }
            : { ...meta("end", endDay), type: "plan.defaulted", planId: "plan-1" };
      const events = [
        opened,
        claim,
        agreedEvent(request, { channel: "email", before: [before] }),
        ending,
      ];
      for (const day of days(Temporal.PlainDate.from(endDay), plan.lastDueDate.add({ days: 5 }))) {
        const result = instalmentReminders(events, day, { caseId: "C1" });
        expect(result.messages).toEqual([]);
        expect(result.skipped[0]?.code).toBe(
          end === "paid"
            ? "PLAN_COMPLETED"
            : end === "cancelled"
              ? "PLAN_CANCELLED"
              : "PLAN_DEFAULTED",
        );
      }
    },
  );

  test.prop([planRequest, fc.integer({ min: 1, max: 6 })], { numRuns: 25 })(
    "with k days of catch-up, a run every k+1 days writes the same reminders as a run every day",
    (request, catchUpDays) => {
      const before = catchUpDays + 1 + (request.schedule as { count: number }).count;
      const plan = scheduleOf(request);
      const events = [
        opened,
        claim,
        agreedEvent(request, { channel: "sms", before: [before] }),
        ...paidOnTime(request),
      ];
      const collect = (step: number, catchUp: number) =>
        days(AGREED, plan.lastDueDate, step)
          .flatMap(
            (day) =>
              instalmentReminders(events, day, { caseId: "C1", catchUpDays: catchUp }).messages,
          )
          .map((message) => message.key);
      const daily = collect(1, 0);
      const sparse = collect(catchUpDays + 1, catchUpDays);
      expect(new Set(sparse)).toEqual(new Set(daily));
      expect(new Set(daily).size).toBe(daily.length);
    },
  );
});

describe("message keys", () => {
  const part = fc.string({ minLength: 1, maxLength: 140, unit: "grapheme" });
  test.prop([fc.array(part, { minLength: 1, maxLength: 6 })])(
    "a message key is always a valid store id, and the same parts always give the same key",
    (parts) => {
      const key = messageKey(parts as [string, ...string[]]);
      expect(storeIdSchema.safeParse(key).success).toBe(true);
      expect(messageKey([...parts] as [string, ...string[]])).toBe(key);
    },
  );

  test.prop([
    fc.array(part, { minLength: 1, maxLength: 4 }),
    fc.array(part, { minLength: 1, maxLength: 4 }),
  ])("different parts give different keys", (a, b) => {
    fc.pre(JSON.stringify(a) !== JSON.stringify(b));
    expect(messageKey(a as [string, ...string[]])).not.toBe(messageKey(b as [string, ...string[]]));
  });

  test.prop([fc.array(part, { minLength: 1, maxLength: 4 })])(
    "a hashed key carries the SHA-256 of its parts, as node:crypto computes it",
    (parts) => {
      const key = messageKey(["a b", ...parts]);
      expect(key).toBe(
        `k::${createHash("sha256")
          .update(JSON.stringify(["a b", ...parts]), "utf8")
          .digest("hex")}`,
      );
    },
  );
});
