import type { CaseStore, StoreCapability, StoreScope } from "@incasso/core";
import { IncassoError, STORE_CAPABILITIES } from "@incasso/core";
import { afterAll, beforeAll, beforeEach, describe, it } from "vitest";
import type { StoreSuiteContext, StoreSuiteOptions } from "./store-suite-options.js";
import type { StoreTestId } from "./store-test-id.js";

// The machinery the suites share (not exported from the package): the store's lifecycle, the
// scope of each test, and the registration of a test with its id, the ports it uses and the skips.

/** The date the suites append as of. */
export const AS_OF = "2026-01-31";

let tenantCounter = 0;
/** A tenant id no other test of this process uses. */
export function uniqueTenant(prefix = "t"): string {
  tenantCounter++;
  return `${prefix}-${tenantCounter}-${Math.random().toString(36).slice(2, 8)}`;
}

/** The code and field paths of an error, which the suites compare between adapters. */
export async function failure(
  promise: Promise<unknown>,
): Promise<{ code: string; paths: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof IncassoError)
      return { code: error.code, paths: error.issues.map((issue) => issue.path) };
    throw error;
  }
  throw new Error("expected the store call to fail, and it succeeded");
}

/** Registers one test: its id, the ports it uses (besides relations, which every test uses). */
export type StoreTest = (
  id: StoreTestId,
  uses: readonly StoreCapability[],
  title: string,
  body: () => Promise<void>,
) => void;

/** What a port's tests are registered with. */
export interface PortSuiteContext extends StoreSuiteContext<CaseStore> {
  readonly test: StoreTest;
}

/** The tests of one port, registered inside the suite's `describe`. */
export type PortTests = (context: PortSuiteContext) => void;

const PORT_TITLES: Record<StoreCapability, string> = {
  events: "the events port",
  "case-lists": "the case-list port",
  relations: "the relations port",
  agenda: "the agenda port",
  outbox: "the outbox port",
  "import-batches": "the import-batch port",
};

/** The capabilities an adapter declared in the suite's options (default: every port). */
export function declaredCapabilities(options: StoreSuiteOptions<never>): Set<StoreCapability> {
  return new Set(options.capabilities ?? STORE_CAPABILITIES);
}

/** The test registrar for an adapter's capabilities and skip map. */
export function storeTest(
  capabilities: ReadonlySet<StoreCapability>,
  skip: StoreSuiteOptions<never>["skip"],
): StoreTest {
  return (id, uses, title, body) => {
    const name = `${title} [${id}]`;
    const missing = (["relations", ...uses] as StoreCapability[]).filter(
      (port, index, all) => !capabilities.has(port) && all.indexOf(port) === index,
    );
    const skipped = skip?.[id];
    if (missing.length > 0) {
      const ports = missing.map((port) => PORT_TITLES[port]).join(" and ");
      it.skip(`${name} (skipped: the adapter does not implement ${ports})`, body);
    } else if (skipped !== undefined) {
      it.skip(`${name} (skipped, ${skipped.kind}: ${skipped.reason})`, body);
    } else {
      it(name, body);
    }
  };
}

/**
 * Sets up a suite's store (created once, reset and given a fresh tenant with the client `acme`
 * before each test, disposed after) inside the current `describe`, and answers the context the
 * tests are registered with.
 */
export function storeLifecycle<S extends Partial<CaseStore>>(
  options: StoreSuiteOptions<S>,
): PortSuiteContext & { readonly typed: StoreSuiteContext<S> } {
  const capabilities = declaredCapabilities(options as unknown as StoreSuiteOptions<never>);
  let store: S | undefined;
  let scope: StoreScope | undefined;
  beforeAll(async () => {
    store = await options.create();
  });
  afterAll(async () => {
    if (store !== undefined) await options.dispose?.(store);
  });
  beforeEach(async () => {
    if (store === undefined) throw new Error("the store was not created");
    await options.reset?.(store);
    scope = { tenantId: uniqueTenant() };
    if (capabilities.has("relations"))
      await (store as unknown as CaseStore).putClient(scope, { id: "acme", name: "Acme NV" });
  });
  const storeOf = (): S => {
    if (store === undefined) throw new Error("the store is only there inside a test or hook");
    return store;
  };
  const scopeOf = (): StoreScope => {
    if (scope === undefined) throw new Error("the scope is only there inside a test or hook");
    return scope;
  };
  return {
    store: () => storeOf() as unknown as CaseStore,
    scope: scopeOf,
    capabilities,
    test: storeTest(capabilities, options.skip as StoreSuiteOptions<never>["skip"]),
    typed: { store: storeOf, scope: scopeOf, capabilities },
  };
}

/** Registers the tests of one port as a suite of its own, for adapters that run it alone. */
export function describePortSuite<S extends Partial<CaseStore>>(
  port: string,
  options: StoreSuiteOptions<S>,
  tests: PortTests,
): void {
  describe(`${port} conformance: ${options.name}`, () => {
    const context = storeLifecycle(options);
    tests(context);
    options.extra?.(context.typed);
  });
}
