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

  test(
    "outbox.postponed",
    ["events", "outbox"],
    "gives a claimed message back as pending until a later instant, by the worker holding it only",
    async () => {
      await withMessages(2);
      await store.claimOutbox(scope, { worker: "w1", now });
      const later = "2026-02-02T06:00:00Z";
      const postponed = await store.postponeOutbox(scope, {
        id: "M000",
        worker: "w1",
        notBefore: "2026-02-02T07:00:00+01:00",
        at: now,
        detail: "quiet hours",
      });
      expect([
        postponed.status,
        postponed.notBefore,
        postponed.claimedBy,
        postponed.leaseUntil,
        postponed.attempts,
        postponed.detail,
      ]).toEqual(["pending", later, null, null, 0, "quiet hours"]);
      const retried = await store.postponeOutbox(scope, {
        id: "M001",
        worker: "w1",
        notBefore: later,
        at: now,
        detail: "421 try later",
        countAttempt: true,
      });
      expect([retried.status, retried.attempts]).toEqual(["pending", 1]);
      expect(await store.claimOutbox(scope, { worker: "w2", now: "2026-02-02T05:59:59Z" })).toEqual(
        [],
      );
      const claimed = await store.claimOutbox(scope, { worker: "w2", now: later });
      expect(claimed.map((m) => [m.id, m.attempts, m.claimedBy])).toEqual([
        ["M000", 1, "w2"],
        ["M001", 2, "w2"],
      ]);
      expect(
        await failure(
          store.postponeOutbox(scope, { id: "M000", worker: "w1", notBefore: later, at: later }),
        ),
      ).toMatchObject({ code: "OUTBOX_NOT_CLAIMED", paths: ["postpone.worker"] });
      expect(
        await failure(
          store.postponeOutbox(scope, { id: "M404", worker: "w2", notBefore: later, at: later }),
        ),
      ).toMatchObject({ code: "NOT_FOUND", paths: ["postpone.id"] });
      await store.completeOutbox(scope, { id: "M000", worker: "w2", outcome: "sent", at: later });
      expect(
        await failure(
          store.postponeOutbox(scope, { id: "M000", worker: "w2", notBefore: later, at: later }),
        ),
      ).toMatchObject({ code: "ALREADY_FINAL", paths: ["postpone.id"] });
      expect(
        await failure(
          store.postponeOutbox(scope, {
            id: "M001",
            worker: "w2",
            notBefore: "tomorrow",
            at: later,
          }),
        ),
      ).toMatchObject({
        code: "INVALID_INPUT",
        paths: expect.arrayContaining(["postpone.notBefore"]),
      });
    },
  );

  test(
    "outbox.enqueued-without-case",
    ["events", "outbox"],
    "enqueues messages without a case once per key, refuses another message under a used key, and hides them from a client's scope",
    async () => {
      await withMessages(1);
      const alert = {
        key: "alert:owner-1:2026-01-31",
        kind: "send-email",
        payload: { to: "owner@firm.example", lines: 3 },
      };
      const second = { key: "alert:owner-2:2026-01-31", kind: "send-email", payload: { n: 2 } };
      const stored = await store.enqueueOutbox(scope, [alert, second]);
      expect(stored.map((m) => [m.id, m.caseId, m.caseVersion, m.status])).toEqual([
        [alert.key, null, 0, "pending"],
        [second.key, null, 0, "pending"],
      ]);
      const again = await store.enqueueOutbox(scope, [
        { ...alert, payload: { lines: 3, to: "owner@firm.example" } },
      ]);
      expect(again.map((m) => m.id)).toEqual([alert.key]);
      expect((await store.listOutbox(scope)).map((m) => m.id)).toEqual([
        "M000",
        alert.key,
        second.key,
      ]);
      expect(
        await failure(
          store.enqueueOutbox(scope, [
            { key: "alert:new", kind: "send-email", payload: {} },
            { ...alert, payload: { lines: 4 } },
          ]),
        ),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["enqueue.1.key"] });
      expect(
        await failure(
          store.enqueueOutbox(scope, [{ key: "M000", kind: "send-email", payload: { n: 0 } }]),
        ),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["enqueue.0.key"] });
      expect((await store.listOutbox(scope)).map((m) => m.id)).not.toContain("alert:new");
      const version = (await store.readEvents(scope, "C1")).length;
      expect(
        await failure(
          store.append(scope, {
            caseId: "C1",
            expectedVersion: version,
            events: [noteAdded("n3", "2025-12-04")],
            outbox: [{ key: alert.key, kind: "send-email", payload: {} }],
            asOf: AS_OF,
          }),
        ),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["append.outbox.0.key"] });
      expect((await store.listOutbox({ ...scope, clientId: "acme" })).map((m) => m.id)).toEqual([
        "M000",
      ]);
      expect(await failure(store.enqueueOutbox(scope, []))).toMatchObject({
        code: "INVALID_INPUT",
      });
      const claimed = await store.claimOutbox(scope, { worker: "w1", limit: 3, now });
      expect(claimed.map((m) => m.id)).toEqual(["M000", alert.key, second.key]);
      const done = await store.completeOutbox(scope, {
        id: alert.key,
        worker: "w1",
        outcome: "sent",
        at: now,
      });
      expect([done.caseId, done.status]).toEqual([null, "sent"]);
    },
  );

  test(
    "outbox.by-debtor",
    ["events", "outbox"],
    "lists the messages of a debtor (the payload's debtorId) completed since an instant",
    async () => {
      await open("C1", sampleCase(2));
      const version = (await store.readEvents(scope, "C1")).length;
      await store.append(scope, {
        caseId: "C1",
        expectedVersion: version,
        events: [noteAdded("sent", "2025-12-01")],
        outbox: [
          { key: "D1-a", kind: "send-email", payload: { debtorId: "D1" } },
          { key: "D2-a", kind: "send-sms", payload: { debtorId: "D2" } },
          { key: "D1-b", kind: "send-sms", payload: { debtorId: "D1" } },
          { key: "D1-c", kind: "send-sms", payload: { debtorId: "D1" } },
          { key: "none", kind: "send-sms", payload: { debtorId: 7 } },
        ],
        asOf: AS_OF,
      });
      await store.claimOutbox(scope, { worker: "w1", now });
      const complete = (id: string, at: string, outcome: "sent" | "failed" = "sent") =>
        store.completeOutbox(scope, { id, worker: "w1", outcome, at });
      await complete("D1-a", "2026-01-20T10:00:00Z");
      await complete("D2-a", "2026-01-30T10:00:00Z");
      await complete("D1-b", "2026-01-30T10:00:00Z");
      await complete("D1-c", "2026-01-30T11:00:00Z", "failed");
      const ids = async (query: Parameters<CaseStore["listOutbox"]>[1]) =>
        (await store.listOutbox(scope, query)).map((m) => m.id);
      expect(await ids({ debtorId: "D1" })).toEqual(["D1-a", "D1-b", "D1-c"]);
      expect(await ids({ debtorId: "D1", status: "sent" })).toEqual(["D1-a", "D1-b"]);
      expect(
        await ids({ debtorId: "D1", status: "sent", completedFrom: "2026-01-30T10:00:00Z" }),
      ).toEqual(["D1-b"]);
      expect(await ids({ completedFrom: "2026-01-30T10:30:00+00:00" })).toEqual(["D1-c"]);
      expect(await ids({ status: "failed" })).toEqual(["D1-c"]);
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
 * holding the claim, postponed by that worker, enqueued without a case once per key, listed by
 * debtor and completion instant, and message keys used once.
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
