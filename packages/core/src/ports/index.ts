/**
 * The ports: the interfaces the adapters implement, one file per port, types only (plus the
 * capability names). The core never imports an adapter; the host application wires them.
 *
 * Storage: the six ports of a store and their intersection, `CaseStore`.
 *
 * The next ports go here, one file each, exported below with their records and TSDoc contracts:
 * documents (rendering letters), messaging (mail and SMS senders for the outbox's commands), bank
 * and import sources (payment lines, case files), and exports (the bailiff handover). Each gets a
 * suite of its own in `@incasso/testkit` and an in-memory adapter in `@incasso/memory`.
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
export type { ImportBatch, ImportBatchInput, ImportBatchStore } from "./import-batch-store.js";
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
  DebtorRecord,
  DebtorQuery,
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
