/**
 * @module
 */
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
export {
  type CaseRowRecord,
  type ContactRowRecord,
  type ContactValue,
  type ImportRecord,
  type ImportRow,
  type LocalizedText,
  type MassActionRowRecord,
  type PaymentRowRecord,
  ROW_ISSUE_CODES,
  type RowIssue,
  type RowIssueCode,
} from "./records.js";
