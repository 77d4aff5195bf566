import type { CaseStore, StoreScope } from "@incasso/core";
import { beforeEach, expect } from "vitest";
import type { PortTests } from "./port-suite.js";
import { describePortSuite, failure } from "./port-suite.js";
import type { StoreSuiteOptions } from "./store-suite-options.js";

/** The tests of the import-batch port. */
export const importBatchStoreTests: PortTests = ({ test, store: storeOf, scope: scopeOf }) => {
  let store: CaseStore;
  let scope: StoreScope;
  beforeEach(() => {
    store = storeOf();
    scope = scopeOf();
  });

  test(
    "import-batches.saved-once",
    ["import-batches"],
    "stores import batches with their row results, once",
    async () => {
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
    },
  );
};

/**
 * Registers the conformance tests of the import-batch port (`ImportBatchStore`): a batch
 * stored with its row results once, a replay answered, another batch under the id refused.
 * A test that also uses a port the adapter does not implement is skipped, saying which.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeImportBatchStoreConformance } from "@incasso/testkit";
 * describeImportBatchStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeImportBatchStoreConformance<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): void {
  describePortSuite("import-batch port", options, importBatchStoreTests);
}
