export type {
  CaseFile,
  Charge,
  Claim,
  CollectionTerms,
  DayCount,
  Designation,
  ImputationOrder,
  InterestStart,
  InterestTerms,
  Payment,
} from "./case-file.js";
export { type CaseFileJson, caseFileSchema, parseCaseFile } from "./case-file-schema.js";
export { computeStatement, type StatementOptions } from "./compute-statement.js";
export type {
  Allocation,
  InterestLine,
  Statement,
  StatementCharge,
  StatementClaim,
  StatementTotals,
} from "./statement.js";
export { type StatementJson, statementToJson } from "./statement-json.js";
