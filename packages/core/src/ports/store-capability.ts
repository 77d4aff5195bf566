import type { AgendaStore } from "./agenda-store.js";
import type { CaseEventStore } from "./case-event-store.js";
import type { CaseListStore } from "./case-list-store.js";
import type { ImportBatchStore } from "./import-batch-store.js";
import type { OutboxStore } from "./outbox-store.js";
import type { RelationsStore } from "./relations-store.js";

/**
 * The storage ports by their capability name: what an adapter declares it implements.
 *
 * @example
 * ```ts
 * import type { StorePorts } from "@incasso/core";
 * type Outbox = StorePorts["outbox"]; // OutboxStore
 * ```
 */
export interface StorePorts {
  readonly events: CaseEventStore;
  readonly "case-lists": CaseListStore;
  readonly relations: RelationsStore;
  readonly agenda: AgendaStore;
  readonly outbox: OutboxStore;
  readonly "import-batches": ImportBatchStore;
}

/**
 * The name of a storage port an adapter can implement: `"events"` ({@link CaseEventStore}),
 * `"case-lists"` ({@link CaseListStore}), `"relations"` ({@link RelationsStore}), `"agenda"`
 * ({@link AgendaStore}), `"outbox"` ({@link OutboxStore}), `"import-batches"`
 * ({@link ImportBatchStore}).
 *
 * @example
 * ```ts
 * import type { StoreCapability } from "@incasso/core";
 * const wanted: StoreCapability[] = ["events", "case-lists", "relations"];
 * ```
 */
export type StoreCapability = keyof StorePorts;

/**
 * Every storage capability, in the order the docs list them: what a complete {@link CaseStore}
 * implements.
 *
 * @example
 * ```ts
 * import { STORE_CAPABILITIES } from "@incasso/core";
 * STORE_CAPABILITIES.length; // 6
 * ```
 */
export const STORE_CAPABILITIES: readonly StoreCapability[] = Object.freeze([
  "events",
  "case-lists",
  "relations",
  "agenda",
  "outbox",
  "import-batches",
] as const);

/**
 * A store that implements some of the storage ports and says which in `capabilities`: the type of
 * an adapter that implements a subset. `PartialStore<"relations" | "events" | "case-lists">` has
 * the methods of those three ports.
 *
 * @example
 * ```ts
 * import type { PartialStore } from "@incasso/core";
 * declare const store: PartialStore<"relations" | "import-batches">;
 * await store.listImportBatches({ tenantId: "firm-1" });
 * ```
 */
export type PartialStore<C extends StoreCapability> =
  // The intersection of the ports named by C (a union of port names gives all their methods).
  ((C extends StoreCapability ? (port: StorePorts[C]) => void : never) extends (
    port: infer Ports,
  ) => void
    ? Ports
    : never) & {
    readonly capabilities: ReadonlySet<C>;
  };

/**
 * Whether a store implements a storage port: a complete {@link CaseStore} without `capabilities`
 * implements every port; otherwise the port must be in its `capabilities`. Narrows the store to
 * that port.
 *
 * @example
 * ```ts
 * import { storeSupports, type PartialStore } from "@incasso/core";
 * declare const store: PartialStore<"relations" | "events" | "case-lists">;
 * if (storeSupports(store, "outbox")) await store.listOutbox({ tenantId: "firm-1" });
 * ```
 */
export function storeSupports<
  S extends { readonly capabilities?: ReadonlySet<StoreCapability> },
  C extends StoreCapability,
>(store: S, capability: C): store is S & StorePorts[C] {
  return store.capabilities === undefined || store.capabilities.has(capability);
}
