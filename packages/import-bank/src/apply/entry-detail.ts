import type { MatchReason, MatchReasonCode, TransactionMatch } from "@incasso/core";
import { matchWeightsSchema } from "@incasso/core";
import { z } from "zod";

const reasonCodes = Object.keys(matchWeightsSchema.shape) as [
  MatchReasonCode,
  ...MatchReasonCode[],
];
const reason = z.strictObject({
  code: z.enum(reasonCodes),
  points: z.number().int(),
  detail: z.string(),
});
const nullableText = z.string().nullable();

/**
 * Zod schema of what a bank import keeps with each row of its batch: the file and the entry as
 * read, the entry's key, the decision, score and reasons, the candidates, the parts of the payment
 * (or the payments a debit returns), and what it repeats. Amounts are decimal strings.
 *
 * @example
 * ```ts
 * import { bankEntryDetailSchema } from "@incasso/import-bank";
 * declare const row: { detail?: unknown };
 * const detail = bankEntryDetailSchema.parse(row.detail);
 * ```
 */
export const bankEntryDetailSchema = z.strictObject({
  file: z.string(),
  entry: z.strictObject({
    account: z.string(),
    statement: nullableText,
    entryReference: z.string(),
    bookingDate: z.string(),
    valueDate: z.string(),
    amount: z.string(),
    currency: z.string(),
    counterpartyName: nullableText,
    counterpartyIban: nullableText,
    counterpartyBic: nullableText,
    reference: z
      .strictObject({
        kind: z.enum(["ogm", "rf", "nl-payment-reference", "other"]),
        value: z.string(),
        valid: z.boolean(),
      })
      .nullable(),
    communication: nullableText,
    reversal: z.boolean(),
    returnReason: nullableText,
  }),
  key: z.string(),
  direction: z.enum(["credit", "debit"]),
  decision: z.enum(["apply", "propose", "unmatched", "duplicate", "ignore"]),
  score: z.number().int(),
  reasons: z.array(reason),
  candidates: z.array(
    z.strictObject({
      caseId: z.string(),
      caseNumber: z.string(),
      clientId: z.string(),
      score: z.number().int(),
      reasons: z.array(reason),
    }),
  ),
  allocations: z.array(
    z.strictObject({
      part: z.number().int(),
      caseId: z.string(),
      caseNumber: z.string(),
      amount: z.string(),
      paymentId: z.string(),
      idempotencyKey: z.string(),
      basis: z.enum(["named", "split", "overpayment"]),
    }),
  ),
  reversals: z.array(
    z.strictObject({
      caseId: z.string(),
      caseNumber: z.string(),
      paymentId: z.string(),
      amount: z.string(),
    }),
  ),
  duplicateOf: z.strictObject({ caseId: z.string(), paymentId: z.string() }).nullable(),
  note: nullableText,
});

/**
 * What a bank import keeps with a row (see {@link bankEntryDetailSchema}).
 *
 * @example
 * ```ts
 * import type { BankEntryDetail } from "@incasso/import-bank";
 * const owed = (detail: BankEntryDetail) => detail.entry.amount;
 * ```
 */
export type BankEntryDetail = z.output<typeof bankEntryDetailSchema>;

const reasonJson = (item: MatchReason) => ({
  code: item.code,
  points: item.points,
  detail: item.detail,
});

/**
 * The detail of a matched entry, as JSON a store keeps.
 *
 * @example
 * ```ts
 * import { entryDetailOf } from "@incasso/import-bank";
 * declare const match: import("@incasso/core").TransactionMatch;
 * entryDetailOf("day.cod", match).decision;
 * ```
 */
export function entryDetailOf(file: string, match: TransactionMatch): BankEntryDetail {
  const tx = match.transaction;
  return {
    file,
    entry: {
      account: tx.account,
      statement: tx.statement,
      entryReference: tx.entryReference,
      bookingDate: tx.bookingDate.toString(),
      valueDate: tx.valueDate.toString(),
      amount: tx.amount.toFixed(2),
      currency: tx.currency,
      counterpartyName: tx.counterparty.name,
      counterpartyIban: tx.counterparty.iban,
      counterpartyBic: tx.counterparty.bic,
      reference:
        tx.structuredReference === null
          ? null
          : {
              kind: tx.structuredReference.kind,
              value: tx.structuredReference.value,
              valid: tx.structuredReference.valid,
            },
      communication: tx.communication,
      reversal: tx.reversal === true,
      returnReason: tx.returnReason ?? null,
    },
    key: match.entry.key,
    direction: match.direction,
    decision: match.decision,
    score: match.score,
    reasons: match.reasons.map(reasonJson),
    candidates: match.candidates.map((candidate) => ({
      caseId: candidate.caseId,
      caseNumber: candidate.caseNumber,
      clientId: candidate.clientId,
      score: candidate.score,
      reasons: candidate.reasons.map(reasonJson),
    })),
    allocations: match.allocations.map((part) => ({
      part: part.part,
      caseId: part.caseId,
      caseNumber: part.caseNumber,
      amount: part.amount.toFixed(2),
      paymentId: part.paymentId,
      idempotencyKey: part.idempotencyKey,
      basis: part.basis,
    })),
    reversals: match.reversals.map((reversal) => ({
      caseId: reversal.caseId,
      caseNumber: reversal.caseNumber,
      paymentId: reversal.paymentId,
      amount: reversal.amount.toFixed(2),
    })),
    duplicateOf: match.duplicateOf,
    note: match.note,
  };
}
