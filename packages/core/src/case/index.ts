export {
  type CaseClaim,
  type CaseEvent,
  type CaseEventJson,
  type ContractTerms,
  caseClaimSchema,
  caseEventSchema,
  contractTermsSchema,
  type Debtor,
  debtorSchema,
  type PlanReminderSettings,
  planReminderSettingsSchema,
} from "./case-event.js";
export { formatCaseNumber } from "./case-number.js";
export {
  type CaseOptions,
  type CaseSummary,
  caseStatement,
  caseSummary,
  type LetterTerm,
  type ResolvedCase,
  resolveCase,
  whatIf,
} from "./case-statement.js";
export type { Finding } from "./findings/finding.js";
export type { FindingCode, FindingParams } from "./findings/finding-code.js";
export {
  type CaseState,
  type CaseStatus,
  type CaseSuspension,
  type FoldOptions,
  foldCase,
  type HistoryEntry,
  type PaymentPromise,
  parseCaseEvents,
} from "./fold-case.js";
export {
  type DescribeOptions,
  describeCaseEvent,
  type HistoryLanguage,
} from "./history-text.js";
export {
  type PackRule,
  RULE_PACK_POLICY_DEFAULTS,
  RULE_PACKS,
  type RulePack,
  type RulePackId,
  type RulePackPolicy,
  rulePackPolicySchema,
} from "./rule-packs.js";
export { type FieldDefinition, validateFields } from "./user-fields.js";
