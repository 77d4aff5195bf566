import type { CaseStore, StoreCapability } from "@incasso/core";
import { STORE_CAPABILITIES } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { describe, expect, it } from "vitest";
import { describeStoreModel } from "../store-model.js";
import { agendaStoreTests } from "./agenda-store-suite.js";
import { caseEventStoreTests } from "./case-event-store-suite.js";
import { caseListStoreTests } from "./case-list-store-suite.js";
import { importBatchStoreTests } from "./import-batch-store-suite.js";
import { outboxStoreTests } from "./outbox-store-suite.js";
import type { PortTests } from "./port-suite.js";
import { storeLifecycle } from "./port-suite.js";
import { relationsStoreTests } from "./relations-store-suite.js";
import { storeScopeTests } from "./store-scope-suite.js";
import type { StoreConformanceOptions } from "./store-suite-options.js";

/** The suites of every port, in the order they are registered, with their titles. */
const SUITES: readonly (readonly [string, PortTests])[] = [
  ["the events port", caseEventStoreTests],
  ["the case-list port", caseListStoreTests],
  ["the relations port", relationsStoreTests],
  ["the import-batch port", importBatchStoreTests],
  ["store scopes", storeScopeTests],
  ["the outbox port", outboxStoreTests],
  ["the agenda port", agendaStoreTests],
];

/**
 * Registers the conformance tests of every storage port (vitest) for an adapter, on one store:
 * the suites of the events, case-list, relations, import-batch, outbox and agenda ports and of the
 * scopes (tenant and client-portal isolation), then a model-based test comparing the adapter with
 * the in-memory reference store on random operation sequences (it needs every port). A test that
 * uses a port the adapter does not declare in `capabilities` is skipped, saying which; `skip`
 * skips tests by id with a reason; `extra` adds the adapter's own tests.
 *
 * @example
 * ```ts
 * import { createMemoryStore } from "@incasso/memory";
 * import { describeStoreConformance } from "@incasso/testkit";
 * describeStoreConformance({ name: "memory", create: async () => createMemoryStore() });
 * ```
 */
export function describeStoreConformance<S extends Partial<CaseStore>>(
  options: StoreConformanceOptions<S>,
): void {
  describe(`storage port conformance: ${options.name}`, () => {
    const context = storeLifecycle(options);
    const complete = STORE_CAPABILITIES.every((port) => context.capabilities.has(port));
    context.test(
      "store.declared-capabilities",
      [],
      "declares the ports it implements, when it declares them, as the suite was told",
      async () => {
        const declared = (context.store() as { capabilities?: ReadonlySet<StoreCapability> })
          .capabilities;
        if (declared === undefined) return;
        expect([...declared].sort()).toEqual([...context.capabilities].sort());
      },
    );
    for (const [title, tests] of SUITES) describe(title, () => tests(context));
    const runs = options.modelRuns ?? 25;
    const skipped = options.skip?.["model.random-sequences"];
    if (!complete) {
      it.skip(
        "answers every random sequence of operations as the in-memory reference store does [model.random-sequences] (skipped: the model-based test needs every port)",
      );
    } else if (skipped !== undefined) {
      it.skip(
        `answers every random sequence of operations as the in-memory reference store does [model.random-sequences] (skipped, ${skipped.kind}: ${skipped.reason})`,
      );
    } else if (runs > 0) {
      describeStoreModel(() => context.store(), runs);
    }
    options.extra?.(context.typed);
  });
}

/**
 * Registers the conformance suites of every port against the in-memory reference store of
 * `@incasso/memory`, which passes them all with no skips. The model-based test is left out: the
 * reference store is the model, and comparing it with itself proves nothing.
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
