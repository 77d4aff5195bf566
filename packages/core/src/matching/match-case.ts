import type { Decimal } from "decimal.js";
import type { Temporal } from "temporal-polyfill";
import type { CaseEventJson } from "../case/case-event.js";
import { foldCase } from "../case/fold-case.js";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { MoneyDecimal } from "../money/decimal.js";
import type { PlanProposal } from "../plans/propose-plan.js";
import type { CaseRow } from "../ports/case-list-store.js";
import { caseKeysOf, normalizeMatchKey } from "./case-keys.js";

/**
 * A payment that stands on a case, as the matcher sees it: to recognise a bank entry applied
 * before and a debit that returns it.
 *
 * @example
 * ```ts
 * import type { MatchPayment } from "@incasso/core";
 * const fromBank = (payment: MatchPayment) => payment.entryReference !== null;
 * ```
 */
export interface MatchPayment {
  readonly paymentId: string;
  readonly amount: Decimal;
  readonly date: Temporal.PlainDate;
  /** Our account and the bank's entry reference, for a payment read from a bank file. */
  readonly account: string | null;
  readonly entryReference: string | null;
  readonly counterpartyIban: string | null;
  readonly communication: string | null;
  /** Whether a `payment.reversed` undid it: kept to recognise its bank entry, never returned again. */
  readonly reversed?: boolean;
}

/**
 * What the matcher knows of a case: its keys (normalised by {@link normalizeMatchKey}), debtors,
 * open balance, the oldest due date of its claims, the amounts it expects (instalments, promises)
 * and the payments that stand on it.
 *
 * @example
 * ```ts
 * import type { MatchCase } from "@incasso/core";
 * const open = (entry: MatchCase) => entry.status === "open";
 * ```
 */
export interface MatchCase {
  readonly caseId: string;
  readonly clientId: string;
  readonly caseNumber: string;
  /** The case row's status (`open`, `payment-plan`, `paid`, `closed`, ...). */
  readonly status: string;
  readonly debtorIds: readonly string[];
  readonly debtorNames: readonly string[];
  /** The open balance, or null when it is unknown (then a payment is never split from this case). */
  readonly balance: Decimal | null;
  /** The due date of the oldest claim, for the order of a split. */
  readonly oldestDueDate: Temporal.PlainDate | null;
  readonly paymentReferences: readonly string[];
  readonly clientReferences: readonly string[];
  readonly invoiceNumbers: readonly string[];
  readonly knownIbans: readonly string[];
  readonly expected: readonly {
    readonly kind: "instalment" | "promise";
    readonly amount: Decimal;
    readonly dueDate: Temporal.PlainDate;
  }[];
  readonly payments: readonly MatchPayment[];
}

/**
 * The matcher's view of a case from its stored events and, when at hand, its list row (for the
 * balance and status the store computed). Pure: any store can give the events and the row.
 * The instalments of a plan are not in the events (`plan.agreed` names the plan only): pass the
 * plans the host keeps to match their instalment amounts and references; open promises come from
 * `promise.recorded`.
 *
 * @example
 * ```ts
 * import { matchCaseOf, parseIsoDate } from "@incasso/core";
 * declare const events: Parameters<typeof matchCaseOf>[0]["events"];
 * const view = matchCaseOf({ caseId: "C1", events, row: null, asOf: parseIsoDate("2026-03-31") });
 * ```
 */
export function matchCaseOf(input: {
  readonly caseId: string;
  readonly events: readonly CaseEventJson[];
  readonly row?: CaseRow | null;
  readonly asOf: Temporal.PlainDate;
  readonly plans?: readonly PlanProposal[];
}): MatchCase {
  const { caseId, events, row = null, asOf, plans = [] } = input;
  const state = foldCase(events, asOf);
  const keys = caseKeysOf(events);
  const of = (kind: string) => keys.filter((key) => key.kind === kind).map((key) => key.key);
  const paymentReferences = of("payment-reference");
  for (const plan of plans) {
    if (plan.reference !== null) paymentReferences.push(normalizeMatchKey(plan.reference));
  }
  const expected: MatchCase["expected"][number][] = [];
  for (const promise of state.promises) {
    if (promise.state === "open")
      expected.push({
        kind: "promise",
        amount: new MoneyDecimal(promise.amount),
        dueDate: parseIsoDate(promise.dueDate),
      });
  }
  for (const plan of plans) {
    for (const instalment of plan.instalments)
      expected.push({ kind: "instalment", amount: instalment.amount, dueDate: instalment.dueDate });
  }
  let oldest: Temporal.PlainDate | null = null;
  for (const claim of state.claims) {
    const due = parseIsoDate(claim.dueDate);
    if (oldest === null || due.toString() < oldest.toString()) oldest = due;
  }
  const reversed = new Set(state.reversedPayments);
  const all = state.events.filter(
    (event): event is Extract<typeof event, { type: "payment.received" }> =>
      event.type === "payment.received",
  );
  const payments: MatchPayment[] = all.map((payment) => ({
    paymentId: payment.paymentId,
    amount: new MoneyDecimal(payment.amount),
    date: parseIsoDate(payment.at),
    account: payment.bank?.account ?? null,
    entryReference: payment.bank?.entryReference ?? null,
    counterpartyIban:
      payment.bank?.counterpartyIban === undefined
        ? null
        : normalizeMatchKey(payment.bank.counterpartyIban),
    communication: payment.bank?.communication ?? null,
    reversed: reversed.has(payment.paymentId),
  }));
  return {
    caseId,
    clientId: row?.clientId ?? state.opened.client.id,
    caseNumber: state.caseNumber,
    status: row?.status ?? state.status,
    debtorIds: state.debtors.map((debtor) => debtor.id),
    debtorNames: state.debtors.map((debtor) => debtor.name),
    balance:
      row?.balance === null || row?.balance === undefined ? null : new MoneyDecimal(row.balance),
    oldestDueDate: oldest,
    paymentReferences,
    clientReferences: of("client-reference"),
    invoiceNumbers: of("invoice-number"),
    knownIbans: of("counterparty-iban"),
    expected,
    payments,
  };
}
