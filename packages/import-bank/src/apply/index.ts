export { buildCandidateIndex, type IndexSource } from "./build-candidate-index.js";
export { type BankEntryDetail, bankEntryDetailSchema, entryDetailOf } from "./entry-detail.js";
export {
  type BankEntryOutcome,
  type BankFileInput,
  type BankImportResult,
  type BankImportStore,
  type BankImportTotals,
  type ImportBankFileOptions,
  importBankFile,
  totalsOf,
} from "./import-bank-file.js";
export {
  listReviewQueue,
  type ReviewDecision,
  type ReviewEntryOptions,
  type ReviewQueueEntry,
  type ReviewResult,
  reviewBatchId,
  reviewEntry,
} from "./review-entry.js";
