/**
 * `@incasso/memory`: the in-memory reference adapters of Incasso's ports. Today the storage ports
 * (`createMemoryStore`, every one of them) and messaging (`createMemoryMailer`,
 * `createMemorySmsSender`: they record what they are given and fail on demand); the in-memory
 * adapters of the ports to come (documents, import sources, exports) join it here. No
 * test-runner dependency: use it in tests, demos and development; `@incasso/testkit` compares
 * every adapter with it.
 *
 * @packageDocumentation
 */

export {
  createMemoryStore,
  type MemoryStore,
  type MemoryStoreOptions,
} from "./create-memory-store.js";
export {
  createMemoryMailer,
  createMemorySmsSender,
  type MemoryDeliveryFailure,
  type MemoryMailer,
  type MemoryMailerOptions,
  type MemorySmsSender,
} from "./messaging.js";
