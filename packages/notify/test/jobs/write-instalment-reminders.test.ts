import { fc, test as propTest } from "@fast-check/vitest";
import type { CaseStore, OutboxMessage } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { afterAll, describe, expect, test } from "vitest";
import { writeInstalmentReminders } from "../../src/index.js";
import { meta, planCase, SCOPE, seed, THREE_MONTHS } from "./support/plan-cases.js";
import { storeTargets } from "./support/store-targets.js";

const run = (store: CaseStore, runDate: string, extra: object = {}) =>
  writeInstalmentReminders({
    store,
    scope: SCOPE,
    runDate,
    recordedAt: `${runDate}T05:00:00Z`,
    by: "reminders",
    ...extra,
  });

const keysOf = (messages: readonly OutboxMessage[]) => messages.map((m) => m.id).sort();

for (const target of storeTargets()) {
  describe.skipIf(!target.available)(
    `instalment reminders on ${target.name}`,
    { timeout: 120_000 },
    () => {
      // A loaded machine runs these slowly; PGlite's first query compiles PostgreSQL.
      afterAll(() => target.dispose());

      test("writes each case's reminders due on the run date with one note per case, and a rerun writes nothing", async () => {
        const store = await target.create();
        await seed(store, [
          { caseId: "C1", plan: THREE_MONTHS, reminders: { channel: "email", before: [3] } },
          { caseId: "C2", plan: THREE_MONTHS, reminders: { channel: "sms", before: [3, 1] } },
          { caseId: "C3", plan: THREE_MONTHS, reminders: { channel: "email", before: [7] } },
          { caseId: "C4" },
          { caseId: "C5", plan: THREE_MONTHS },
          {
            caseId: "C6",
            plan: THREE_MONTHS,
            reminders: { channel: "sms", before: [3] },
            contacts: [{ id: "M1", kind: "email", value: "c6@example.be" }],
          },
        ]);
        const report = await run(store, "2026-02-27");
        expect(report).toMatchObject({
          runDate: "2026-02-27",
          cases: 5,
          casesWritten: 2,
          written: 2,
          alreadyWritten: 0,
        });
        expect(report.skipped.map((s) => [s.caseId, s.code])).toEqual([
          ["C5", "NO_REMINDER_SETTINGS"],
          ["C6", "NO_CURRENT_CONTACT"],
        ]);
        const outbox = await store.listOutbox(SCOPE, { status: "pending" });
        expect(
          outbox.map((m) => [m.id, m.caseId, m.kind, m.payload.address, m.payload.dueDate]),
        ).toEqual([
          ["rem:C1:plan-1:1:before:2026-02-27", "C1", "send-email", "c1@example.be", "2026-03-02"],
          ["rem:C2:plan-1:1:before:2026-02-27", "C2", "send-sms", "+32470123456", "2026-03-02"],
        ]);
        const notes = (await store.readEvents(SCOPE, "C1")).filter(
          (e) => e.event.type === "note.added",
        );
        expect(notes).toHaveLength(1);
        expect(notes[0]?.event).toMatchObject({
          at: "2026-02-27",
          by: "reminders",
          text: "instalment reminders queued: instalment 1 of plan plan-1 (300.00 due 2026-03-02) by e-mail to c1@example.be [rem:C1:plan-1:1:before:2026-02-27]",
        });

        const versions = async () =>
          Promise.all(
            ["C1", "C2", "C3"].map(async (id) => (await store.getCase(SCOPE, id))?.version),
          );
        const before = await versions();
        const again = await run(store, "2026-02-27");
        expect(again).toMatchObject({ written: 0, alreadyWritten: 2, casesWritten: 0 });
        // Another instant of recording (a retry an hour later) still writes nothing.
        const later = await writeInstalmentReminders({
          store,
          scope: SCOPE,
          runDate: "2026-02-27",
          recordedAt: "2026-02-27T06:00:00Z",
          by: "reminders-retry",
        });
        expect(later).toMatchObject({ written: 0, alreadyWritten: 2 });
        expect(await versions()).toEqual(before);
        expect(keysOf(await store.listOutbox(SCOPE))).toEqual(keysOf(outbox));
      });

      test("a reminder an earlier run wrote is not written again when a later run catches up the days around it", async () => {
        const store = await target.create();
        await seed(store, [
          { caseId: "C1", plan: THREE_MONTHS, reminders: { channel: "email", before: [4, 3] } },
        ]);
        expect((await run(store, "2026-02-26")).written).toBe(1);
        const next = await run(store, "2026-02-27", { catchUpDays: 1 });
        expect(next).toMatchObject({ written: 1, alreadyWritten: 1 });
        expect(keysOf(await store.listOutbox(SCOPE, { caseId: "C1" }))).toEqual([
          "rem:C1:plan-1:1:before:2026-02-26",
          "rem:C1:plan-1:1:before:2026-02-27",
        ]);
      });

      test("no reminder for a plan paid in full, cancelled or defaulted", async () => {
        const store = await target.create();
        const reminders = { channel: "email" as const, before: [3] };
        await seed(store, [
          {
            caseId: "C1",
            plan: THREE_MONTHS,
            reminders,
            more: [
              {
                ...meta("p1", "2026-02-20"),
                type: "payment.received",
                paymentId: "P1",
                amount: "900.00",
              },
            ],
          },
          {
            caseId: "C2",
            plan: THREE_MONTHS,
            reminders,
            more: [
              {
                ...meta("x", "2026-02-20"),
                type: "plan.cancelled",
                planId: "plan-1",
                reason: "renegotiated",
              },
            ],
          },
          {
            caseId: "C3",
            plan: THREE_MONTHS,
            reminders,
            more: [{ ...meta("x", "2026-02-20"), type: "plan.defaulted", planId: "plan-1" }],
          },
        ]);
        // The rows were computed as of the agreement: all three still list as under a plan.
        const report = await run(store, "2026-02-27");
        expect(report.written).toBe(0);
        expect(report.skipped.map((s) => [s.caseId, s.code])).toEqual([
          ["C1", "PLAN_COMPLETED"],
          ["C2", "PLAN_CANCELLED"],
          ["C3", "PLAN_DEFAULTED"],
        ]);
        expect(await store.listOutbox(SCOPE)).toEqual([]);
      });

      test("reads one shard of the case list, page by page", async () => {
        const store = await target.create();
        const reminders = { channel: "sms" as const, before: [3] };
        await seed(
          store,
          ["C1", "C2", "C3", "C4", "C5"].map((caseId) => ({
            caseId,
            plan: THREE_MONTHS,
            reminders,
          })),
        );
        const report = await run(store, "2026-02-27", {
          caseIdFrom: "C2",
          caseIdTo: "C5",
          pageSize: 2,
        });
        expect(report).toMatchObject({ cases: 3, written: 3 });
        expect((await store.listOutbox(SCOPE)).map((m) => m.caseId)).toEqual(["C2", "C3", "C4"]);
      });
    },
  );
}

describe("instalment reminder job options", () => {
  test("bad options are refused naming the field, and nothing is written", async () => {
    const store = createMemoryStore();
    await expect(
      run(store, "2026-02-30", { recordedAt: "2026-02-27T05:00:00Z" }),
    ).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "options.runDate" }] });
    await expect(
      writeInstalmentReminders({
        store,
        scope: SCOPE,
        runDate: "2026-02-27",
        recordedAt: "yesterday",
        by: "x",
      }),
    ).rejects.toMatchObject({ issues: [{ path: "options.recordedAt" }] });
    await expect(run(store, "2026-02-27", { catchUpDays: 40 })).rejects.toMatchObject({
      issues: [{ path: "options.catchUpDays" }],
    });
    expect(await store.listOutbox(SCOPE)).toEqual([]);
  });
});

describe("instalment reminders as laws, on the in-memory store", () => {
  const AGREED = Temporal.PlainDate.from("2026-02-10");
  propTest.prop(
    [
      fc.integer({ min: 1, max: 9 }),
      fc.array(fc.integer({ min: 0, max: 90 }), { minLength: 1, maxLength: 25 }),
    ],
    { numRuns: 15 },
  )(
    "runs on any days, in any order and repeated, write each reminder once and exactly N days before its instalment",
    async (before, offsets) => {
      const store = createMemoryStore();
      // Every instalment paid on its due date, so the plan stays active to its end.
      const payments = [
        ["2026-03-02", "300.00"],
        ["2026-04-02", "300.00"],
        ["2026-05-04", "300.00"],
      ].map(([at, amount], index) => ({
        ...meta(`p${index}`, at as string),
        type: "payment.received" as const,
        paymentId: `P${index}`,
        amount: amount as string,
      }));
      await store.putClient(SCOPE, { id: "acme", name: "Acme NV" });
      await store.append(SCOPE, {
        caseId: "C1",
        expectedVersion: 0,
        events: planCase({
          caseId: "C1",
          plan: THREE_MONTHS,
          reminders: { channel: "email", before: [before] },
          more: payments,
        }),
        asOf: "2026-02-10",
      });
      for (const offset of [...offsets, ...offsets]) {
        await run(store, AGREED.add({ days: offset }).toString());
      }
      const outbox = await store.listOutbox(SCOPE, { limit: 1000 });
      const keys = outbox.map((m) => m.id);
      expect(new Set(keys).size).toBe(keys.length);
      for (const message of outbox) {
        const date = Temporal.PlainDate.from(message.payload.reminderDate as string);
        expect(date.until(Temporal.PlainDate.from(message.payload.dueDate as string)).days).toBe(
          before,
        );
        expect(offsets.map((o) => AGREED.add({ days: o }).toString())).toContain(date.toString());
      }
      const expected = new Set(
        ["2026-03-02", "2026-04-02", "2026-05-04"]
          .map((due) => Temporal.PlainDate.from(due).subtract({ days: before }))
          .filter((date) => offsets.some((o) => AGREED.add({ days: o }).equals(date)))
          .map((date) => date.toString()),
      );
      expect(new Set(outbox.map((m) => m.payload.reminderDate))).toEqual(expected);
      const notes = (await store.readEvents(SCOPE, "C1")).filter(
        (e) => e.event.type === "note.added",
      );
      expect(notes).toHaveLength(outbox.length);
    },
  );
});
