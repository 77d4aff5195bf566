import type { Decimal } from "decimal.js";
import type { CaseKeyKind } from "./case-keys.js";
import type { MatchCase, MatchPayment } from "./match-case.js";

/**
 * The cases a bank statement is matched against, indexed by every key a payment can name them by
 * (payment reference, case number, client reference, invoice number, an IBAN that paid, debtor)
 * and the standing payments by amount (for returns). Built by {@link createCandidateIndex} from
 * {@link MatchCase}s, which {@link matchCaseOf} makes from any store's events and rows.
 *
 * @example
 * ```ts
 * import type { CandidateIndex } from "@incasso/core";
 * declare const index: CandidateIndex;
 * index.find("case-number", "202600042");
 * ```
 */
export interface CandidateIndex {
  readonly size: number;
  /** The case of an id, if indexed. */
  get(caseId: string): MatchCase | undefined;
  /** The ids of the cases with this key (normalised), in the order they were indexed. */
  find(kind: CaseKeyKind, key: string): readonly string[];
  /**
   * The standing payments that came to exactly this amount (in cents), with their cases: a
   * payment, or the parts of one bank entry split over several cases (ids `bank-<key>-<part>`)
   * counted together.
   */
  paymentsOfAmount(cents: string): readonly PaymentGroup[];
  /** The case and payment of a payment id, standing or reversed. */
  payment(
    paymentId: string,
  ): { readonly caseId: string; readonly payment: MatchPayment } | undefined;
  /** The case and payment recorded from this bank entry (our account and the bank's reference), standing or reversed. */
  entry(
    account: string,
    entryReference: string,
  ): { readonly caseId: string; readonly payment: MatchPayment } | undefined;
}

/**
 * The payments one bank entry (or one payment entered by hand) made: its parts, each on its case.
 *
 * @example
 * ```ts
 * import type { PaymentGroup } from "@incasso/core";
 * const cases = (group: PaymentGroup) => group.parts.map((part) => part.caseId);
 * ```
 */
export interface PaymentGroup {
  readonly id: string;
  readonly parts: readonly { readonly caseId: string; readonly payment: MatchPayment }[];
}

/**
 * The group a payment id belongs to: the entry key of `bank-<key>-<part>`, else the id itself.
 *
 * @example
 * ```ts
 * import { paymentGroupOf } from "@incasso/core";
 * paymentGroupOf("bank-0123456789abcdef0123456789-1"); // "0123456789abcdef0123456789"
 * ```
 */
export function paymentGroupOf(paymentId: string): string {
  const match = /^bank-([0-9a-f]{26})-\d+$/.exec(paymentId);
  return match === null ? paymentId : (match[1] as string);
}

/**
 * The key of an amount in whole cents, for {@link CandidateIndex.paymentsOfAmount}: `"12000"` for
 * 120.00.
 *
 * @example
 * ```ts
 * import { MoneyDecimal, centsKey } from "@incasso/core";
 * centsKey(new MoneyDecimal("120.5")); // "12050"
 * ```
 */
export function centsKey(amount: Decimal): string {
  return amount.abs().times(100).toFixed(0);
}

/**
 * Builds the {@link CandidateIndex} of a set of cases, in memory: maps from each key to its cases,
 * from each debtor to its cases, and from each amount to the payments of it. Pure and linear in
 * the number of keys; a later case with the same id replaces the earlier one.
 *
 * @example
 * ```ts
 * import { createCandidateIndex, type MatchCase } from "@incasso/core";
 * declare const cases: MatchCase[];
 * const index = createCandidateIndex(cases);
 * ```
 */
export function createCandidateIndex(cases: Iterable<MatchCase>): CandidateIndex {
  const byId = new Map<string, MatchCase>();
  for (const entry of cases) byId.set(entry.caseId, entry);
  const keys = new Map<string, string[]>();
  const groups = new Map<string, { caseId: string; payment: MatchPayment }[]>();
  const payments = new Map<string, { caseId: string; payment: MatchPayment }>();
  const entries = new Map<string, { caseId: string; payment: MatchPayment }>();
  const add = (kind: CaseKeyKind, key: string, caseId: string) => {
    if (key === "") return;
    const id = `${kind}\u0000${key}`;
    const list = keys.get(id);
    if (list === undefined) keys.set(id, [caseId]);
    else if (list[list.length - 1] !== caseId) list.push(caseId);
  };
  for (const entry of byId.values()) {
    for (const key of entry.paymentReferences) add("payment-reference", key, entry.caseId);
    add("case-number", normalize(entry.caseNumber), entry.caseId);
    for (const key of entry.clientReferences) add("client-reference", key, entry.caseId);
    for (const key of entry.invoiceNumbers) add("invoice-number", key, entry.caseId);
    for (const key of entry.knownIbans) add("counterparty-iban", key, entry.caseId);
    for (const debtor of entry.debtorIds) add("debtor", debtor, entry.caseId);
    for (const payment of entry.payments) {
      const found = { caseId: entry.caseId, payment };
      payments.set(payment.paymentId, found);
      if (payment.account !== null && payment.entryReference !== null)
        entries.set(entryId(payment.account, payment.entryReference), found);
      if (payment.reversed === true) continue;
      const group = paymentGroupOf(payment.paymentId);
      const list = groups.get(group);
      if (list === undefined) groups.set(group, [found]);
      else list.push(found);
    }
  }
  const amounts = new Map<string, PaymentGroup[]>();
  for (const [id, parts] of groups) {
    let total = parts[0]?.payment.amount;
    if (total === undefined) continue;
    for (const part of parts.slice(1)) total = total.plus(part.payment.amount);
    const cents = centsKey(total);
    const list = amounts.get(cents);
    if (list === undefined) amounts.set(cents, [{ id, parts }]);
    else list.push({ id, parts });
  }
  return {
    size: byId.size,
    get: (caseId) => byId.get(caseId),
    find: (kind, key) => keys.get(`${kind}\u0000${key}`) ?? [],
    paymentsOfAmount: (cents) => amounts.get(cents) ?? [],
    payment: (paymentId) => payments.get(paymentId),
    entry: (account, entryReference) => entries.get(entryId(account, entryReference)),
  };
}

const normalize = (text: string) => text.replace(/[^A-Za-z0-9]/g, "").toUpperCase();
const entryId = (account: string, entryReference: string) =>
  `${normalize(account)}\u0000${entryReference}`;
