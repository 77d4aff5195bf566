import type { CaseEventJson, CaseStore, StoreScope } from "@incasso/core";
import { beforeEach, expect } from "vitest";
import { noteAdded, sampleCase } from "../store-fixtures.js";
import type { PortTests } from "./port-suite.js";
import { AS_OF, describePortSuite, failure, uniqueTenant } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of store scopes. */
export const storeScopeTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });
  const open = async (caseId: string, events: CaseEventJson[] = sampleCase(1)) =>
    store.append(scope, { caseId, expectedVersion: 0, events, asOf: AS_OF });

  test(
    "scopes.tenant-isolation",
    ["events", "case-lists", "outbox"],
    "never shows one tenant's data to another, even under the same ids",
    async () => {
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
      expect(await store.claimOutbox(other, { worker: "w", now: "2026-01-31T09:00:00Z" })).toEqual(
        [],
      );
    },
  );

  test(
    "scopes.client-portal",
    ["events", "case-lists"],
    "shows a client-portal scope only its client's cases, and refuses its writes",
    async () => {
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
    },
  );
};

/**
 * Registers the conformance tests of the scopes of every port: one tenant never sees another's
 * data, even under the same ids, and a client-portal scope sees only its client's cases and
 * never writes.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeStoreScopeConformance } from "@incasso/testkit";
 * describeStoreScopeConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeStoreScopeConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("store scopes", options, storeScopeTests);
}
