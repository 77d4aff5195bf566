export { accountKey, type BankEntryKey, bankEntryKeys } from "./bank-entry-key.js";
export type {
  BankTransaction,
  StructuredReference,
  StructuredReferenceKind,
} from "./bank-transaction.js";
export {
  type CandidateIndex,
  centsKey,
  createCandidateIndex,
  type PaymentGroup,
  paymentGroupOf,
} from "./candidate-index.js";
export {
  CASE_KEY_KINDS,
  type CaseKey,
  type CaseKeyKind,
  caseKeysOf,
  normalizeMatchKey,
} from "./case-keys.js";
export { type FoundReference, findReferences, nearReferences } from "./find-references.js";
export { type MatchCase, type MatchPayment, matchCaseOf } from "./match-case.js";
export {
  DEFAULT_MATCH_POLICY,
  type MatchPolicy,
  type MatchPolicyInput,
  matchPolicySchema,
  matchWeightsSchema,
  resolveMatchPolicy,
} from "./match-policy.js";
export { describeMatchReason, type MatchReason, type MatchReasonCode } from "./match-reason.js";
export {
  lookupKeysOf,
  type MatchAllocation,
  type MatchCandidate,
  type MatchDecision,
  type MatchOptions,
  type MatchReversal,
  matchTransactions,
  type TransactionMatch,
} from "./match-transactions.js";
