/**
 * `@incasso/core`: the pure debt-collection domain of Incasso. No I/O, no clock, no randomness:
 * dates come in as `Temporal.PlainDate` arguments and money is exact (decimal.js). It also defines
 * the ports the adapters implement (the storage ports and `CaseStore`) and the use cases that
 * orchestrate them (`runDailyShard`); what only an adapter's author needs is in
 * `@incasso/core/adapter-kit`.
 *
 * @packageDocumentation
 */
export { Temporal } from "temporal-polyfill";
export * from "./calendar/index.js";
export * from "./case/index.js";
export * from "./charges/index.js";
export * from "./dates/index.js";
export * from "./errors/index.js";
export * from "./letters/index.js";
export * from "./matching/index.js";
export * from "./messaging/index.js";
export * from "./money/index.js";
export * from "./plans/index.js";
export * from "./ports/index.js";
export * from "./rates/index.js";
export * from "./references/index.js";
export * from "./scenarios/index.js";
export * from "./statement/index.js";
export { APPEND_MANY_LIMIT } from "./storage/append-many.js";
export { StoreConflictError } from "./storage/store-conflict-error.js";
export {
  agendaQuerySchema,
  agendaRecordSchema,
  appendRequestSchema,
  caseKeyQuerySchema,
  caseQuerySchema,
  claimRequestSchema,
  clientRecordSchema,
  clientTermsSchema,
  completeRequestSchema,
  debtorListSchema,
  debtorQuerySchema,
  debtorRecordSchema,
  disposeRequestSchema,
  enqueueRequestSchema,
  IMPORT_BATCH_LIMITS,
  importBatchPartSchema,
  importBatchSchema,
  importRowSchema,
  importRowsQuerySchema,
  outboxMessageInputSchema,
  outboxQuerySchema,
  PUT_DEBTORS_LIMIT,
  postponeRequestSchema,
  shardRequestSchema,
  storeIdSchema,
  storeScopeSchema,
} from "./storage/store-schemas.js";
export {
  StoreUnavailableError,
  type StoreUnavailableOutcome,
} from "./storage/store-unavailable-error.js";
export * from "./use-cases/index.js";
export { isStorableText, LIMITS } from "./validation/json-primitives.js";
