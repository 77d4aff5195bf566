import type { AgendaStore } from "./agenda-store.js";
import type { CaseEventStore } from "./case-event-store.js";
import type { CaseListStore } from "./case-list-store.js";
import type { ImportBatchStore } from "./import-batch-store.js";
import type { OutboxStore } from "./outbox-store.js";
import type { RelationsStore } from "./relations-store.js";
import type { StoreCapability } from "./store-capability.js";

/**
 * The complete storage port: the intersection of the six storage ports, the events
 * ({@link CaseEventStore}), the case lists ({@link CaseListStore}), the relations and terms
 * ({@link RelationsStore}), the stored agenda and the daily run ({@link AgendaStore}), the
 * transactional outbox ({@link OutboxStore}) and the import batches ({@link ImportBatchStore}).
 *
 * Every call runs in a {@link StoreScope}: nothing of another tenant is ever returned, and a
 * client-portal scope sees only its client's data and never writes (`FORBIDDEN`). Inputs are
 * validated with the zod schemas of the ports (bad input is `INVALID_INPUT` naming the field);
 * each call is atomic, and a database that cannot be reached is `STORE_UNAVAILABLE`.
 * `@incasso/testkit` states the contract as tests, one suite per port
 * (`describeStoreConformance` runs them all).
 *
 * An adapter that implements only some ports is a {@link PartialStore} and lists them in
 * `capabilities`; a complete store may leave `capabilities` out (it implements them all) or list
 * all six ({@link STORE_CAPABILITIES}).
 *
 * @example
 * ```ts
 * import type { CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * declare const events: unknown[];
 * const scope = { tenantId: "firm-1" };
 * const result = await store.append(scope, { caseId: "C1", expectedVersion: 0, events, asOf: "2026-01-31" });
 * const page = await store.listCases(scope, { sort: "next-action" });
 * ```
 */
export interface CaseStore
  extends CaseEventStore,
    CaseListStore,
    RelationsStore,
    AgendaStore,
    OutboxStore,
    ImportBatchStore {
  /** The ports this store implements; absent means every one of them. */
  readonly capabilities?: ReadonlySet<StoreCapability>;
}
