import type { Decimal } from "decimal.js";
import { Temporal } from "temporal-polyfill";
import { MoneyDecimal } from "../money/decimal.js";
import { isValidOgm } from "../references/be-structured-communication.js";
import { formatIban } from "../references/iban.js";
import { isValidNlPaymentReference } from "../references/nl-payment-reference.js";
import { isValidRfReference } from "../references/rf-creditor-reference.js";
import type { BankEntryKey } from "./bank-entry-key.js";
import { accountKey, bankEntryKeys } from "./bank-entry-key.js";
import type { BankTransaction } from "./bank-transaction.js";
import type { CandidateIndex, PaymentGroup } from "./candidate-index.js";
import { centsKey, paymentGroupOf } from "./candidate-index.js";
import type { CaseKey } from "./case-keys.js";
import { normalizeMatchKey } from "./case-keys.js";
import type { FoundReference } from "./find-references.js";
import { findReferences, nearReferences } from "./find-references.js";
import type { MatchCase } from "./match-case.js";
import type { MatchPolicy, MatchPolicyInput } from "./match-policy.js";
import { resolveMatchPolicy } from "./match-policy.js";
import type { MatchReason, MatchReasonCode } from "./match-reason.js";

/**
 * What the matcher decided for a bank entry:
 * - `apply`: the score reached the policy's `applyAt` and no other case came close: record it;
 * - `propose`: between `proposeAt` and `applyAt`, or ambiguous: a clerk reviews it;
 * - `unmatched`: no candidate reached `proposeAt` (or not in euro): a clerk looks for the case;
 * - `duplicate`: this entry was recorded before (same entry, or the same transfer in another file);
 * - `ignore`: a debit that returns no payment we recorded (the firm's own payments out).
 *
 * @example
 * ```ts
 * import type { MatchDecision } from "@incasso/core";
 * const needsClerk = (decision: MatchDecision) => decision === "propose" || decision === "unmatched";
 * ```
 */
export type MatchDecision = "apply" | "propose" | "unmatched" | "duplicate" | "ignore";

/**
 * A case a bank entry may belong to, its score (0 to 100) and every reason for it.
 *
 * @example
 * ```ts
 * import type { MatchCandidate } from "@incasso/core";
 * const line = (candidate: MatchCandidate) => `${candidate.caseNumber} ${candidate.score}`;
 * ```
 */
export interface MatchCandidate {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly clientId: string;
  readonly score: number;
  readonly reasons: readonly MatchReason[];
}

/**
 * One part of a payment: the case it goes to, the amount, its payment id and idempotency key, and
 * why it goes there (`named`: the transfer names the case; `split`: the rest after the named cases'
 * balances, to the debtor's other open cases in the policy's order; `overpayment`: what is left
 * after every open balance, kept on the first named case).
 *
 * @example
 * ```ts
 * import type { MatchAllocation } from "@incasso/core";
 * const total = (parts: MatchAllocation[]) => parts.reduce((sum, part) => sum.plus(part.amount), parts[0]!.amount.times(0));
 * ```
 */
export interface MatchAllocation {
  readonly part: number;
  readonly caseId: string;
  readonly caseNumber: string;
  readonly amount: Decimal;
  readonly paymentId: string;
  readonly idempotencyKey: string;
  readonly basis: "named" | "split" | "overpayment";
}

/**
 * A payment a debit undoes: the case and the payment (each part of a split payment is one).
 *
 * @example
 * ```ts
 * import type { MatchReversal } from "@incasso/core";
 * const ids = (reversals: MatchReversal[]) => reversals.map((reversal) => reversal.paymentId);
 * ```
 */
export interface MatchReversal {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly paymentId: string;
  readonly amount: Decimal;
}

/**
 * The outcome of matching one bank entry: the entry and its key, credit or debit, the decision,
 * the best score and its reasons, the candidates ranked (for review), the parts of the payment
 * (a credit to apply or proposed) or the payments it returns (a debit), what it repeats (a
 * duplicate), and a note in words when the entry itself is the reason (not in euro, a debit that
 * returns nothing of ours).
 *
 * @example
 * ```ts
 * import type { TransactionMatch } from "@incasso/core";
 * const applied = (matches: TransactionMatch[]) => matches.filter((match) => match.decision === "apply");
 * ```
 */
export interface TransactionMatch {
  readonly index: number;
  readonly transaction: BankTransaction;
  readonly entry: BankEntryKey;
  readonly direction: "credit" | "debit";
  readonly decision: MatchDecision;
  readonly score: number;
  readonly reasons: readonly MatchReason[];
  readonly candidates: readonly MatchCandidate[];
  readonly allocations: readonly MatchAllocation[];
  readonly reversals: readonly MatchReversal[];
  readonly duplicateOf: { readonly caseId: string; readonly paymentId: string } | null;
  readonly note: string | null;
}

/**
 * Options of {@link matchTransactions}: the entry keys when the caller computed them (one list per
 * file, so that the same transfer in two files of one import keeps one key); by default they are
 * computed over the whole list.
 *
 * @example
 * ```ts
 * import type { MatchOptions } from "@incasso/core";
 * const options: MatchOptions = {};
 * ```
 */
export interface MatchOptions {
  readonly keys?: readonly BankEntryKey[];
}

const CLOSED = new Set(["closed", "paid", "written-off"]);
const ZERO = new MoneyDecimal(0);

/**
 * Matches bank entries to cases, in order, explainably. Pure: the same entries, index and policy
 * give the same matches.
 *
 * For a credit, candidates come from: the structured reference of the transfer (OGM, RF, Dutch
 * payment reference) equal to a case's payment reference; the same found in the free text; a
 * reference whose check digits fail, by the valid references one typing slip from it (never as
 * exact: `reference-check-failed` takes points off and the reason says so); the case number, the
 * client's reference or an invoice number among the words of the text; an IBAN that paid a case of
 * the debtor before (all the debtor's cases). Each candidate then gains points when the amount is
 * its open balance, an instalment or a promise, and when the payer bears the debtor's name, and
 * loses points when the case is not open or already holds the same payment from another entry. The
 * score is the sum of the positive points capped at 100, plus the penalties, within 0 to 100.
 *
 * A payment applied to a case larger than its balance pays the other cases the transfer names (of
 * the same debtor), then the debtor's other open cases in the policy's order (oldest due first by
 * default); what is left stays on the first case as an overpayment. Balances are followed through
 * the list, so a second payment sees what the first left.
 *
 * For a debit, candidates are the payments (or split payments) of exactly the amount: the debit
 * gains points when it goes back to the account that paid, quotes the payment's reference, or the
 * bank marks it as a reversal; a debit undoing a payment becomes `payment.reversed` of each part.
 *
 * An entry whose payment id or bank entry (account and entry reference) is already recorded, or
 * was applied earlier in the list, is a `duplicate`.
 *
 * @example
 * ```ts
 * import { createCandidateIndex, matchTransactions, type BankTransaction, type MatchCase } from "@incasso/core";
 * declare const cases: MatchCase[];
 * declare const transactions: BankTransaction[];
 * const matches = matchTransactions(transactions, createCandidateIndex(cases));
 * matches.map((match) => `${match.decision} ${match.score}`);
 * ```
 */
export function matchTransactions(
  transactions: readonly BankTransaction[],
  index: CandidateIndex,
  policyInput: MatchPolicyInput | MatchPolicy = {},
  options: MatchOptions = {},
): TransactionMatch[] {
  const policy = resolveMatchPolicy(policyInput);
  const keys = options.keys ?? bankEntryKeys(transactions);
  if (keys.length !== transactions.length)
    throw new RangeError("expected one entry key per transaction");
  const state: RunState = {
    balances: new Map(),
    appliedPayments: new Map(),
    appliedEntries: new Map(),
    appliedGroups: new Map(),
    appliedGroupsByCents: new Map(),
    reversed: new Set(),
  };
  return transactions.map((transaction, position) => {
    const entry = keys[position] as BankEntryKey;
    return transaction.amount.isNegative()
      ? matchDebit(position, transaction, entry, index, policy, state)
      : matchCredit(position, transaction, entry, index, policy, state);
  });
}

interface RunState {
  readonly balances: Map<string, Decimal | null>;
  readonly appliedPayments: Map<string, { caseId: string; paymentId: string }>;
  readonly appliedEntries: Map<string, { caseId: string; paymentId: string }>;
  readonly appliedGroups: Map<string, PaymentGroup & { transaction: BankTransaction }>;
  /** The same groups by the cents of their amount, so a debit looks only at groups of its amount. */
  readonly appliedGroupsByCents: Map<
    string,
    Map<string, PaymentGroup & { transaction: BankTransaction }>
  >;
  readonly reversed: Set<string>;
}

type Evidence = Map<string, Map<MatchReasonCode, MatchReason>>;

function give(
  evidence: Evidence,
  policy: MatchPolicy,
  caseId: string,
  code: MatchReasonCode,
  detail: string,
): void {
  let reasons = evidence.get(caseId);
  if (reasons === undefined) {
    reasons = new Map();
    evidence.set(caseId, reasons);
  }
  if (!reasons.has(code)) reasons.set(code, { code, points: policy.weights[code], detail });
}

function scoreOf(reasons: Iterable<MatchReason>): number {
  let positive = 0;
  let negative = 0;
  for (const reason of reasons) {
    if (reason.points >= 0) positive += reason.points;
    else negative += reason.points;
  }
  return Math.max(0, Math.min(100, Math.min(100, positive) + negative));
}

function balanceOf(state: RunState, entry: MatchCase): Decimal | null {
  return state.balances.has(entry.caseId)
    ? (state.balances.get(entry.caseId) ?? null)
    : entry.balance;
}

function isValidReference(kind: string, value: string): boolean {
  if (kind === "ogm") return isValidOgm(value);
  if (kind === "rf") return isValidRfReference(value);
  if (kind === "nl-payment-reference") return isValidNlPaymentReference(value);
  return false;
}

function displayReference(reference: FoundReference): string {
  if (reference.kind === "ogm" && reference.value.length === 12) {
    const v = reference.value;
    return `+++${v.slice(0, 3)}/${v.slice(3, 7)}/${v.slice(7)}+++`;
  }
  return reference.value;
}

function words(text: string, minLength: number): { key: string; text: string }[] {
  const parts = text.split(/[\s,;:()[\]{}'"]+/).filter((part) => part !== "");
  const out = new Map<string, string>();
  const consider = (raw: string) => {
    const key = normalizeMatchKey(raw);
    if (key.length >= minLength && !out.has(key)) out.set(key, raw);
  };
  parts.forEach((part, at) => {
    consider(part);
    // A number typed with a space in it: "2026 / 00042", "F 2026-001".
    const next = parts[at + 1];
    if (next !== undefined) consider(`${part} ${next}`);
    const third = parts[at + 2];
    if (next !== undefined && third !== undefined && next.length <= 2)
      consider(`${part} ${next} ${third}`);
    // A word with a prefix glued on: "factuur:2026-001", "nr.2026/00042".
    const glued = /^[A-Za-z]+[.:#-]+(.+)$/.exec(part);
    if (glued !== null) consider(glued[1] as string);
  });
  return [...out].map(([key, raw]) => ({ key, text: raw }));
}

function nameTokens(name: string): string[] {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((token) => token.length >= 2);
}

function sameName(payer: string, debtor: string): boolean {
  const a = nameTokens(payer);
  const b = nameTokens(debtor);
  if (a.length === 0 || b.length === 0) return false;
  const [shorter, longer] = a.length <= b.length ? [a, b] : [b, a];
  const pool = new Set(longer);
  return shorter.every((token) => pool.has(token));
}

function lookupReference(
  reference: FoundReference,
  exactCode: "structured-reference" | "reference-in-text",
  evidence: Evidence,
  index: CandidateIndex,
  policy: MatchPolicy,
): void {
  if (reference.valid && isValidReference(reference.kind, reference.value)) {
    for (const caseId of index.find("payment-reference", reference.value))
      give(evidence, policy, caseId, exactCode, displayReference(reference));
    return;
  }
  // A reference whose check digits fail: the case whose stored reference is exactly this (a
  // reference stored with the same slip), and the valid references one slip away.
  const shown = displayReference(reference);
  const near = [reference.value, ...nearReferences(reference)];
  for (const value of near) {
    for (const caseId of index.find("payment-reference", value)) {
      give(evidence, policy, caseId, "reference-near", displayReference({ ...reference, value }));
      give(evidence, policy, caseId, "reference-check-failed", shown);
    }
  }
}

function matchCredit(
  position: number,
  transaction: BankTransaction,
  entry: BankEntryKey,
  index: CandidateIndex,
  policy: MatchPolicy,
  state: RunState,
): TransactionMatch {
  const base = {
    index: position,
    transaction,
    entry,
    direction: "credit" as const,
    reversals: [],
  };
  const firstId = entry.paymentId(0);
  const account = accountKey(transaction.account);
  const known =
    state.appliedPayments.get(firstId) ??
    state.appliedEntries.get(`${account}\u0000${transaction.entryReference}`) ??
    index.payment(firstId) ??
    index.entry(transaction.account, transaction.entryReference);
  if (known !== undefined) {
    const paymentId = "paymentId" in known ? known.paymentId : known.payment.paymentId;
    return {
      ...base,
      decision: "duplicate",
      score: 0,
      reasons: [],
      candidates: [],
      allocations: [],
      duplicateOf: { caseId: known.caseId, paymentId },
      note: "this bank entry is already recorded",
    };
  }
  if (transaction.currency.toUpperCase() !== "EUR" || transaction.amount.isZero()) {
    return {
      ...base,
      decision: "unmatched",
      score: 0,
      reasons: [],
      candidates: [],
      allocations: [],
      duplicateOf: null,
      note: transaction.amount.isZero()
        ? "an entry of no amount"
        : `an amount in ${transaction.currency}, not in euro: convert and enter it by hand`,
    };
  }
  const evidence: Evidence = new Map();
  const structured = transaction.structuredReference;
  let freeText = transaction.communication ?? "";
  if (structured !== null && structured.value !== "") {
    if (structured.kind === "other") freeText = `${structured.value} ${freeText}`;
    else {
      const value = normalizeMatchKey(structured.value);
      lookupReference(
        {
          kind: structured.kind,
          value,
          valid: structured.valid && isValidReference(structured.kind, value),
          text: structured.value,
        },
        "structured-reference",
        evidence,
        index,
        policy,
      );
    }
  }
  if (freeText !== "") {
    for (const reference of findReferences(freeText))
      lookupReference(reference, "reference-in-text", evidence, index, policy);
    for (const word of words(freeText, policy.minWordLength)) {
      for (const caseId of index.find("case-number", word.key))
        give(evidence, policy, caseId, "case-number", word.text);
      for (const caseId of index.find("client-reference", word.key))
        give(evidence, policy, caseId, "client-reference", word.text);
      for (const caseId of index.find("invoice-number", word.key))
        give(evidence, policy, caseId, "invoice-number", word.text);
    }
  }
  const iban =
    transaction.counterparty.iban === null ? "" : normalizeMatchKey(transaction.counterparty.iban);
  if (iban !== "") {
    const debtors = new Set<string>();
    for (const caseId of index.find("counterparty-iban", iban)) {
      for (const debtor of index.get(caseId)?.debtorIds ?? []) debtors.add(debtor);
    }
    let count = 0;
    for (const debtor of debtors) {
      for (const caseId of index.find("debtor", debtor)) {
        if (count++ >= 200) break;
        give(evidence, policy, caseId, "known-iban", formatIban(iban));
      }
    }
  }
  const amount = transaction.amount;
  const shownAmount = amount.toFixed(2);
  const candidates: (MatchCandidate & { entry: MatchCase })[] = [];
  for (const [caseId, reasons] of evidence) {
    const found = index.get(caseId);
    if (found === undefined) continue;
    const balance = balanceOf(state, found);
    if (balance?.gt(0) && balance.eq(amount))
      give(evidence, policy, caseId, "amount-equals-balance", shownAmount);
    for (const expected of found.expected) {
      if (expected.amount.eq(amount))
        give(
          evidence,
          policy,
          caseId,
          expected.kind === "promise" ? "amount-equals-promise" : "amount-equals-instalment",
          shownAmount,
        );
    }
    const payer = transaction.counterparty.name;
    if (payer !== null && found.debtorNames.some((name) => sameName(payer, name)))
      give(evidence, policy, caseId, "debtor-name", payer);
    if (CLOSED.has(found.status)) give(evidence, policy, caseId, "case-not-open", found.status);
    const seen = found.payments.some(
      (payment) =>
        payment.reversed !== true &&
        payment.amount.eq(amount) &&
        payment.date.equals(transaction.valueDate) &&
        payment.entryReference !== transaction.entryReference &&
        (payment.counterpartyIban === null || iban === "" || payment.counterpartyIban === iban),
    );
    if (seen)
      give(
        evidence,
        policy,
        caseId,
        "same-payment-seen",
        `${shownAmount} on ${transaction.valueDate}`,
      );
    const list = [...reasons.values()].sort(
      (a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.code < b.code ? -1 : 1),
    );
    candidates.push({
      caseId,
      caseNumber: found.caseNumber,
      clientId: found.clientId,
      score: scoreOf(list),
      reasons: list,
      entry: found,
    });
  }
  candidates.sort(
    (a, b) =>
      b.score - a.score ||
      compareDates(a.entry.oldestDueDate, b.entry.oldestDueDate) ||
      (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0),
  );
  const shown = candidates
    .slice(0, policy.maxCandidates)
    .map(({ entry: _entry, ...candidate }) => candidate);
  const best = candidates[0];
  if (best === undefined || best.score < policy.proposeAt) {
    return {
      ...base,
      decision: "unmatched",
      score: best?.score ?? 0,
      reasons: best?.reasons ?? [],
      candidates: shown,
      allocations: [],
      duplicateOf: null,
      note: best === undefined ? "nothing in the entry points to a case" : null,
    };
  }
  const shares = (other: MatchCase) =>
    other.debtorIds.some((debtor) => best.entry.debtorIds.includes(debtor));
  const rival = candidates
    .slice(1)
    .find(
      (other) =>
        other.score > best.score - policy.ambiguityMargin &&
        !(other.score >= policy.applyAt && shares(other.entry)),
    );
  const decision: MatchDecision =
    best.score >= policy.applyAt && rival === undefined ? "apply" : "propose";
  const named =
    decision === "apply"
      ? candidates
          .filter(
            (other) => other === best || (other.score >= policy.applyAt && shares(other.entry)),
          )
          .map((c) => c.entry)
      : [best.entry];
  const allocations = allocate(amount, named, index, policy, state, entry);
  if (decision === "apply") {
    for (const part of allocations) {
      const found = index.get(part.caseId);
      const balance = found === undefined ? null : balanceOf(state, found);
      state.balances.set(part.caseId, balance === null ? null : balance.minus(part.amount));
      state.appliedPayments.set(part.paymentId, { caseId: part.caseId, paymentId: part.paymentId });
    }
    state.appliedEntries.set(`${account}\u0000${transaction.entryReference}`, {
      caseId: best.caseId,
      paymentId: firstId,
    });
    const group: PaymentGroup & { transaction: BankTransaction } = {
      id: entry.key,
      transaction,
      parts: allocations.map((part) => ({
        caseId: part.caseId,
        payment: {
          paymentId: part.paymentId,
          amount: part.amount,
          date: transaction.valueDate,
          account: transaction.account,
          entryReference: transaction.entryReference,
          counterpartyIban: iban === "" ? null : iban,
          communication: transaction.communication,
        },
      })),
    };
    state.appliedGroups.set(entry.key, group);
    const cents = centsKey(transaction.amount);
    let sameAmount = state.appliedGroupsByCents.get(cents);
    if (sameAmount === undefined) {
      sameAmount = new Map();
      state.appliedGroupsByCents.set(cents, sameAmount);
    }
    sameAmount.set(entry.key, group);
  }
  return {
    ...base,
    decision,
    score: best.score,
    reasons: best.reasons,
    candidates: shown,
    allocations,
    duplicateOf: null,
    note:
      rival !== undefined && best.score >= policy.applyAt
        ? `case ${rival.caseNumber} scores close to case ${best.caseNumber}`
        : null,
  };
}

function compareDates(a: Temporal.PlainDate | null, b: Temporal.PlainDate | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return Temporal.PlainDate.compare(a, b);
}

function splitOrder(policy: MatchPolicy, state: RunState) {
  return (a: MatchCase, b: MatchCase): number => {
    const byId = a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0;
    if (policy.split.order === "case-number")
      return a.caseNumber < b.caseNumber ? -1 : a.caseNumber > b.caseNumber ? 1 : byId;
    if (policy.split.order === "largest-balance-first") {
      const left = balanceOf(state, a) ?? ZERO;
      const right = balanceOf(state, b) ?? ZERO;
      return right.comparedTo(left) || byId;
    }
    return compareDates(a.oldestDueDate, b.oldestDueDate) || byId;
  };
}

function allocate(
  amount: Decimal,
  named: readonly MatchCase[],
  index: CandidateIndex,
  policy: MatchPolicy,
  state: RunState,
  entry: BankEntryKey,
): MatchAllocation[] {
  const order = splitOrder(policy, state);
  const first = named[0] as MatchCase;
  const shares: { entry: MatchCase; amount: Decimal; basis: MatchAllocation["basis"] }[] = [];
  let rest = amount;
  const take = (target: MatchCase, basis: "named" | "split") => {
    if (rest.lte(0)) return;
    const balance = balanceOf(state, target);
    if (balance === null) {
      if (basis === "named") {
        shares.push({ entry: target, amount: rest, basis });
        rest = ZERO;
      }
      return;
    }
    if (balance.lte(0)) return;
    const part = MoneyDecimal.min(balance, rest);
    shares.push({ entry: target, amount: part, basis });
    rest = rest.minus(part);
  };
  const sorted = [...named].sort(order);
  for (const target of sorted) take(target, "named");
  if (rest.gt(0) && policy.split.acrossDebtorCases && balanceOf(state, first) !== null) {
    const seen = new Set(named.map((target) => target.caseId));
    const others: MatchCase[] = [];
    for (const debtor of first.debtorIds) {
      for (const caseId of index.find("debtor", debtor)) {
        if (seen.has(caseId)) continue;
        seen.add(caseId);
        const other = index.get(caseId);
        if (other !== undefined && !CLOSED.has(other.status)) others.push(other);
      }
    }
    for (const target of others.sort(order)) take(target, "split");
  }
  if (rest.gt(0)) {
    const own = shares.find((share) => share.entry.caseId === first.caseId);
    if (own !== undefined) own.amount = own.amount.plus(rest);
    else shares.unshift({ entry: first, amount: rest, basis: "overpayment" });
    rest = ZERO;
  }
  return shares.map((share, part) => ({
    part,
    caseId: share.entry.caseId,
    caseNumber: share.entry.caseNumber,
    amount: share.amount,
    paymentId: entry.paymentId(part),
    idempotencyKey: entry.idempotencyKey(part),
    basis: share.basis,
  }));
}

function matchDebit(
  position: number,
  transaction: BankTransaction,
  entry: BankEntryKey,
  index: CandidateIndex,
  policy: MatchPolicy,
  state: RunState,
): TransactionMatch {
  const base = {
    index: position,
    transaction,
    entry,
    direction: "debit" as const,
    allocations: [],
    duplicateOf: null,
  };
  const cents = centsKey(transaction.amount);
  const groups: PaymentGroup[] = [...index.paymentsOfAmount(cents)];
  for (const group of state.appliedGroupsByCents.get(cents)?.values() ?? []) groups.push(group);
  const iban =
    transaction.counterparty.iban === null ? "" : normalizeMatchKey(transaction.counterparty.iban);
  const text = `${transaction.structuredReference?.value ?? ""} ${transaction.communication ?? ""}`;
  const compactText = normalizeMatchKey(text);
  const references = new Set(findReferences(text).map((reference) => reference.value));
  if (transaction.structuredReference !== null)
    references.add(normalizeMatchKey(transaction.structuredReference.value));
  const scored: { group: PaymentGroup; score: number; reasons: MatchReason[] }[] = [];
  for (const group of groups) {
    const parts = group.parts.filter((part) => !state.reversed.has(part.payment.paymentId));
    const first = parts[0];
    if (first === undefined || parts.length !== group.parts.length) continue;
    if (Temporal.PlainDate.compare(first.payment.date, transaction.valueDate) > 0) continue;
    const reasons: MatchReason[] = [];
    const add = (code: MatchReasonCode, detail: string) =>
      reasons.push({ code, points: policy.weights[code], detail });
    add("returns-amount", transaction.amount.abs().toFixed(2));
    if (iban !== "" && first.payment.counterpartyIban === iban)
      add("returns-iban", formatIban(iban));
    const ourReferences = parts.flatMap((part) => index.get(part.caseId)?.paymentReferences ?? []);
    const quoted = ourReferences.find((reference) => references.has(reference));
    if (quoted !== undefined)
      add(
        "returns-reference",
        `the reference ${displayReference({ kind: /^\d{12}$/.test(quoted) ? "ogm" : "rf", value: quoted, valid: true, text: quoted })}`,
      );
    else {
      const entryReference = first.payment.entryReference;
      if (entryReference !== null) {
        const compactReference = normalizeMatchKey(entryReference);
        if (compactReference.length >= 6 && compactText.includes(compactReference))
          add("returns-reference", `the entry ${entryReference}`);
      }
    }
    if (transaction.reversal === true) add("reversal-indicator", transaction.returnReason ?? "");
    const days = first.payment.date.until(transaction.valueDate).days;
    if (days > policy.returnWindowDays) add("return-too-late", first.payment.date.toString());
    reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points) || (a.code < b.code ? -1 : 1));
    scored.push({ group, score: scoreOf(reasons), reasons });
  }
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      Temporal.PlainDate.compare(
        (b.group.parts[0] as PaymentGroup["parts"][number]).payment.date,
        (a.group.parts[0] as PaymentGroup["parts"][number]).payment.date,
      ) ||
      (a.group.id < b.group.id ? -1 : 1),
  );
  const candidates: MatchCandidate[] = scored.slice(0, policy.maxCandidates).map((candidate) => {
    const part = candidate.group.parts[0] as PaymentGroup["parts"][number];
    const found = index.get(part.caseId);
    return {
      caseId: part.caseId,
      caseNumber: found?.caseNumber ?? part.caseId,
      clientId: found?.clientId ?? "",
      score: candidate.score,
      reasons: candidate.reasons,
    };
  });
  const best = scored[0];
  if (best === undefined || best.score < policy.proposeAt) {
    const flagged = transaction.reversal === true;
    return {
      ...base,
      decision: flagged ? "unmatched" : "ignore",
      score: best?.score ?? 0,
      reasons: best?.reasons ?? [],
      candidates,
      reversals: [],
      note: flagged
        ? "the bank marks a reversal, but of no payment we recorded"
        : "a debit that returns no payment we recorded",
    };
  }
  const second = scored[1];
  const decision: MatchDecision =
    best.score >= policy.applyAt &&
    (second === undefined || second.score <= best.score - policy.ambiguityMargin)
      ? "apply"
      : "propose";
  const reversals: MatchReversal[] = best.group.parts.map((part) => ({
    caseId: part.caseId,
    caseNumber: index.get(part.caseId)?.caseNumber ?? part.caseId,
    paymentId: part.payment.paymentId,
    amount: part.payment.amount,
  }));
  if (decision === "apply") {
    for (const reversal of reversals) {
      state.reversed.add(reversal.paymentId);
      const found = index.get(reversal.caseId);
      const balance = found === undefined ? null : balanceOf(state, found);
      state.balances.set(reversal.caseId, balance === null ? null : balance.plus(reversal.amount));
    }
    if (paymentGroupOf(best.group.parts[0]?.payment.paymentId ?? "") === best.group.id) {
      const applied = state.appliedGroups.get(best.group.id);
      state.appliedGroups.delete(best.group.id);
      if (applied !== undefined)
        state.appliedGroupsByCents.get(centsKey(applied.transaction.amount))?.delete(best.group.id);
    }
  }
  return {
    ...base,
    decision,
    score: best.score,
    reasons: best.reasons,
    candidates,
    reversals,
    note: null,
  };
}

/**
 * The keys the matcher looks cases up by for these entries: the references of each entry (and,
 * for one whose check digits fail, the valid references one slip from it), the words of its text
 * as case, client and invoice numbers, and the IBAN that paid. A store answers them with
 * `findCasesByKeys`; the cases of the debtors found then complete the index (for a split, and for
 * the other cases of a known IBAN). Each key once, in the order first met.
 *
 * @example
 * ```ts
 * import { lookupKeysOf, type BankTransaction } from "@incasso/core";
 * declare const transactions: BankTransaction[];
 * const keys = lookupKeysOf(transactions);
 * ```
 */
export function lookupKeysOf(
  transactions: readonly BankTransaction[],
  policyInput: MatchPolicyInput | MatchPolicy = {},
): CaseKey[] {
  const policy = resolveMatchPolicy(policyInput);
  const out = new Map<string, CaseKey>();
  const add = (kind: CaseKey["kind"], key: string) => {
    if (key === "") return;
    const id = `${kind}\u0000${key}`;
    if (!out.has(id)) out.set(id, { kind, key });
  };
  const reference = (found: FoundReference) => {
    add("payment-reference", found.value);
    if (!(found.valid && isValidReference(found.kind, found.value)))
      for (const near of nearReferences(found)) add("payment-reference", near);
  };
  for (const transaction of transactions) {
    const structured = transaction.structuredReference;
    let text = transaction.communication ?? "";
    if (structured !== null && structured.value !== "") {
      if (structured.kind === "other") text = `${structured.value} ${text}`;
      else {
        const value = normalizeMatchKey(structured.value);
        reference({
          kind: structured.kind,
          value,
          valid: structured.valid,
          text: structured.value,
        });
      }
    }
    if (text !== "") {
      for (const found of findReferences(text)) reference(found);
      for (const word of words(text, policy.minWordLength)) {
        add("case-number", word.key);
        add("client-reference", word.key);
        add("invoice-number", word.key);
      }
    }
    if (transaction.counterparty.iban !== null)
      add("counterparty-iban", normalizeMatchKey(transaction.counterparty.iban));
  }
  return [...out.values()];
}
