import type { CaseStore, DebtorInput, StoreScope } from "@incasso/core";
import { beforeEach, expect } from "vitest";
import { reminderScenario } from "../store-fixtures.js";
import type { PortTests } from "./port-suite.js";
import { describePortSuite, failure } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the relations port. */
export const relationsStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });

  test(
    "relations.round-trip",
    [],
    "stores clients, debtors with contacts, terms and every scenario version",
    async () => {
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
      } satisfies DebtorInput;
      await store.putDebtor(scope, debtor);
      expect(await store.getDebtor(scope, "D7")).toEqual({
        ...debtor,
        contacts: [{ ...debtor.contacts[0], current: true }],
      });
      await store.putTerms(scope, "acme", { defaultScenario: "be-reminders" });
      expect(await store.getTerms(scope, "acme")).toEqual({ defaultScenario: "be-reminders" });
      expect(await failure(store.putTerms(scope, "ghost", { defaultScenario: "x" }))).toMatchObject(
        { code: "NOT_FOUND", paths: ["clientId"] },
      );
      await store.putScenario(scope, "acme", reminderScenario(1));
      await store.putScenario(scope, "acme", reminderScenario(2));
      await store.putScenario(scope, "acme", reminderScenario(1));
      const scenarios = await store.listScenarios(scope, "acme");
      expect(scenarios.map((s) => [s.id, s.version])).toEqual([["be-reminders", 2]]);
      expect(
        await failure(store.putScenario(scope, "acme", { ...reminderScenario(1), name: "Other" })),
      ).toMatchObject({ code: "IDEMPOTENCY_KEY_REUSED" });
    },
  );

  const identified = (id: string, numbers: Partial<DebtorInput>): DebtorInput => ({
    id,
    kind: "legal-person",
    name: `Debtor ${id}`,
    language: "fr",
    consumer: false,
    ...numbers,
  });

  test(
    "relations.find-debtors",
    [],
    "finds debtors by id, enterprise number or national number, compared by their digits, each once",
    async () => {
      await store.putDebtor(scope, identified("D1", { enterpriseNumber: "BE 0403.170.701" }));
      await store.putDebtor(
        scope,
        identified("D2", {
          kind: "natural-person",
          consumer: true,
          nationalNumber: "85.07.30-033.61",
          nationalNumberBasis: "judgment of 2025-03-01",
          timeZone: "Europe/Brussels",
        }),
      );
      await store.putDebtor(scope, identified("D3", { enterpriseNumber: "0403170701" }));
      await store.putDebtor(scope, identified("D4", {}));
      const ids = async (query: Parameters<CaseStore["findDebtors"]>[1]) =>
        (await store.findDebtors(scope, query)).map((debtor) => debtor.id);
      expect(await ids({ enterpriseNumbers: ["0403.170.701"] })).toEqual(["D1", "D3"]);
      expect(await ids({ nationalNumbers: ["85073003361"] })).toEqual(["D2"]);
      expect(await ids({ ids: ["D4", "D9"], enterpriseNumbers: ["BE0403170701"] })).toEqual([
        "D1",
        "D3",
        "D4",
      ]);
      expect(await ids({ ids: ["D2"], nationalNumbers: ["85.07.30-033.61"] })).toEqual(["D2"]);
      expect(await ids({ enterpriseNumbers: ["n/a"], nationalNumbers: [] })).toEqual([]);
      expect(await ids({})).toEqual([]);
      expect(await store.findDebtors(scope, { nationalNumbers: ["85073003361"] })).toEqual([
        {
          ...identified("D2", {
            kind: "natural-person",
            consumer: true,
            nationalNumber: "85.07.30-033.61",
            nationalNumberBasis: "judgment of 2025-03-01",
            timeZone: "Europe/Brussels",
          }),
          contacts: [],
        },
      ]);
      expect(
        await failure(store.findDebtors(scope, { enterpriseNumbers: "0403170701" as never })),
      ).toMatchObject({ code: "INVALID_INPUT", paths: ["query.enterpriseNumbers"] });
    },
  );
};

/**
 * Registers the conformance tests of the relations port (`RelationsStore`): clients,
 * debtors with contacts, terms and every scenario version stored and read back, a scenario
 * version written once.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeRelationsStoreConformance } from "@incasso/testkit";
 * describeRelationsStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeRelationsStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("relations port", options, relationsStoreTests);
}
