/**
 * `@incasso/core/adapter-kit`: what the author of a storage adapter needs besides the ports, so
 * that every adapter applies the same rules with the same codes, field paths and instants:
 * validation of scopes and requests, the preparation of an append and of a disposition (checked,
 * numbered, projected, without I/O), the case row's projection, the daily run's page, the list
 * order and its keyset cursors, and the errors every store answers. A host application does not
 * need it: it imports the ports, the schemas, the errors and the use cases from `@incasso/core`.
 *
 * @packageDocumentation
 */
export {
  appendInTurn,
  independentOfEarlier,
  isRequestError,
  parseAppendMany,
} from "./storage/append-many.js";
export {
  type CaseSort,
  compareKeys,
  compareRows,
  cursorAfter,
  cursorKey,
  matchesQuery,
  type SortKey,
  sortKey,
} from "./storage/case-order.js";
export { agendaEntryId, computeDailyRunPage } from "./storage/compute-daily-run-page.js";
export {
  decodeAgendaCursor,
  decodeCaseCursor,
  decodeCursor,
  encodeCursor,
} from "./storage/cursor.js";
export {
  checkNextImportPart,
  encodeImportRowCursor,
  type ImportBatchProgress,
  importPartContent,
  importRowSavedBefore,
  type ParsedImportBatchPart,
  type ParsedImportRowsQuery,
  parseImportBatchPart,
  parseImportRowsQuery,
  sameImportBatchHeader,
  splitImportBatch,
} from "./storage/import-batch-parts.js";
export {
  appendFingerprint,
  assertWritable,
  canonicalJson,
  openingClientId,
  type ParsedAppendRequest,
  type PlannedAppend,
  type PreparedAppend,
  parseAppendRequest,
  parseScope,
  planAppend,
  prepareAppend,
} from "./storage/prepare-append.js";
export {
  type ParsedDisposeRequest,
  parseDisposeRequest,
  planDisposal,
  prepareDisposal,
} from "./storage/prepare-disposal.js";
export {
  agingBucketOf,
  caseOptionsOf,
  type ProjectedCase,
  type ProjectionContext,
  projectCase,
} from "./storage/project-case.js";
export {
  checkCompletion,
  completeImportBatch,
  missingAgendaEntry,
  missingClient,
  reusedKey,
  storeInstant,
} from "./storage/store-errors.js";
