export type {
  AgendaRecord,
  AgendaRecordQuery,
  AppendRequest,
  AppendResult,
  CaseQuery,
  CaseRow,
  CaseStore,
  ClaimRequest,
  ClientRecord,
  ClientTerms,
  CompleteRequest,
  DailyRunPage,
  DebtorRecord,
  DisposeRequest,
  ImportBatch,
  ImportBatchInput,
  OutboxMessage,
  OutboxMessageInput,
  OutboxQuery,
  Page,
  ShardCase,
  ShardRequest,
  StoredEvent,
  StoreScope,
} from "./case-store.js";
export {
  decodeAgendaCursor,
  decodeCaseCursor,
  decodeCursor,
  encodeCursor,
} from "./cursor.js";
export {
  agendaEntryId,
  computeDailyRunPage,
  type DailyRunReport,
  runDailyShard,
} from "./daily-run.js";
export {
  appendFingerprint,
  assertWritable,
  canonicalJson,
  openingClientId,
  type ParsedAppendRequest,
  type PlannedAppend,
  parseAppendRequest,
  parseScope,
  planAppend,
} from "./plan-append.js";
export { type ParsedDisposeRequest, parseDisposeRequest, planDisposal } from "./plan-disposal.js";
export {
  agingBucketOf,
  caseOptionsOf,
  type ProjectedCase,
  type ProjectionContext,
  projectCase,
} from "./project-case.js";
export { StoreConflictError } from "./store-conflict-error.js";
export {
  checkCompletion,
  missingAgendaEntry,
  missingClient,
  reusedKey,
  storeInstant,
} from "./store-errors.js";
export {
  agendaQuerySchema,
  agendaRecordSchema,
  appendRequestSchema,
  caseQuerySchema,
  claimRequestSchema,
  clientRecordSchema,
  clientTermsSchema,
  completeRequestSchema,
  debtorRecordSchema,
  disposeRequestSchema,
  importBatchSchema,
  outboxMessageInputSchema,
  outboxQuerySchema,
  shardRequestSchema,
  storeIdSchema,
  storeScopeSchema,
} from "./store-schemas.js";
export {
  StoreUnavailableError,
  type StoreUnavailableOutcome,
} from "./store-unavailable-error.js";
