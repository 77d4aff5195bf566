export { CODA_COMMUNICATION_TYPES } from "./coda.js";
export {
  type DuplicateReport,
  entryKey,
  findDuplicates,
  type KnownImportKeys,
  statementKey,
  transactionFingerprint,
} from "./duplicates.js";
export type * from "./model.js";
export { decodeMt940Details, type Mt940Details, type Mt940Dialect } from "./mt940.js";
export {
  detectBankFileFormat,
  type ParseBankFileOptions,
  ParseBankFileOptionsSchema,
  parseBankFile,
  parseBankFileSync,
} from "./parse-bank-file.js";
export { toBankTransactions } from "./to-bank-transactions.js";
