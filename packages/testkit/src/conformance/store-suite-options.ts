import type { CaseStore, StoreCapability, StoreScope } from "@incasso/core";
import type { StoreTestId } from "./store-test-id.js";

/**
 * Why a test of a suite is skipped for an adapter: `wontfix` (the adapter will not do it, by
 * design), `temporary` (a known gap, to be fixed) or `env` (the environment of this run cannot
 * show it), and the reason in words. A skipped test still shows in every report, with its reason.
 *
 * @example
 * ```ts
 * import type { StoreTestSkip } from "@incasso/testkit";
 * const skip: StoreTestSkip = { kind: "env", reason: "one connection: no concurrent writers" };
 * ```
 */
export interface StoreTestSkip {
  readonly kind: "wontfix" | "temporary" | "env";
  readonly reason: string;
}

/**
 * What an adapter's own extra tests get (the `extra` hook of a suite): the store under test and
 * the scope of the running test (a tenant of its own, with the client `acme`), both valid inside a
 * test or hook, and the ports the adapter declared.
 *
 * @example
 * ```ts
 * import type { StoreSuiteContext } from "@incasso/testkit";
 * import { expect, it } from "vitest";
 * const extra = (context: StoreSuiteContext) => {
 *   it("keeps the client of the test", async () => {
 *     expect(await context.store().getClient(context.scope(), "acme")).not.toBeNull();
 *   });
 * };
 * ```
 */
export interface StoreSuiteContext<S extends Partial<CaseStore> = CaseStore> {
  readonly store: () => S;
  readonly scope: () => StoreScope;
  readonly capabilities: ReadonlySet<StoreCapability>;
}

/**
 * How a suite gets the adapter and what it may skip:
 *
 * - `name`: the adapter, in the suite's title;
 * - `create` makes the store (once per suite), `reset` empties it before each test (optional:
 *   every test also uses a tenant of its own), `dispose` releases it after the suite;
 * - `capabilities`: the ports the adapter implements (default: all of them). A test that uses a
 *   port the adapter does not implement is skipped, saying which port; when the store declares
 *   `capabilities` itself, they must be the same;
 * - `skip`: tests to skip by their id, each with a kind and a reason (a typo in an id does not
 *   compile);
 * - `extra`: registers the adapter's own tests inside the suite, with the same store and scopes.
 *
 * Every test opens its cases for a client, so every suite needs the relations port.
 *
 * @example
 * ```ts
 * import type { StoreSuiteOptions } from "@incasso/testkit";
 * import { createMemoryStore } from "@incasso/memory";
 * const options: StoreSuiteOptions = {
 *   name: "memory",
 *   create: async () => createMemoryStore(),
 *   skip: { "events.concurrent-writers": { kind: "env", reason: "one connection" } },
 * };
 * ```
 */
export interface StoreSuiteOptions<S extends Partial<CaseStore> = CaseStore> {
  readonly name: string;
  readonly create: () => Promise<S>;
  readonly reset?: ((store: S) => Promise<void>) | undefined;
  readonly dispose?: ((store: S) => Promise<void>) | undefined;
  readonly capabilities?: Iterable<StoreCapability> | undefined;
  readonly skip?: Partial<Record<StoreTestId, StoreTestSkip>> | undefined;
  readonly extra?: ((context: StoreSuiteContext<S>) => void) | undefined;
}

/**
 * The options of {@link describeStoreConformance}, the suites of every port together: those of
 * every suite, and `modelRuns`, how many random operation sequences the model-based test tries
 * (default 25; 0 leaves the test out, as for the reference store itself).
 *
 * @example
 * ```ts
 * import type { StoreConformanceOptions } from "@incasso/testkit";
 * import { createMemoryStore } from "@incasso/memory";
 * const options: StoreConformanceOptions = { name: "memory", create: async () => createMemoryStore(), modelRuns: 0 };
 * ```
 */
export interface StoreConformanceOptions<S extends Partial<CaseStore> = CaseStore>
  extends StoreSuiteOptions<S> {
  readonly modelRuns?: number | undefined;
}
