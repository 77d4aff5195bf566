/**
 * `@incasso/testkit`: the conformance suites of Incasso's ports, one per port, that register
 * vitest tests against any adapter (with capability flags, skips by stable test id, and a hook for
 * the adapter's own tests); the model-based test against the in-memory reference adapters of
 * `@incasso/memory`; fast-check arbitraries of cases and events; and store fixtures.
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
} from "@incasso/core/adapter-kit";
// Deprecated: the former homes of the in-memory store and the list order, kept for one release;
// import them from `@incasso/memory` and `@incasso/core/adapter-kit`.
export {
  createMemoryStore,
  type MemoryStoreOptions,
} from "@incasso/memory";
export {
  ARBITRARY_CASES_AS_OF,
  arbitraryCaseEvents,
  arbitraryDayBetween,
} from "./arbitraries/case-event-arbitraries.js";
export {
  arbitraryAmount,
  arbitraryCaseFile,
  arbitraryCaseFileJson,
  arbitraryImputation,
  arbitraryInterestTerms,
  arbitraryPenalty,
} from "./arbitraries/case-file-arbitraries.js";
export { describeAgendaStoreConformance } from "./conformance/agenda-store-suite.js";
export { describeCaseEventStoreConformance } from "./conformance/case-event-store-suite.js";
export { describeCaseListStoreConformance } from "./conformance/case-list-store-suite.js";
export { describeImportBatchStoreConformance } from "./conformance/import-batch-store-suite.js";
export { describeOutboxStoreConformance } from "./conformance/outbox-store-suite.js";
export { describeRelationsStoreConformance } from "./conformance/relations-store-suite.js";
export {
  describeMemoryStoreConformance,
  describeStoreConformance,
} from "./conformance/store-conformance.js";
export { describeStoreScopeConformance } from "./conformance/store-scope-suite.js";
export type {
  StoreConformanceOptions,
  StoreSuiteContext,
  StoreSuiteOptions,
  StoreTestSkip,
} from "./conformance/store-suite-options.js";
export type { StoreTestId } from "./conformance/store-test-id.js";
export {
  type DocumentRendererConformanceOptions,
  describeDocumentRendererConformance,
} from "./document-renderer-conformance.js";
export {
  type DeliveredEmail,
  describeMailerConformance,
  type MailerConformanceOptions,
  type MailerTestId,
} from "./mailer-conformance.js";
export {
  type DeliveredSms,
  describeSmsSenderConformance,
  type SmsSenderConformanceOptions,
  type SmsSenderTestId,
} from "./sms-sender-conformance.js";
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
