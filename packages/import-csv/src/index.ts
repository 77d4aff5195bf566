/**
 * @module
 */

export {
  applyImport,
  dryRunImport,
  type ImportOptions,
} from "./pipeline/import-file.js";
export type {
  CaseReport,
  ImportReport,
  ImportTotals,
  OwnerSummary,
  RowOutcome,
  RowReport,
} from "./pipeline/import-report.js";
export type { ImportStore } from "./pipeline/plan-context.js";
export {
  neutraliseCell,
  type ResultFiles,
  resultFileCsv,
  resultFileJson,
  toResultCsv,
  writeResultFiles,
} from "./pipeline/result-file.js";
export { type ImportRowsOptions, importRows, type WriteProgress } from "./pipeline/run-import.js";
export {
  type CellTransform,
  type ColumnMapping,
  cellTransformSchema,
  columnMappingSchema,
  type DateFormat,
  dateFormatSchema,
  groupFieldOf,
  type ImportKind,
  type ImportProfile,
  type ImportProfileInput,
  importProfileSchema,
  matchFieldOf,
  parseImportProfile,
  REQUIRED_FIELDS,
} from "./profile/import-profile.js";
export { type CsvRecord, CsvTokenizer, type CsvTokenizerOptions } from "./read/csv-tokenizer.js";
export {
  type DetectedDialect,
  decodeBytes,
  detectDelimiter,
  detectDialect,
  detectEncoding,
  dryRunDetect,
  type FileEncoding,
} from "./read/detect.js";
export {
  type ImportProgress,
  type ImportSource,
  type ReadImportOptions,
  readImportRows,
} from "./read/read-import-rows.js";
export { ImportHeaderError, type SourceCell } from "./read/row-mapper.js";
export {
  applyTransforms,
  dateToExcelSerial,
  excelSerialToDate,
  foldText,
  hasControlCharacters,
  isScientific,
  looksLikeFormula,
  looksLikePath,
  type NumberConvention,
  parseAmountText,
  parseDateText,
  parseDebtorKind,
  parseLanguage,
  parseYesNo,
  phoneExpected,
  type ValueResult,
} from "./read/values.js";
export { readSheetRows, type SheetRow } from "./read/xlsx.js";
export {
  type CaseRowRecord,
  type ContactRowRecord,
  type ContactValue,
  type ImportRecord,
  type ImportRow,
  type LocalizedText,
  type MassActionRowRecord,
  type MassActionWord,
  type PaymentRowRecord,
  ROW_ISSUE_CODES,
  type RowIssue,
  type RowIssueCode,
} from "./records.js";
