import type { CaseStore, StoreScope } from "@incasso/core";
import { runDailyShard } from "@incasso/core";
import { beforeEach, expect } from "vitest";
import {
  claimAdded,
  openedCase,
  promiseRecorded,
  reminderScenario,
  scenarioStarted,
} from "../store-fixtures.js";
import type { PortTests } from "./port-suite.js";
import { describePortSuite, failure, uniqueTenant } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the agenda port. */
export const agendaStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });
  const runDate = "2025-11-20";
  const prepare = async (count: number) => {
    await store.putScenario(scope, "acme", reminderScenario());
    await store.putTerms(scope, "acme", { defaultScenario: "be-reminders" });
    for (let i = 0; i < count; i++) {
      await store.append(scope, {
        caseId: `C${String(i).padStart(3, "0")}`,
        expectedVersion: 0,
        events: [
          openedCase({ caseNumber: `2025/${i}` }),
          claimAdded("F1", `${100 + i}.00`, "2025-10-01"),
          scenarioStarted("be-reminders", "2025-10-01"),
          ...(i % 3 === 0 ? [promiseRecorded("R1", "10.00", "2025-12-24", "2025-10-02")] : []),
        ],
        asOf: "2025-10-02",
      });
    }
  };

  test(
    "agenda.run-idempotent",
    ["events", "case-lists", "agenda"],
    "stores each case's due actions once, however often the run is repeated",
    async () => {
      await prepare(7);
      const report = await runDailyShard(store, scope, { runDate, batchSize: 3 });
      expect(report).toMatchObject({ pages: 3, cases: 7, skipped: 0 });
      const first = (await store.listAgenda(scope, { runDate, limit: 1000 })).items;
      expect(first.length).toBe(report.entries);
      // A promise suspends the scenario: the cases without one each have their reminder due.
      expect(first.map((e) => [e.caseId, e.activity.code, e.dueDate, e.status])).toEqual(
        ["C001", "C002", "C004", "C005"].map((id) => [id, "REM1", "2025-10-08", "open"]),
      );
      expect(new Set(first.map((e) => e.id)).size).toBe(first.length);
      await runDailyShard(store, scope, { runDate });
      expect((await store.listAgenda(scope, { runDate, limit: 1000 })).items).toEqual(first);
      const row = await store.getCase(scope, "C001");
      expect(row?.asOf).toBe(runDate);
    },
  );

  test(
    "agenda.rerun-drops-stale",
    ["events", "agenda"],
    "drops an open entry a rerun no longer gives, also after a later date ran",
    async () => {
      await prepare(3);
      await runDailyShard(store, scope, { runDate });
      const before = (await store.listAgenda(scope, { runDate, limit: 1000 })).items;
      expect(before.map((e) => e.caseId)).toEqual(["C001", "C002"]);
      const close = async (caseId: string) =>
        store.append(scope, {
          caseId,
          expectedVersion: (await store.readEvents(scope, caseId)).length,
          events: [
            {
              id: "closed",
              type: "case.closed",
              at: "2025-11-20",
              recordedAt: "2025-11-20T12:00:00Z",
              by: "clerk",
              reason: "settled with the client",
            },
          ],
          asOf: runDate,
        });
      const open = async () =>
        (await store.listAgenda(scope, { runDate, limit: 1000 })).items.map((e) => e.caseId);
      await close("C001");
      await runDailyShard(store, scope, { runDate });
      expect(await open()).toEqual(["C002"]);
      await close("C002");
      await runDailyShard(store, scope, { runDate: "2025-11-21" });
      await runDailyShard(store, scope, { runDate });
      expect(await open()).toEqual([]);
    },
  );

  test(
    "agenda.shards-cover-once",
    ["events", "agenda"],
    "covers every case exactly once when the run is split into shards",
    async () => {
      await prepare(9);
      const whole = await runDailyShard(store, scope, { runDate, batchSize: 2 });
      const shards = [
        { caseIdTo: "C003" },
        { caseIdFrom: "C003", caseIdTo: "C007" },
        { caseIdFrom: "C007" },
      ];
      let cases = 0;
      for (const shard of shards)
        cases += (await runDailyShard(store, scope, { runDate, batchSize: 2, ...shard })).cases;
      expect(cases).toBe(whole.cases);
      expect((await store.listAgenda(scope, { runDate, limit: 1000 })).items).toHaveLength(
        whole.entries,
      );
    },
  );

  test(
    "agenda.disposition",
    ["events", "agenda"],
    "records a disposition with its event on the case, once, and keeps it across runs",
    async () => {
      await prepare(2);
      await runDailyShard(store, scope, { runDate });
      const [entry] = (await store.listAgenda(scope, { runDate, status: "open" })).items;
      expect(entry).toBeDefined();
      if (entry === undefined) return;
      const version = (await store.readEvents(scope, entry.caseId)).length;
      const request = {
        entryId: entry.id,
        disposition: { kind: "done" as const, result: "sent" },
        event: { id: "disp-1", at: runDate, recordedAt: "2025-11-20T10:00:00Z", by: "clerk" },
        asOf: runDate,
      };
      const done = await store.disposeAgendaEntry(scope, request);
      expect(done.entry.status).toBe("done");
      expect(done.append).toEqual({
        caseId: entry.caseId,
        previousVersion: version,
        version: version + 1,
        replayed: false,
      });
      const events = await store.readEvents(scope, entry.caseId);
      // The stored entry and its event name the step the same way, counted from 1.
      expect(entry.step).toBeGreaterThanOrEqual(1);
      expect(entry.id.endsWith(`/step-${entry.step}`)).toBe(true);
      expect(events.at(-1)?.event).toMatchObject({
        id: "disp-1",
        type: "action.done",
        step: entry.step,
      });
      expect(await store.disposeAgendaEntry(scope, request)).toEqual({
        entry: done.entry,
        append: { ...done.append, replayed: true },
      });
      expect(
        await failure(
          store.disposeAgendaEntry(scope, {
            ...request,
            event: { ...request.event, id: "disp-2" },
          }),
        ),
      ).toMatchObject({ code: "ALREADY_FINAL", paths: ["dispose.entryId"] });
      await runDailyShard(store, scope, { runDate });
      const kept = (await store.listAgenda(scope, { runDate, limit: 1000 })).items.find(
        (e) => e.id === entry.id,
      );
      expect(kept).toEqual(done.entry);
      expect(
        await failure(store.disposeAgendaEntry(scope, { ...request, entryId: "missing" })),
      ).toMatchObject({ code: "NOT_FOUND" });
    },
  );

  test(
    "agenda.pages",
    ["events", "agenda"],
    "pages the agenda by due date and id, and filters it",
    async () => {
      await prepare(6);
      await runDailyShard(store, scope, { runDate });
      const whole = (await store.listAgenda(scope, { runDate, limit: 1000 })).items;
      const paged = [];
      let after: string | undefined;
      for (;;) {
        const page = await store.listAgenda(scope, {
          runDate,
          limit: 2,
          ...(after === undefined ? {} : { after }),
        });
        paged.push(...page.items);
        if (page.nextCursor === null) break;
        after = page.nextCursor;
      }
      expect(paged).toEqual(whole);
      const sorted = [...whole].sort((a, b) =>
        a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id < b.id ? -1 : 1,
      );
      expect(whole).toEqual(sorted);
      expect((await store.listAgenda(scope, { runDate, owner: "nobody" })).items).toEqual([]);
      expect((await store.listAgenda({ tenantId: uniqueTenant() }, { runDate })).items).toEqual([]);
    },
  );
};

/**
 * Registers the conformance tests of the agenda port (`AgendaStore`): the daily run
 * idempotent (each case's due actions stored once, stale open entries dropped), shards that
 * cover every case once, dispositions recorded once with their event, and the agenda's keyset
 * pages and filters.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeAgendaStoreConformance } from "@incasso/testkit";
 * describeAgendaStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeAgendaStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("agenda port", options, agendaStoreTests);
}
