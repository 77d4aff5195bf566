import type { AppendOutcome, CaseEventJson, CaseStore, StoreScope } from "@incasso/core";
import {
  APPEND_MANY_LIMIT,
  IncassoError,
  isStorableText,
  parseCaseEvents,
  StoreConflictError,
} from "@incasso/core";
import fc from "fast-check";
import { beforeEach, expect } from "vitest";
import { noteAdded, paymentReceived, sampleCase } from "../store-fixtures.js";
import type { PortTests } from "./port-suite.js";
import { AS_OF, describePortSuite, failure } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the events port. */
export const caseEventStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });
  const open = async (caseId: string, events: CaseEventJson[] = sampleCase(1)) =>
    store.append(scope, { caseId, expectedVersion: 0, events, asOf: AS_OF });
  const at = (index: number) => `append.events.${index}`;

  test(
    "events.read-back",
    ["events"],
    "stores a case's events and reads them back in version order, as validated",
    async () => {
      const events = sampleCase(4);
      const result = await open("C1", events);
      expect(result).toEqual({
        caseId: "C1",
        previousVersion: 0,
        version: events.length,
        replayed: false,
      });
      const stored = await store.readEvents(scope, "C1");
      expect(stored.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
      expect(stored.map((e) => e.event)).toEqual(
        JSON.parse(JSON.stringify(parseCaseEvents(events))),
      );
      expect((await store.readEvents(scope, "C1", { fromVersion: 3 }))[0]?.version).toBe(3);
      expect(await store.readEvents(scope, "nope")).toEqual([]);
    },
  );

  test(
    "events.append-at-version",
    ["events"],
    "appends at the current version and keeps the earlier events untouched",
    async () => {
      await open("C1", sampleCase(3));
      const before = await store.readEvents(scope, "C1");
      const next = await store.append(scope, {
        caseId: "C1",
        expectedVersion: before.length,
        events: [paymentReceived("P9", "10.00", "2025-12-01"), noteAdded("n9", "2025-12-02")],
        asOf: AS_OF,
      });
      expect(next.version).toBe(before.length + 2);
      const after = await store.readEvents(scope, "C1");
      expect(after.slice(0, before.length)).toEqual(before);
      expect(after.at(-1)?.event.type).toBe("note.added");
    },
  );

  test(
    "events.stale-writer",
    ["events", "case-lists", "outbox"],
    "refuses a stale writer with a typed conflict and stores nothing of its append",
    async () => {
      await open("C1", sampleCase(2));
      const version = (await store.readEvents(scope, "C1")).length;
      const row = await store.getCase(scope, "C1");
      const stale = store.append(scope, {
        caseId: "C1",
        expectedVersion: version - 1,
        events: [paymentReceived("P5", "20.00", "2025-12-01")],
        outbox: [{ key: "C1-mail", kind: "send-email", payload: { to: "x@example.be" } }],
        asOf: AS_OF,
      });
      await expect(stale).rejects.toBeInstanceOf(StoreConflictError);
      await stale.catch((error: StoreConflictError) => {
        expect(error.code).toBe("VERSION_CONFLICT");
        expect([error.expectedVersion, error.actualVersion]).toEqual([version - 1, version]);
      });
      expect(await store.readEvents(scope, "C1")).toHaveLength(version);
      expect(await store.getCase(scope, "C1")).toEqual(row);
      expect(await store.listOutbox(scope)).toEqual([]);
    },
  );

  test(
    "events.concurrent-writers",
    ["events"],
    "lets one of two concurrent writers at the same version win; the other retries after reading again",
    async () => {
      await open("C1", sampleCase(2));
      const version = (await store.readEvents(scope, "C1")).length;
      const write = (id: string) =>
        store.append(scope, {
          caseId: "C1",
          expectedVersion: version,
          events: [paymentReceived(id, "10.00", "2025-12-01")],
          asOf: AS_OF,
        });
      const results = await Promise.allSettled([write("PA"), write("PB")]);
      const won = results.filter((r) => r.status === "fulfilled");
      const lost = results.filter((r) => r.status === "rejected");
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]?.status === "rejected" && lost[0].reason).toBeInstanceOf(StoreConflictError);
      const loser = results[0]?.status === "rejected" ? "PA" : "PB";
      const current = (await store.readEvents(scope, "C1")).length;
      await store.append(scope, {
        caseId: "C1",
        expectedVersion: current,
        events: [paymentReceived(loser, "10.00", "2025-12-01")],
        asOf: AS_OF,
      });
      const payments = (await store.readEvents(scope, "C1"))
        .map((e) => e.event)
        .filter((e) => e.type === "payment.received")
        .map((e) => (e.type === "payment.received" ? e.paymentId : ""));
      expect(payments.filter((p) => p === "PA" || p === "PB").sort()).toEqual(["PA", "PB"]);
    },
  );

  test(
    "events.concurrent-create",
    ["events"],
    "lets only one of two writers create the same new case",
    async () => {
      const results = await Promise.allSettled([
        open("C1", sampleCase(1)),
        open("C1", sampleCase(2)),
      ]);
      expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      const lost = results.find((r) => r.status === "rejected");
      expect(lost?.status === "rejected" && lost.reason).toBeInstanceOf(StoreConflictError);
    },
  );

  test(
    "events.idempotent-retry",
    ["events", "outbox"],
    "stores a payment registered twice under one key once and answers the same result",
    async () => {
      await open("C1", sampleCase(2));
      const version = (await store.readEvents(scope, "C1")).length;
      const request = {
        caseId: "C1",
        expectedVersion: version,
        events: [paymentReceived("P7", "99.00", "2025-12-01")],
        idempotencyKey: "bank-2025-12-01-0001",
        outbox: [{ key: "C1-receipt", kind: "send-email", payload: { template: "receipt" } }],
        asOf: AS_OF,
      };
      const first = await store.append(scope, request);
      const second = await store.append(scope, request);
      expect(second).toEqual({ ...first, replayed: true });
      expect(await store.readEvents(scope, "C1")).toHaveLength(version + 1);
      expect(await store.listOutbox(scope)).toHaveLength(1);
      expect(
        await failure(
          store.append(scope, {
            ...request,
            events: [paymentReceived("P8", "1.00", "2025-12-01")],
          }),
        ),
      ).toEqual({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["append.idempotencyKey"] });
    },
  );

  test(
    "events.concurrent-submissions",
    ["events", "case-lists"],
    "stores two concurrent submissions under one key once; both learn the same version",
    async () => {
      await open("C1", sampleCase(2));
      const version = (await store.readEvents(scope, "C1")).length;
      const request = {
        caseId: "C1",
        expectedVersion: version,
        events: [paymentReceived("P7", "99.00", "2025-12-01")],
        idempotencyKey: "double-click",
        asOf: AS_OF,
      };
      const [a, b] = await Promise.all([
        store.append(scope, request),
        store.append(scope, request),
      ]);
      expect(a.version).toBe(version + 1);
      expect(b.version).toBe(version + 1);
      expect([a.replayed, b.replayed].sort()).toEqual([false, true]);
      expect(await store.readEvents(scope, "C1")).toHaveLength(version + 1);
    },
  );

  test(
    "events.invalid-input",
    ["events", "case-lists"],
    "answers bad input with INVALID_INPUT naming the field, and stores nothing",
    async () => {
      const bad = sampleCase(1);
      bad.push({ ...paymentReceived("P1", "12.345", "2025-12-01") });
      expect(await failure(open("C1", bad))).toMatchObject({
        code: "INVALID_INPUT",
        paths: [`append.events.${bad.length - 1}.amount`],
      });
      expect(await store.readEvents(scope, "C1")).toEqual([]);
      expect(await store.getCase(scope, "C1")).toBeNull();
      await open("C1", sampleCase(1));
      const version = (await store.readEvents(scope, "C1")).length;
      const reversal = {
        id: "rev",
        type: "payment.reversed",
        at: "2025-12-01",
        recordedAt: "2025-12-01T09:00:00Z",
        by: "clerk",
        paymentId: "NOPE",
        reason: "bounced",
      } satisfies CaseEventJson;
      expect(
        await failure(
          store.append(scope, {
            caseId: "C1",
            expectedVersion: version,
            events: [reversal],
            asOf: AS_OF,
          }),
        ),
      ).toEqual({ code: "INVALID_INPUT", paths: ["append.events.0.paymentId"] });
      expect(
        await failure(store.append({ tenantId: "" }, { caseId: "C1" } as never)),
      ).toMatchObject({ code: "INVALID_INPUT", paths: ["scope.tenantId"] });
      expect(await failure(store.listCases(scope, { limit: 0 }))).toMatchObject({
        code: "INVALID_INPUT",
        paths: ["query.limit"],
      });
      expect(await failure(store.listCases(scope, { after: "garbage" }))).toMatchObject({
        code: "INVALID_INPUT",
        paths: ["query.after"],
      });
      expect(
        await failure(store.listCases(scope, { sort: "balance", after: '["lots","C1"]' })),
      ).toMatchObject({ code: "INVALID_INPUT", paths: ["query.after"] });
      expect(await failure(open("C2", sampleCase(1, { client: "ghost" })))).toMatchObject({
        code: "NOT_FOUND",
        paths: ["append.events.0.client.id"],
      });
    },
  );

  test(
    "events.unstorable-values",
    ["events", "outbox"],
    "refuses it with the same field error in every store, and stores nothing",
    async () => {
      const base = sampleCase(1);
      const last = base.length;
      const cases: [string, CaseEventJson[], string][] = [
        [
          "a NUL character in a name",
          [{ ...(base[0] as object), caseNumber: "F\u0000-1" } as CaseEventJson, ...base.slice(1)],
          `${at(0)}.caseNumber`,
        ],
        [
          "an unpaired surrogate in a note",
          [...base, noteAdded("n-x", "2025-12-01", "called \uD800 back")],
          `${at(last)}.text`,
        ],
        [
          "a date in the year 0000",
          [...base, { ...paymentReceived("PX", "10.00", "2025-12-01"), at: "0000-01-01" }],
          `${at(last)}.at`,
        ],
        [
          "a date past 9999",
          [...base, { ...paymentReceived("PX", "10.00", "2025-12-01"), at: "10000-01-01" }],
          `${at(last)}.at`,
        ],
        [
          "an amount a numeric(14,2) column cannot hold",
          [...base, paymentReceived("PX", "1000000000000.00", "2025-12-01")],
          `${at(last)}.amount`,
        ],
        [
          "an instant in the year 0000",
          [...base, { ...noteAdded("n-y", "2025-12-01"), recordedAt: "0000-01-01T00:00:00Z" }],
          `${at(last)}.recordedAt`,
        ],
        [
          "a custom field named __proto__",
          [
            ...base,
            {
              id: "f-x",
              type: "fields.set",
              at: "2025-12-01",
              recordedAt: "2025-12-01T09:00:00Z",
              by: "clerk",
              values: JSON.parse('{"__proto__": "x"}'),
            } as CaseEventJson,
          ],
          `${at(last)}.values.__proto__`,
        ],
      ];
      for (const [what, events, path] of cases) {
        expect({ what, ...(await failure(open("C1", events))) }).toEqual({
          what,
          code: "INVALID_INPUT",
          paths: [path],
        });
      }
      let nested: unknown = "leaf";
      for (let depth = 0; depth < 10_000; depth++) nested = { next: nested };
      expect(
        await failure(
          store.append(scope, {
            caseId: "C1",
            expectedVersion: 0,
            events: base,
            outbox: [{ key: "deep", kind: "send-email", payload: { nested } as never }],
            asOf: AS_OF,
          }),
        ),
      ).toEqual({ code: "INVALID_INPUT", paths: ["append.outbox.0.payload.nested"] });
      expect(await failure(store.putClient(scope, { id: "bad", name: "A\u0000" }))).toEqual({
        code: "INVALID_INPUT",
        paths: ["client.name"],
      });
      expect(await store.readEvents(scope, "C1")).toEqual([]);
      expect(await store.getClient(scope, "bad")).toBeNull();
    },
  );

  test(
    "events.storable-text",
    ["events"],
    "stores any text the shared schema takes and gives it back unchanged, and refuses the rest naming the field",
    async () => {
      await open("C1");
      let version = (await store.readEvents(scope, "C1")).length;
      await fc.assert(
        fc.asyncProperty(
          fc.string({ unit: "binary", minLength: 1, maxLength: 40 }),
          async (text) => {
            const note = noteAdded(`n-${version}`, "2025-12-01", text);
            const append = store.append(scope, {
              caseId: "C1",
              expectedVersion: version,
              events: [note],
              asOf: AS_OF,
            });
            if (isStorableText(text)) {
              await append;
              version++;
              const events = await store.readEvents(scope, "C1");
              const last = events.at(-1);
              expect(last === undefined ? undefined : (last.event as { text: string }).text).toBe(
                text,
              );
            } else {
              expect(await failure(append)).toEqual({
                code: "INVALID_INPUT",
                paths: ["append.events.0.text"],
              });
            }
          },
        ),
        { numRuns: 40, seed: 20261127 },
      );
    },
  );

  test(
    "events.append-many",
    ["events", "case-lists", "outbox"],
    "answers each request of appendMany with its result or its own error, and stores the rest",
    async () => {
      await open("C1", sampleCase(2));
      const version = (await store.readEvents(scope, "C1")).length;
      const badAmount = [...sampleCase(5), paymentReceived("PX", "1.005", "2025-12-01")];
      const outcomes = await store.appendMany(scope, [
        {
          caseId: "N1",
          expectedVersion: 0,
          events: sampleCase(3),
          idempotencyKey: "n1",
          asOf: AS_OF,
        },
        {
          caseId: "C1",
          expectedVersion: version,
          events: [paymentReceived("P9", "10.00", "2025-12-01")],
          outbox: [{ key: "C1-receipt", kind: "send-email", payload: { to: "x@example.be" } }],
          asOf: AS_OF,
        },
        {
          caseId: "C1",
          expectedVersion: version,
          events: [noteAdded("n9", "2025-12-02")],
          asOf: AS_OF,
        },
        { caseId: "N2", expectedVersion: 0, events: badAmount, asOf: AS_OF },
        {
          caseId: "N3",
          expectedVersion: 0,
          events: sampleCase(4, { client: "ghost" }),
          asOf: AS_OF,
        },
        {
          caseId: "N1",
          expectedVersion: 0,
          events: sampleCase(3),
          idempotencyKey: "n1",
          asOf: AS_OF,
        },
        { caseId: "N4", expectedVersion: 0, events: sampleCase(6), asOf: AS_OF },
      ]);
      const shapes = outcomes.map((outcome) =>
        outcome.ok
          ? outcome.result
          : { code: outcome.error.code, paths: outcome.error.issues.map((issue) => issue.path) },
      );
      expect(shapes).toEqual([
        { caseId: "N1", previousVersion: 0, version: sampleCase(3).length, replayed: false },
        { caseId: "C1", previousVersion: version, version: version + 1, replayed: false },
        { code: "VERSION_CONFLICT", paths: ["append.expectedVersion"] },
        { code: "INVALID_INPUT", paths: [`append.events.${badAmount.length - 1}.amount`] },
        { code: "NOT_FOUND", paths: ["append.events.0.client.id"] },
        { caseId: "N1", previousVersion: 0, version: sampleCase(3).length, replayed: true },
        { caseId: "N4", previousVersion: 0, version: sampleCase(6).length, replayed: false },
      ]);
      expect(await store.readEvents(scope, "N1")).toHaveLength(sampleCase(3).length);
      expect((await store.readEvents(scope, "C1")).at(-1)?.event.type).toBe("payment.received");
      expect(await store.readEvents(scope, "N2")).toEqual([]);
      expect(await store.getCase(scope, "N3")).toBeNull();
      expect((await store.getCase(scope, "N4"))?.version).toBe(sampleCase(6).length);
      expect((await store.listOutbox(scope)).map((message) => message.id)).toEqual(["C1-receipt"]);
      expect(await store.appendMany(scope, [])).toEqual([]);
      const tooMany = Array.from({ length: APPEND_MANY_LIMIT + 1 }, (_, i) => ({
        caseId: `M${i}`,
        expectedVersion: 0,
        events: sampleCase(i),
        asOf: AS_OF,
      }));
      expect(await failure(store.appendMany(scope, tooMany))).toEqual({
        code: "INVALID_INPUT",
        paths: ["appendMany"],
      });
      expect(await failure(store.appendMany(scope, "N5" as never))).toEqual({
        code: "INVALID_INPUT",
        paths: ["appendMany"],
      });
      expect(await store.getCase(scope, "M0")).toBeNull();
      expect(
        await failure(
          store.appendMany({ ...scope, clientId: "acme" }, [
            { caseId: "N5", expectedVersion: 0, events: sampleCase(7), asOf: AS_OF },
          ]),
        ),
      ).toMatchObject({ code: "FORBIDDEN" });
      expect(await store.getCase(scope, "N5")).toBeNull();
    },
  );

  test(
    "events.append-many-in-turn",
    ["events", "case-lists", "outbox"],
    "appendMany answers and stores as appending the requests one after another would",
    async () => {
      const ids = ["A", "B", "C", "D"];
      const request = fc.record({
        caseId: fc.constantFrom(...ids),
        kind: fc.constantFrom("open", "open", "add", "add", "stale", "bad", "ghost"),
        seed: fc.nat(30),
        key: fc.option(fc.constantFrom("k1", "k2", "k3"), { freq: 2 }),
        message: fc.option(fc.constantFrom("m1", "m2"), { freq: 2 }),
      });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.subarray(ids),
          fc.array(request, { minLength: 1, maxLength: 10 }),
          async (opened, requests) => {
            run++;
            const sides = [
              { tenantId: `${scope.tenantId}-many-${run}` },
              { tenantId: `${scope.tenantId}-turn-${run}` },
            ];
            const versions = new Map<string, number>();
            for (const side of sides) {
              await store.putClient(side, { id: "acme", name: "Acme NV" });
              for (const [n, caseId] of opened.entries()) {
                const events = sampleCase(n + 1);
                await store.append(side, { caseId, expectedVersion: 0, events, asOf: AS_OF });
                versions.set(caseId, events.length);
              }
            }
            const appends = requests.map((r, n) => ({
              caseId: r.caseId,
              expectedVersion:
                r.kind === "open" || r.kind === "ghost"
                  ? 0
                  : Math.max(0, (versions.get(r.caseId) ?? 0) - (r.kind === "stale" ? 1 : 0)),
              events:
                r.kind === "open"
                  ? sampleCase(r.seed)
                  : r.kind === "ghost"
                    ? sampleCase(r.seed, { client: "ghost" })
                    : r.kind === "bad"
                      ? [paymentReceived(`P${n}`, "0.001", "2025-12-01")]
                      : [paymentReceived(`P${n}`, `${r.seed + 1}.00`, "2025-12-01")],
              ...(r.key === null ? {} : { idempotencyKey: r.key }),
              ...(r.message === null
                ? {}
                : { outbox: [{ key: r.message, kind: "send-email", payload: { n } }] }),
              asOf: AS_OF,
            }));
            const shape = (outcome: AppendOutcome) =>
              outcome.ok
                ? outcome.result
                : {
                    code: outcome.error.code,
                    message: outcome.error.message,
                    paths: outcome.error.issues.map((issue) => issue.path),
                  };
            const many = (await store.appendMany(sides[0] as StoreScope, appends)).map(shape);
            const turn: AppendOutcome[] = [];
            for (const append of appends) {
              try {
                turn.push({ ok: true, result: await store.append(sides[1] as StoreScope, append) });
              } catch (error) {
                if (!(error instanceof IncassoError)) throw error;
                turn.push({ ok: false, error });
              }
            }
            expect(many).toEqual(turn.map(shape));
            const stored = async (side: StoreScope) => ({
              cases: await Promise.all(
                ids.map(async (caseId) => [
                  await store.readEvents(side, caseId),
                  await store.getCase(side, caseId),
                ]),
              ),
              outbox: (await store.listOutbox(side)).map((message) => [
                message.id,
                message.caseVersion,
                message.caseId,
                message.payload,
              ]),
            });
            expect(await stored(sides[0] as StoreScope)).toEqual(
              await stored(sides[1] as StoreScope),
            );
          },
        ),
        { numRuns: 30, seed: 20261128 },
      );
    },
  );

  test(
    "events.append-many-races",
    ["events", "case-lists"],
    "creates each case once when appendMany races with single creators of the same cases",
    async () => {
      const ids = Array.from({ length: 40 }, (_, i) => `R${String(i).padStart(2, "0")}`);
      const request = (caseId: string, seed: number) => ({
        caseId,
        expectedVersion: 0,
        events: sampleCase(seed),
        asOf: AS_OF,
      });
      const [many, ...singles] = await Promise.allSettled([
        store.appendMany(
          scope,
          ids.map((caseId) => request(caseId, 1)),
        ),
        ...ids.filter((_, i) => i % 2 === 0).map((caseId) => open(caseId, sampleCase(2))),
      ]);
      expect(many?.status).toBe("fulfilled");
      const outcomes = many?.status === "fulfilled" ? many.value : [];
      for (const [i, caseId] of ids.entries()) {
        const outcome = outcomes[i];
        const single = i % 2 === 0 ? singles[i / 2] : undefined;
        const created = (outcome?.ok ? 1 : 0) + (single?.status === "fulfilled" ? 1 : 0);
        expect({ caseId, created }).toEqual({ caseId, created: 1 });
        if (outcome !== undefined && !outcome.ok)
          expect(outcome.error).toBeInstanceOf(StoreConflictError);
        const events = await store.readEvents(scope, caseId);
        const row = await store.getCase(scope, caseId);
        expect(row?.version).toBe(events.length);
        // The winner's case: sampleCase(1) numbers it 2025/00001, sampleCase(2) 2025/00002.
        expect(events[0]?.event).toMatchObject({
          caseNumber: outcome?.ok ? "2025/00001" : "2025/00002",
        });
      }
    },
  );
};

/**
 * Registers the conformance tests of the events port (`CaseEventStore` of
 * `@incasso/core`): events read back in version order as validated, appends at the current
 * version, optimistic concurrency (a stale writer gets a typed conflict and stores nothing; of
 * two concurrent writers, and of two creators of one case, one wins), idempotency keys (a retry
 * and two concurrent submissions store once), input validation naming the field, and the values
 * a database cannot hold refused the same way in every store.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeCaseEventStoreConformance } from "@incasso/testkit";
 * describeCaseEventStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeCaseEventStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("events port", options, caseEventStoreTests);
}
