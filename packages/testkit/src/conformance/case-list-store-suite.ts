import type { CaseEventJson, CaseRow, CaseStore, StoreScope } from "@incasso/core";
import { parseCaseEvents, parseIsoDate } from "@incasso/core";
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
};

/**
 * Registers the conformance tests of the case-list port (`CaseListStore`): the row equal
 * to the projection of the events, keyset pages complete and ordered in every sort order, the
 * filters, and pages stable while cases are added.
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
