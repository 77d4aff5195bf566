/**
 * `@incasso/export-organi`: the handover of cases to bailiff offices. A versioned handover model
 * (zod, with its JSON Schema and XSD shipped in `schema/`), its JSON, XML and CSV forms, a
 * byte-stable ZIP with a manifest and the documents, office profiles as data (a documented
 * `default`, and an `organi` placeholder the exporter refuses until it is completed from the
 * office's specification), the export flow on the store that records `bailiff.handover` on each
 * case, and the return channel of acknowledgements, status and payments.
 *
 * @packageDocumentation
 */

export {
  ACKNOWLEDGEMENT_CSV_COLUMNS,
  ACKNOWLEDGEMENT_VERSION,
  type Acknowledgement,
  type AcknowledgementOutcome,
  acknowledgementSchema,
  BAILIFF_STATUSES,
  importAcknowledgement,
  parseAcknowledgement,
} from "./flow/acknowledgement.js";
export {
  type BailiffExport,
  type BailiffOffice,
  bailiffOfficeSchema,
  type ExportToBailiffInput,
  exportToBailiff,
  handoverPackageId,
  type RefusalCode,
  type RefusedCase,
  type SenderFirm,
  senderFirmSchema,
} from "./flow/export-to-bailiff.js";
export { collectCaseDocuments, type HandoverDocumentSources } from "./flow/handover-documents.js";
export { handoverToCsv, neutraliseCell } from "./formats/handover-csv.js";
export { handoverToJson } from "./formats/handover-json.js";
export { escapeXml, HANDOVER_XML_NAMESPACE, handoverToXml } from "./formats/handover-xml.js";
export {
  type HandoverFile,
  type HandoverZip,
  type ManifestEntry,
  writeHandoverZip,
  ZIP_ENTRY_DATE,
} from "./formats/handover-zip.js";
export { readCsv } from "./formats/read-csv.js";
export { safeFileName, sha256Hex } from "./formats/safe-file-name.js";
export {
  BAILIFF_FILE_NUMBER_FIELD,
  buildHandoverCase,
  type CreditorDetails,
  type HandoverCaseInput,
  type HandoverDocumentEntry,
  type JudgmentRecord,
} from "./model/build-handover-case.js";
export { cleanText, UNSAFE_TEXT } from "./model/handover-fields.js";
export {
  acknowledgementJsonSchemaText,
  HANDOVER_JSON_SCHEMA_ID,
  handoverJsonSchema,
  handoverJsonSchemaText,
} from "./model/handover-json-schema.js";
export {
  HANDOVER_PHASES,
  HANDOVER_SCHEMA_VERSION,
  type HandoverCase,
  type HandoverPackage,
  type HandoverPhase,
  handoverCaseSchema,
  handoverPackageSchema,
} from "./model/handover-package.js";
export { DEFAULT_PROFILE } from "./profiles/default-profile.js";
export {
  assertProfileConfirmed,
  CSV_COLUMN_FIELDS,
  type CsvColumnField,
  type HandoverProfile,
  handoverProfileSchema,
  parseHandoverProfile,
} from "./profiles/handover-profile.js";
export { BUILT_IN_PROFILES, ORGANI_PROFILE } from "./profiles/organi-profile.js";
export { SCHEMA_DIR } from "./schema-dir.js";
