import type { CaseEventJson, CaseRow, CaseStore, StoreScope } from "@incasso/core";
import { caseKeysOf, parseCaseEvents, parseIsoDate } from "@incasso/core";
import { compareRows, projectCase } from "@incasso/core/adapter-kit";
import { Decimal } from "decimal.js";
import { beforeEach, expect } from "vitest";
import { sampleCase } from "../store-fixtures.js";
import type { PortTests } from "./port-suite.js";
import { AS_OF, describePortSuite } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the case-list port. */
export const caseListStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });
  const open = async (caseId: string, events: CaseEventJson[] = sampleCase(1)) =>
    store.append(scope, { caseId, expectedVersion: 0, events, asOf: AS_OF });
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

  test(
    "case-lists.row-is-projection",
    ["events", "case-lists"],
    "keeps the case row equal to the projection of its events as of the append's date",
    async () => {
      const events = sampleCase(5);
      await open("C1", events);
      const terms = await store.getTerms(scope, "acme");
      const expected = projectCase("C1", parseCaseEvents(events), parseIsoDate(AS_OF), {
        terms,
        scenarios: await store.listScenarios(scope, "acme"),
      }).row;
      expect(await store.getCase(scope, "C1")).toEqual(expected);
      expect(await store.getCase(scope, "nope")).toBeNull();
    },
  );

  test(
    "case-lists.owner-and-suspension",
    ["events", "case-lists"],
    "lists a case under the owner last assigned and with the status suspended while it is",
    async () => {
      await open("C1", sampleCase(2));
      const at = (day: string) => ({ at: day, recordedAt: `${day}T09:00:00Z`, by: "clerk" });
      await store.append(scope, {
        caseId: "C1",
        expectedVersion: (await store.readEvents(scope, "C1")).length,
        events: [
          { id: "own", type: "case.owner-assigned", owner: "bart.claes", ...at("2026-01-10") },
          {
            id: "sus",
            type: "case.suspended",
            reason: "client negotiates",
            until: "2026-03-01",
            ...at("2026-01-12"),
          },
        ],
        asOf: AS_OF,
      });
      const row = await store.getCase(scope, "C1");
      expect(row).toMatchObject({ owner: "bart.claes", status: "suspended" });
      expect(row?.nextActionDate).toBe("2026-03-01");
      const listed = await store.listCases(scope, { owner: "bart.claes", limit: 10 });
      expect(listed.items.map((r) => r.caseId)).toEqual(["C1"]);
      const suspended = await store.listCases(scope, { status: ["suspended"], limit: 10 });
      expect(suspended.items.map((r) => r.caseId)).toEqual(["C1"]);
      expect((await store.listCases(scope, { owner: "an.peeters", limit: 10 })).items).toEqual([]);
    },
  );

  test(
    "case-lists.every-order",
    ["events", "case-lists"],
    "pages through every sort order completely, in order, without repeats",
    async () => {
      await seed(23);
      for (const sort of ["case-id", "next-action", "balance", "last-contact"] as const) {
        const paged = await all({ sort }, 4);
        const whole = (await store.listCases(scope, { sort, limit: 1000 })).items;
        expect(paged.map((r) => r.caseId)).toEqual(whole.map((r) => r.caseId));
        expect(new Set(paged.map((r) => r.caseId)).size).toBe(23);
        const sorted = [...whole].sort((a, b) => compareRows(sort, a, b));
        expect(whole.map((r) => r.caseId)).toEqual(sorted.map((r) => r.caseId));
      }
    },
  );

  test(
    "case-lists.filters",
    ["events", "case-lists"],
    "filters by client, owner, status, group, bucket, dates, balance and case-id range",
    async () => {
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
      await check({ lastContactFrom: "2025-10-01" }, (r) => (r.lastContact ?? "") >= "2025-10-01");
      await check(
        { caseIdFrom: "C005", caseIdTo: "C010" },
        (r) => r.caseId >= "C005" && r.caseId < "C010",
      );
      await check({ caseNumbers: ["2025/00003", "2025/00011", "2025/99999"] }, (r) =>
        ["2025/00003", "2025/00011"].includes(r.caseNumber),
      );
      await check({ caseNumbers: ["2025/00004"], owner: "bart.claes" }, () => false);
      const debtors = [...new Set(whole.flatMap((r) => r.debtorIds))].sort().slice(0, 2);
      expect(debtors.length).toBeGreaterThan(0);
      await check({ debtorIds: [...debtors, "no-such-debtor"] }, (r) =>
        r.debtorIds.some((id) => debtors.includes(id)),
      );
      await check({ debtorIds: ["no-such-debtor"] }, () => false);
    },
  );

  test(
    "case-lists.stable-pages",
    ["events", "case-lists"],
    "keeps pages stable while cases are added: nothing seen is repeated, nothing before is skipped",
    async () => {
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
    },
  );

  const keyed = (seedNumber: number, debtor: string, client = "acme"): CaseEventJson[] => {
    const [opened, ...rest] = sampleCase(seedNumber, { debtor, client });
    return [
      {
        ...(opened as Extract<CaseEventJson, { type: "case.opened" }>),
        paymentReference: `+++${String(100 + seedNumber).padStart(3, "0")}/0000/000${String(seedNumber).padStart(2, "0")}+++`,
        externalFileNumber: `EXT-${seedNumber}`,
      },
      ...rest,
    ];
  };

  test(
    "case-lists.find-by-keys",
    ["events", "case-lists"],
    "finds cases by every key caseKeysOf gives their events, once per case and key, in kind, key and case order",
    async () => {
      await store.putClient(scope, { id: "beta", name: "Beta BV" });
      const cases = {
        K1: keyed(1, "D7"),
        K2: keyed(2, "D7", "beta"),
        K3: keyed(3, "D8"),
      };
      for (const [caseId, events] of Object.entries(cases)) await open(caseId, events);
      await store.append(scope, {
        caseId: "K3",
        expectedVersion: cases.K3.length,
        events: [
          {
            id: "bank-1",
            type: "payment.received",
            at: "2025-11-03",
            recordedAt: "2025-11-03T10:00:00Z",
            by: "bank",
            paymentId: "B1",
            amount: "10.00",
            bank: {
              account: "BE68539007547034",
              entryReference: "2025/100-0001",
              counterpartyIban: "be71 0961 2345 6769",
            },
          },
        ],
        asOf: AS_OF,
      });
      const stored = await Promise.all(
        ["K1", "K2", "K3"].map(async (caseId) => ({
          caseId,
          keys: caseKeysOf((await store.readEvents(scope, caseId)).map((e) => e.event)),
        })),
      );
      const everyKey = stored.flatMap(({ keys }) => keys);
      expect(everyKey).toContainEqual({ kind: "counterparty-iban", key: "BE71096123456769" });
      const expected = stored
        .flatMap(({ caseId, keys }) => keys.map((key) => ({ caseId, ...key })))
        .sort(
          (a, b) =>
            (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0) ||
            (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
            (a.caseId < b.caseId ? -1 : 1),
        );
      const unique = [...new Map(everyKey.map((key) => [`${key.kind}:${key.key}`, key])).values()];
      expect(await store.findCasesByKeys(scope, { keys: unique })).toEqual(expected);
      expect(
        await store.findCasesByKeys(scope, {
          keys: [
            { kind: "debtor", key: "D7" },
            { kind: "payment-reference", key: "103000000003" },
            { kind: "case-number", key: "103000000003" },
            { kind: "client-reference", key: "EXT2" },
            { kind: "invoice-number", key: "NOPE" },
          ],
        }),
      ).toEqual([
        { caseId: "K2", kind: "client-reference", key: "EXT2" },
        { caseId: "K1", kind: "debtor", key: "D7" },
        { caseId: "K2", kind: "debtor", key: "D7" },
        { caseId: "K3", kind: "payment-reference", key: "103000000003" },
      ]);
      expect(await store.findCasesByKeys(scope, { keys: [] })).toEqual([]);
      await expect(
        store.findCasesByKeys(scope, { keys: [{ kind: "colour", key: "x" }] } as never),
      ).rejects.toMatchObject({ code: "INVALID_INPUT", issues: [{ path: "query.keys.0.kind" }] });
      if (scope.clientId === undefined) {
        const portal = { ...scope, clientId: "beta" };
        expect(
          await store.findCasesByKeys(portal, { keys: [{ kind: "debtor", key: "D7" }] }),
        ).toEqual([{ caseId: "K2", kind: "debtor", key: "D7" }]);
      }
    },
  );
};

/**
 * Registers the conformance tests of the case-list port (`CaseListStore`): the row equal
 * to the projection of the events, keyset pages complete and ordered in every sort order, the
 * filters, pages stable while cases are added, and cases found by their keys.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeCaseListStoreConformance } from "@incasso/testkit";
 * describeCaseListStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeCaseListStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("case-list port", options, caseListStoreTests);
}
