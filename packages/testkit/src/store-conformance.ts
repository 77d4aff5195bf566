import type { CaseEventJson, CaseRow, CaseStore, StoreScope } from "@incasso/core";
import {
  IncassoError,
  isStorableText,
  parseCaseEvents,
  parseIsoDate,
  projectCase,
  runDailyShard,
  StoreConflictError,
} from "@incasso/core";
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { compareRows } from "./case-order.js";
import { createMemoryStore } from "./memory-store.js";
import {
  claimAdded,
  noteAdded,
  openedCase,
  paymentReceived,
  promiseRecorded,
  reminderScenario,
  sampleCase,
  scenarioStarted,
} from "./store-fixtures.js";
import { describeStoreModel } from "./store-model.js";

/**
 * How the conformance suite gets a store: `create` makes one (once per suite), `reset` empties it
 * before each test (optional: every test also uses tenants of its own), `dispose` releases it.
 * `modelRuns` sets how many random operation sequences the model-based test tries (default 25;
 * 0 leaves the test out, for the reference store itself).
 *
 * @example
 * ```ts
 * import type { StoreConformanceOptions } from "@incasso/testkit";
 * import { createMemoryStore } from "@incasso/testkit";
 * const options: StoreConformanceOptions = { name: "memory", create: async () => createMemoryStore() };
 * ```
 */
export interface StoreConformanceOptions {
  readonly name: string;
  readonly create: () => Promise<CaseStore>;
  readonly reset?: (store: CaseStore) => Promise<void>;
  readonly dispose?: (store: CaseStore) => Promise<void>;
  readonly modelRuns?: number;
}

let tenantCounter = 0;
/** A tenant id no other test of this process uses. */
export function uniqueTenant(prefix = "t"): string {
  tenantCounter++;
  return `${prefix}-${tenantCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

const AS_OF = "2026-01-31";

/** The code and field paths of an error, which the suite compares between adapters. */
async function failure(promise: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IncassoError)
      return { code: error.code, paths: error.issues.map((issue) => issue.path) };
    throw error;
  }
  throw new Error("expected the store call to fail, and it succeeded");
}

/**
 * Registers the storage port's conformance tests (vitest) for an adapter: round trips of every
 * kind of record, event order, optimistic concurrency (a stale writer gets a
 * `StoreConflictError` and nothing of its append is stored), idempotency keys, input
 * validation naming the field, keyset pagination that is stable and complete in every sort order,
 * tenant and client-portal isolation, the outbox with two concurrent claimers, leases and exactly
 * once completion, the stored agenda and the daily run (idempotent, shards cover every case once),
 * and a model-based test comparing the adapter with the in-memory reference store on random
 * operation sequences.
 *
 * @example
 * ```ts
 * import { createMemoryStore, describeStoreConformance } from "@incasso/testkit";
 * describeStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeStoreConformance(options: StoreConformanceOptions): void {
  describe(`storage port conformance: ${options.name}`, () => {
    let store: CaseStore;
    let scope: StoreScope;
    beforeAll(async () => {
      store = await options.create();
    });
    afterAll(async () => {
      await options.dispose?.(store);
    });
    beforeEach(async () => {
      await options.reset?.(store);
      scope = { tenantId: uniqueTenant() };
      await store.putClient(scope, { id: "acme", name: "Acme NV" });
    });

    const open = async (caseId: string, events: CaseEventJson[] = sampleCase(1)) =>
      store.append(scope, { caseId, expectedVersion: 0, events, asOf: AS_OF });

    describe("round trips", () => {
      it("stores a case's events and reads them back in version order, as validated", async () => {
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
      });

      it("appends at the current version and keeps the earlier events untouched", async () => {
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
      });

      it("keeps the case row equal to the projection of its events as of the append's date", async () => {
        const events = sampleCase(5);
        await open("C1", events);
        const terms = await store.getTerms(scope, "acme");
        const expected = projectCase("C1", parseCaseEvents(events), parseIsoDate(AS_OF), {
          terms,
          scenarios: await store.listScenarios(scope, "acme"),
        }).row;
        expect(await store.getCase(scope, "C1")).toEqual(expected);
        expect(await store.getCase(scope, "nope")).toBeNull();
      });

      it("stores clients, debtors with contacts, terms and every scenario version", async () => {
        await store.putClient(scope, { id: "beta", name: "Beta BV", reference: "K-9" });
        expect(await store.getClient(scope, "beta")).toEqual({
          id: "beta",
          name: "Beta BV",
          reference: "K-9",
        });
        expect((await store.listClients(scope)).map((c) => c.id)).toEqual(["acme", "beta"]);
        const debtor = {
          id: "D7",
          kind: "natural-person",
          name: "Jan Peeters",
          language: "nl",
          consumer: true,
          contacts: [
            {
              id: "m1",
              kind: "email",
              value: "jan@example.be",
              source: "client",
              date: "2025-01-02",
            },
          ],
        };
        await store.putDebtor(scope, debtor);
        expect(await store.getDebtor(scope, "D7")).toEqual({
          ...debtor,
          contacts: [{ ...debtor.contacts[0], current: true }],
        });
        await store.putTerms(scope, "acme", { defaultScenario: "be-reminders" });
        expect(await store.getTerms(scope, "acme")).toEqual({ defaultScenario: "be-reminders" });
        expect(
          await failure(store.putTerms(scope, "ghost", { defaultScenario: "x" })),
        ).toMatchObject({ code: "NOT_FOUND", paths: ["clientId"] });
        await store.putScenario(scope, "acme", reminderScenario(1));
        await store.putScenario(scope, "acme", reminderScenario(2));
        await store.putScenario(scope, "acme", reminderScenario(1));
        const scenarios = await store.listScenarios(scope, "acme");
        expect(scenarios.map((s) => [s.id, s.version])).toEqual([["be-reminders", 2]]);
        expect(
          await failure(
            store.putScenario(scope, "acme", { ...reminderScenario(1), name: "Other" }),
          ),
        ).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
      });

      it("stores import batches with their row results, once", async () => {
        const batch = {
          id: "B1",
          clientId: "acme",
          source: "cases.csv",
          contentHash: "sha256:01",
          importedAt: "2026-01-31T09:00:00Z",
          rows: [
            { row: 2, outcome: "imported" as const, caseId: "C1" },
            {
              row: 3,
              outcome: "error" as const,
              errors: [{ field: "amount", message: "expected an amount" }],
            },
          ],
        };
        const first = await store.saveImportBatch(scope, batch);
        expect(first.replayed).toBe(false);
        expect(first.batch.rows[0]?.errors).toEqual([]);
        const again = await store.saveImportBatch(scope, batch);
        expect(again).toEqual({ batch: first.batch, replayed: true });
        expect(await store.getImportBatch(scope, "B1")).toEqual(first.batch);
        expect(await store.listImportBatches(scope, { clientId: "acme" })).toEqual([first.batch]);
        expect(
          await failure(store.saveImportBatch(scope, { ...batch, contentHash: "sha256:02" })),
        ).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED", paths: ["batch.id"] });
      });
    });

    describe("optimistic concurrency", () => {
      it("refuses a stale writer with a typed conflict and stores nothing of its append", async () => {
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
      });

      it("lets one of two concurrent writers at the same version win; the other retries after reading again", async () => {
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
      });

      it("lets only one of two writers create the same new case", async () => {
        const results = await Promise.allSettled([
          open("C1", sampleCase(1)),
          open("C1", sampleCase(2)),
        ]);
        expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
        const lost = results.find((r) => r.status === "rejected");
        expect(lost?.status === "rejected" && lost.reason).toBeInstanceOf(StoreConflictError);
      });
    });

    describe("idempotency", () => {
      it("stores a payment registered twice under one key once and answers the same result", async () => {
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
      });

      it("stores two concurrent submissions under one key once; both learn the same version", async () => {
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
      });
    });

    describe("validation", () => {
      it("answers bad input with INVALID_INPUT naming the field, and stores nothing", async () => {
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
      });
    });

    describe("what a database cannot hold", () => {
      const at = (index: number) => `append.events.${index}`;
      it("refuses it with the same field error in every store, and stores nothing", async () => {
        const base = sampleCase(1);
        const last = base.length;
        const cases: [string, CaseEventJson[], string][] = [
          [
            "a NUL character in a name",
            [
              { ...(base[0] as object), caseNumber: "F\u0000-1" } as CaseEventJson,
              ...base.slice(1),
            ],
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
      });

      it("stores any text the shared schema takes and gives it back unchanged, and refuses the rest naming the field", async () => {
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
      });
    });

    describe("lists and keyset pagination", () => {
      const seed = async (count: number) => {
        await store.putClient(scope, { id: "beta", name: "Beta BV" });
        for (let i = 0; i < count; i++) {
          await open(
            `C${String(i).padStart(3, "0")}`,
            sampleCase(i, {
              client: i % 3 === 0 ? "beta" : "acme",
              owner: i % 2 === 0 ? "an.peeters" : "bart.claes",
              ...(i % 4 === 0 ? { collectionGroup: "energy" } : {}),
            }),
          );
        }
      };
      const all = async (query: Parameters<CaseStore["listCases"]>[1], limit: number) => {
        const rows: CaseRow[] = [];
        let after: string | undefined;
        for (let pages = 0; pages < 100; pages++) {
          const page = await store.listCases(scope, {
            ...query,
            limit,
            ...(after === undefined ? {} : { after }),
          });
          rows.push(...page.items);
          if (page.nextCursor === null) return rows;
          after = page.nextCursor;
        }
        throw new Error("pagination did not end");
      };

      it("pages through every sort order completely, in order, without repeats", async () => {
        await seed(23);
        for (const sort of ["case-id", "next-action", "balance", "last-contact"] as const) {
          const paged = await all({ sort }, 4);
          const whole = (await store.listCases(scope, { sort, limit: 1000 })).items;
          expect(paged.map((r) => r.caseId)).toEqual(whole.map((r) => r.caseId));
          expect(new Set(paged.map((r) => r.caseId)).size).toBe(23);
          const sorted = [...whole].sort((a, b) => compareRows(sort, a, b));
          expect(whole.map((r) => r.caseId)).toEqual(sorted.map((r) => r.caseId));
        }
      });

      it("filters by client, owner, status, group, bucket, dates, balance and case-id range", async () => {
        await seed(17);
        const whole = (await store.listCases(scope, { limit: 1000 })).items;
        const check = async (
          query: Parameters<CaseStore["listCases"]>[1],
          keep: (row: CaseRow) => boolean,
        ) => {
          const listed = (await store.listCases(scope, { ...query, limit: 1000 })).items;
          expect(listed.map((r) => r.caseId)).toEqual(whole.filter(keep).map((r) => r.caseId));
        };
        await check({ clientId: "beta" }, (r) => r.clientId === "beta");
        await check({ owner: "bart.claes" }, (r) => r.owner === "bart.claes");
        await check({ status: ["paid", "closed"] }, (r) => ["paid", "closed"].includes(r.status));
        await check({ collectionGroup: "energy" }, (r) => r.collectionGroup === "energy");
        const bucket = whole[0]?.agingBucket ?? "";
        await check({ agingBucket: bucket }, (r) => r.agingBucket === bucket);
        await check(
          { nextActionFrom: "2025-12-01", nextActionTo: "2025-12-15" },
          (r) =>
            r.nextActionDate !== null &&
            r.nextActionDate >= "2025-12-01" &&
            r.nextActionDate <= "2025-12-15",
        );
        await check(
          { balanceMin: "300.00", balanceMax: "700.00" },
          (r) =>
            r.balance !== null &&
            new Decimal(r.balance).gte("300.00") &&
            new Decimal(r.balance).lte("700.00"),
        );
        await check(
          { lastContactFrom: "2025-10-01" },
          (r) => (r.lastContact ?? "") >= "2025-10-01",
        );
        await check(
          { caseIdFrom: "C005", caseIdTo: "C010" },
          (r) => r.caseId >= "C005" && r.caseId < "C010",
        );
      });

      it("keeps pages stable while cases are added: nothing seen is repeated, nothing before is skipped", async () => {
        await seed(12);
        const first = await store.listCases(scope, { sort: "balance", limit: 5 });
        await open("C500", sampleCase(500));
        await open("A000", sampleCase(501));
        const rest = await all(
          { sort: "balance", ...(first.nextCursor === null ? {} : { after: first.nextCursor }) },
          5,
        );
        const seen = [...first.items, ...rest].map((r) => r.caseId);
        expect(new Set(seen).size).toBe(seen.length);
        for (let i = 0; i < 12; i++) expect(seen).toContain(`C${String(i).padStart(3, "0")}`);
      });
    });

    describe("tenancy", () => {
      it("never shows one tenant's data to another, even under the same ids", async () => {
        const other = { tenantId: uniqueTenant("other") };
        await open("C1", sampleCase(2));
        await store.putTerms(scope, "acme", { defaultScenario: "x" });
        await store.putDebtor(scope, {
          id: "D1",
          kind: "legal-person",
          name: "Debtor BV",
          language: "nl",
          consumer: false,
        });
        expect(await store.readEvents(other, "C1")).toEqual([]);
        expect(await store.getCase(other, "C1")).toBeNull();
        expect((await store.listCases(other)).items).toEqual([]);
        expect(await store.getClient(other, "acme")).toBeNull();
        expect(await store.listClients(other)).toEqual([]);
        expect(await store.getDebtor(other, "D1")).toBeNull();
        expect(await store.getTerms(other, "acme")).toBeNull();
        await store.putClient(other, { id: "acme", name: "Other Acme" });
        await store.append(other, {
          caseId: "C1",
          expectedVersion: 0,
          events: sampleCase(9),
          asOf: AS_OF,
        });
        expect((await store.readEvents(scope, "C1")).length).toBe(sampleCase(2).length);
        expect((await store.getClient(scope, "acme"))?.name).toBe("Acme NV");
        expect(
          await store.claimOutbox(other, { worker: "w", now: "2026-01-31T09:00:00Z" }),
        ).toEqual([]);
      });

      it("shows a client-portal scope only its client's cases, and refuses its writes", async () => {
        await store.putClient(scope, { id: "beta", name: "Beta BV" });
        await open("A1", sampleCase(1, { client: "acme", debtor: "DA" }));
        await open("B1", sampleCase(2, { client: "beta", debtor: "DB" }));
        for (const id of ["DA", "DB"])
          await store.putDebtor(scope, {
            id,
            kind: "legal-person",
            name: id,
            language: "fr",
            consumer: false,
          });
        const portal = { ...scope, clientId: "beta" };
        expect((await store.listCases(portal)).items.map((r) => r.caseId)).toEqual(["B1"]);
        expect(
          (await store.listCases(portal, { clientId: "acme" })).items.map((r) => r.caseId),
        ).toEqual([]);
        expect(await store.getCase(portal, "A1")).toBeNull();
        expect(await store.readEvents(portal, "A1")).toEqual([]);
        expect((await store.readEvents(portal, "B1")).length).toBeGreaterThan(0);
        expect(await store.getDebtor(portal, "DA")).toBeNull();
        expect((await store.getDebtor(portal, "DB"))?.id).toBe("DB");
        expect((await store.listClients(portal)).map((c) => c.id)).toEqual(["beta"]);
        expect(
          await failure(
            store.append(portal, {
              caseId: "B1",
              expectedVersion: 99,
              events: [noteAdded("x", "2025-12-01")],
              asOf: AS_OF,
            }),
          ),
        ).toMatchObject({ code: "FORBIDDEN", paths: ["scope.clientId"] });
        expect(await failure(store.putClient(portal, { id: "beta", name: "x" }))).toMatchObject({
          code: "FORBIDDEN",
        });
      });
    });

    describe("the outbox", () => {
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

      it("writes messages with their events and hands them out in the order written", async () => {
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
      });

      it("never gives two concurrent claimers the same message", async () => {
        await withMessages(30);
        const [a, b] = await Promise.all([
          store.claimOutbox(scope, { worker: "w1", limit: 20, now }),
          store.claimOutbox(scope, { worker: "w2", limit: 20, now }),
        ]);
        const ids = [...a, ...b].map((m) => m.id);
        expect(new Set(ids).size).toBe(ids.length);
        expect(ids.length).toBe(30);
        expect(await store.claimOutbox(scope, { worker: "w3", now })).toEqual([]);
      });

      it("holds a message until notBefore, and lets another worker take over a lapsed claim", async () => {
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
        expect(
          await store.claimOutbox(scope, { worker: "w2", now: "2026-01-31T10:00:59Z" }),
        ).toEqual([]);
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
      });

      it("marks a message sent or failed exactly once", async () => {
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
        expect(
          await store.claimOutbox(scope, { worker: "w2", now: "2026-02-28T09:00:00Z" }),
        ).toEqual([]);
        expect((await store.listOutbox(scope, { status: "sent" })).map((m) => m.id)).toEqual([
          "M000",
        ]);
      });

      it("refuses a message key used before", async () => {
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
    });

    describe("the agenda and the daily run", () => {
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

      it("stores each case's due actions once, however often the run is repeated", async () => {
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
      });

      it("drops an open entry a rerun no longer gives, also after a later date ran", async () => {
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
      });

      it("covers every case exactly once when the run is split into shards", async () => {
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
      });

      it("records a disposition with its event on the case, once, and keeps it across runs", async () => {
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
      });

      it("pages the agenda by due date and id, and filters it", async () => {
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
        expect((await store.listAgenda({ tenantId: uniqueTenant() }, { runDate })).items).toEqual(
          [],
        );
      });
    });

    const runs = options.modelRuns ?? 25;
    if (runs > 0) describeStoreModel(() => store, runs);
  });
}

/**
 * Registers the conformance suite against the in-memory reference store. The model-based test is
 * left out: the reference store is the model, and comparing it with itself proves nothing.
 *
 * @example
 * ```ts
 * import { describeMemoryStoreConformance } from "@incasso/testkit";
 * describeMemoryStoreConformance();
 * ```
 */
export function describeMemoryStoreConformance(): void {
  describeStoreConformance({
    name: "in-memory",
    create: async () => createMemoryStore(),
    modelRuns: 0,
  });
}
