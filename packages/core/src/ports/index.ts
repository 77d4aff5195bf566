/**
 * The ports: the interfaces the adapters implement, one file per port, types only (plus the
 * capability names). The core never imports an adapter; the host application wires them.
 *
 * Storage: the six ports of a store and their intersection, `CaseStore`.
 *
 * Documents: `DocumentRenderer` (letters in HTML, PDF and Word). Messaging: `Mailer` and
 * `SmsSender`, which carry out the outbox's messages. Each port has a suite of its own in
 * `@incasso/testkit`; the in-memory adapters are in `@incasso/memory`.
 *
 * @module
 */
export type {
  AgendaRecord,
  AgendaRecordQuery,
  AgendaStore,
  DailyRunPage,
  DisposeRequest,
  ShardCase,
  ShardRequest,
} from "./agenda-store.js";
export type {
  AppendOutcome,
  AppendRequest,
  AppendResult,
  CaseEventStore,
  StoredEvent,
} from "./case-event-store.js";
export type {
  CaseKeyHit,
  CaseKeyQuery,
  CaseListStore,
  CaseQuery,
  CaseRow,
} from "./case-list-store.js";
export type { CaseStore } from "./case-store.js";
export type {
  DocumentFormat,
  DocumentRenderer,
  DocumentTemplate,
  RenderedDocument,
} from "./document-renderer.js";
export type {
  ImportBatch,
  ImportBatchHeader,
  ImportBatchInput,
  ImportBatchPartInput,
  ImportBatchPartReceipt,
  ImportBatchStore,
  ImportRowResult,
  ImportRowsQuery,
  IncompleteImportBatch,
} from "./import-batch-store.js";
export type {
  EmailAttachment,
  EmailReceipt,
  Mailbox,
  Mailer,
  OutgoingEmail,
  OutgoingSms,
  SmsReceipt,
  SmsSender,
} from "./messaging.js";
export type {
  ClaimRequest,
  CompleteRequest,
  OutboxMessage,
  OutboxMessageInput,
  OutboxQuery,
  OutboxStore,
  PostponeRequest,
} from "./outbox-store.js";
export type { Page } from "./page.js";
export type {
  ClientRecord,
  ClientTerms,
  ClientTermsInput,
  DebtorInput,
  DebtorQuery,
  DebtorRecord,
  RelationsStore,
  ScenarioInput,
} from "./relations-store.js";
export {
  type PartialStore,
  STORE_CAPABILITIES,
  type StoreCapability,
  type StorePorts,
  storeSupports,
} from "./store-capability.js";
export type { StoreScope } from "./store-scope.js";
