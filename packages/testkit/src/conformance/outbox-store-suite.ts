import type { CaseEventJson, CaseStore, StoreScope } from "@incasso/core";
import { beforeEach, expect } from "vitest";
import { noteAdded, sampleCase } from "../store-fixtures.js";
import type { PortTests } from "./port-suite.js";
import { AS_OF, describePortSuite, failure } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the outbox port. */
export const outboxStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });
  const open = async (caseId: string, events: CaseEventJson[] = sampleCase(1)) =>
    store.append(scope, { caseId, expectedVersion: 0, events, asOf: AS_OF });
  const withMessages = async (count: number, notBefore?: string) => {
    await open("C1", sampleCase(2));
    const version = (await store.readEvents(scope, "C1")).length;
    await store.append(scope, {
      caseId: "C1",
      expectedVersion: version,
      events: [noteAdded("sent", "2025-12-01")],
      outbox: Array.from({ length: count }, (_, i) => ({
        key: `M${String(i).padStart(3, "0")}`,
        kind: "send-email",
        payload: { n: i },
        ...(notBefore === undefined ? {} : { notBefore }),
      })),
      asOf: AS_OF,
    });
  };
  const now = "2026-01-31T09:00:00Z";

  test(
    "outbox.written-with-events",
    ["events", "outbox"],
    "writes messages with their events and hands them out in the order written",
    async () => {
      await withMessages(3);
      const listed = await store.listOutbox(scope);
      expect(listed.map((m) => [m.id, m.status, m.caseVersion])).toEqual([
        ["M000", "pending", listed[0]?.caseVersion],
        ["M001", "pending", listed[0]?.caseVersion],
        ["M002", "pending", listed[0]?.caseVersion],
      ]);
      const claimed = await store.claimOutbox(scope, { worker: "w1", limit: 2, now });
      expect(claimed.map((m) => [m.id, m.status, m.claimedBy, m.attempts])).toEqual([
        ["M000", "claimed", "w1", 1],
        ["M001", "claimed", "w1", 1],
      ]);
      expect(claimed[0]?.payload).toEqual({ n: 0 });
    },
  );

  test(
    "outbox.concurrent-claimers",
    ["events", "case-lists", "outbox"],
    "never gives two concurrent claimers the same message",
    async () => {
      await withMessages(30);
      const [a, b] = await Promise.all([
        store.claimOutbox(scope, { worker: "w1", limit: 20, now }),
        store.claimOutbox(scope, { worker: "w2", limit: 20, now }),
      ]);
      const ids = [...a, ...b].map((m) => m.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBe(30);
      expect(await store.claimOutbox(scope, { worker: "w3", now })).toEqual([]);
    },
  );

  test(
    "outbox.not-before-and-leases",
    ["events", "outbox"],
    "holds a message until notBefore, and lets another worker take over a lapsed claim",
    async () => {
      // 11:00 in Brussels in winter is 10:00 UTC; instants come back in UTC.
      await withMessages(1, "2026-01-31T11:00:00+01:00");
      expect((await store.listOutbox(scope))[0]?.notBefore).toBe("2026-01-31T10:00:00Z");
      expect(await store.claimOutbox(scope, { worker: "w1", now })).toEqual([]);
      const later = "2026-01-31T10:00:00Z";
      const [first] = await store.claimOutbox(scope, {
        worker: "w1",
        now: later,
        leaseSeconds: 60,
      });
      expect(first?.leaseUntil).toBeDefined();
      expect(await store.claimOutbox(scope, { worker: "w2", now: "2026-01-31T10:00:59Z" })).toEqual(
        [],
      );
      const [again] = await store.claimOutbox(scope, {
        worker: "w2",
        now: "2026-01-31T10:01:00Z",
      });
      expect([again?.claimedBy, again?.attempts]).toEqual(["w2", 2]);
      expect(
        await failure(
          store.completeOutbox(scope, { id: "M000", worker: "w1", outcome: "sent", at: later }),
        ),
      ).toMatchObject({ code: "OUTBOX_NOT_CLAIMED", paths: ["complete.worker"] });
    },
  );

  test(
    "outbox.completed-once",
    ["events", "outbox"],
    "marks a message sent or failed exactly once",
    async () => {
      await withMessages(2);
      await store.claimOutbox(scope, { worker: "w1", now });
      const sent = await store.completeOutbox(scope, {
        id: "M000",
        worker: "w1",
        outcome: "sent",
        at: "2026-01-31T09:00:01Z",
        detail: "smtp 250",
      });
      expect([sent.status, sent.completedAt, sent.detail]).toEqual([
        "sent",
        "2026-01-31T09:00:01Z",
        "smtp 250",
      ]);
      const failed = await store.completeOutbox(scope, {
        id: "M001",
        worker: "w1",
        outcome: "failed",
        at: "2026-01-31T09:00:02Z",
        detail: "mailbox unknown",
      });
      expect(failed.status).toBe("failed");
      expect(
        await failure(
          store.completeOutbox(scope, { id: "M000", worker: "w1", outcome: "failed", at: now }),
        ),
      ).toMatchObject({ code: "ALREADY_FINAL" });
      expect(
        await failure(
          store.completeOutbox(scope, { id: "M404", worker: "w1", outcome: "sent", at: now }),
        ),
      ).toMatchObject({ code: "NOT_FOUND" });
      expect(await store.claimOutbox(scope, { worker: "w2", now: "2026-02-28T09:00:00Z" })).toEqual(
        [],
      );
      expect((await store.listOutbox(scope, { status: "sent" })).map((m) => m.id)).toEqual([
        "M000",
      ]);
    },
  );

  test("outbox.key-reused", ["events", "outbox"], "refuses a message key used before", async () => {
    await withMessages(1);
    const version = (await store.readEvents(scope, "C1")).length;
    expect(
      await failure(
        store.append(scope, {
          caseId: "C1",
          expectedVersion: version,
          events: [noteAdded("n2", "2025-12-03")],
          outbox: [{ key: "M000", kind: "send-sms", payload: {} }],
          asOf: AS_OF,
        }),
      ),
    ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["append.outbox.0.key"] });
    expect(await store.readEvents(scope, "C1")).toHaveLength(version);
  });
};

/**
 * Registers the conformance tests of the outbox port (`OutboxStore`): messages written
 * with their events and handed out in the order written, never to two concurrent claimers, held
 * until `notBefore`, taken over after a lapsed lease, completed exactly once by the worker
 * holding the claim, and message keys used once.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeOutboxStoreConformance } from "@incasso/testkit";
 * describeOutboxStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeOutboxStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("outbox port", options, outboxStoreTests);
}
