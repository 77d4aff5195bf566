/**
 * `@incasso/testkit`: the in-memory reference adapters of Incasso's ports and the conformance
 * suites that register vitest tests against any adapter.
 *
 * @packageDocumentation
 */
export {
  type CaseSort,
  compareKeys,
  compareRows,
  cursorAfter,
  cursorKey,
  matchesQuery,
  type SortKey,
  sortKey,
} from "./case-order.js";
export { createMemoryStore, type MemoryStoreOptions } from "./memory-store.js";
export {
  describeMemoryStoreConformance,
  describeStoreConformance,
  type StoreConformanceOptions,
} from "./store-conformance.js";
export {
  claimAdded,
  noteAdded,
  type OpenedCaseOptions,
  openedCase,
  paymentReceived,
  promiseRecorded,
  reminderScenario,
  sampleCase,
  scenarioStarted,
} from "./store-fixtures.js";
export { describeStoreModel } from "./store-model.js";
