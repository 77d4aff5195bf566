import type { CaseStore, DebtorInput, StoreScope } from "@incasso/core";
import { PUT_DEBTORS_LIMIT } from "@incasso/core";
import fc from "fast-check";
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

  test(
    "relations.put-many",
    [],
    "putDebtors stores what putting the debtors one after another would, and nothing when one is bad",
    async () => {
      const debtor = fc.record({
        id: fc.constantFrom("D1", "D2", "D3", "D4"),
        name: fc.constantFrom("Jan Peeters", "Bakkerij De Molen BV", "Élise Dubois"),
        enterprise: fc.option(fc.constantFrom("0403170701", "BE 0403.170.701", "0417497106")),
        email: fc.option(fc.constantFrom("a@example.be", "b@example.nl")),
      });
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(debtor, { maxLength: 8 }), async (picked) => {
          run++;
          const sides = [
            { tenantId: `${scope.tenantId}-many-${run}` },
            { tenantId: `${scope.tenantId}-each-${run}` },
          ] as const;
          const debtors: DebtorInput[] = picked.map((p, n) => ({
            id: p.id,
            kind: p.enterprise === null ? "natural-person" : "legal-person",
            name: p.name,
            language: n % 2 === 0 ? "nl" : "fr",
            consumer: p.enterprise === null,
            ...(p.enterprise === null ? {} : { enterpriseNumber: p.enterprise }),
            contacts:
              p.email === null
                ? []
                : [
                    {
                      id: `m${n}`,
                      kind: "email",
                      value: p.email,
                      source: "client",
                      date: "2026-01-02",
                    },
                  ],
          }));
          await store.putDebtors(sides[0], debtors);
          for (const each of debtors) await store.putDebtor(sides[1], each);
          const stored = async (side: StoreScope) => ({
            byId: await Promise.all(
              ["D1", "D2", "D3", "D4"].map((id) => store.getDebtor(side, id)),
            ),
            found: await store.findDebtors(side, { enterpriseNumbers: ["0403170701"] }),
          });
          expect(await stored(sides[0])).toEqual(await stored(sides[1]));
        }),
        { numRuns: 25, seed: 20261128 },
      );
      const good = {
        id: "D9",
        kind: "legal-person",
        name: "Debtor BV",
        language: "nl",
        consumer: false,
      } satisfies DebtorInput;
      expect(
        await failure(store.putDebtors(scope, [good, { ...good, id: "D10", name: "" }])),
      ).toMatchObject({ code: "INVALID_INPUT", paths: ["debtors.1.name"] });
      expect(await store.getDebtor(scope, "D9")).toBeNull();
      expect(await failure(store.putDebtors(scope, good as never))).toMatchObject({
        code: "INVALID_INPUT",
        paths: ["debtors"],
      });
      const tooMany = Array.from({ length: PUT_DEBTORS_LIMIT + 1 }, (_, i) => ({
        ...good,
        id: `X${i}`,
      }));
      expect(await failure(store.putDebtors(scope, tooMany))).toMatchObject({
        code: "INVALID_INPUT",
        paths: ["debtors"],
      });
      expect(await store.getDebtor(scope, "X0")).toBeNull();
      expect(await failure(store.putDebtors({ ...scope, clientId: "acme" }, [good]))).toMatchObject(
        { code: "FORBIDDEN" },
      );
      expect(await store.getDebtor(scope, "D9")).toBeNull();
      await store.putDebtors(scope, []);
      await store.putDebtors(scope, [good]);
      expect(await store.getDebtor(scope, "D9")).toEqual({ ...good, contacts: [] });
    },
  );
};

/**
 * Registers the conformance tests of the relations port (`RelationsStore`): clients,
 * debtors with contacts, terms and every scenario version stored and read back, a scenario
 * version written once, many debtors put at once as one after another.
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
