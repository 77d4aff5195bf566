import type { CaseEventJson, CaseStore, MatchReasonCode, StoreScope } from "@incasso/core";
import { describeMatchReason, IncassoError } from "@incasso/core";
import type { BankEntryDetail } from "./entry-detail.js";

/** The store ports recording a bank entry uses. */
export type RecordingStore = Pick<CaseStore, "append" | "getCase">;

/** What became of one append: recorded now, or found recorded before (same key). */
export type RecordOutcome = "recorded" | "already-recorded";

const MAX_CONFLICTS = 5;

/**
 * Appends one event to a case under an idempotency key, at the case's current version (read
 * again after a concurrent writer won), as of a date. A replay, or the key used before for another
 * request (the same bank entry recorded from another file or at another instant), is
 * `already-recorded`: nothing is stored twice.
 */
export async function appendOnce(
  store: RecordingStore,
  scope: StoreScope,
  caseId: string,
  event: CaseEventJson,
  idempotencyKey: string,
  asOf: string,
): Promise<RecordOutcome> {
  for (let attempt = 0; ; attempt++) {
    const row = await store.getCase(scope, caseId);
    if (row === null)
      throw new IncassoError("NOT_FOUND", `case ${caseId} does not exist in this scope`, [
        { path: "caseId", message: `expected an existing case (${caseId})` },
      ]);
    try {
      const result = await store.append(scope, {
        caseId,
        expectedVersion: row.version,
        events: [event],
        idempotencyKey,
        asOf,
      });
      return result.replayed ? "already-recorded" : "recorded";
    } catch (error) {
      if (error instanceof IncassoError && error.code === "IDEMPOTENCY_KEY_REUSED")
        return "already-recorded";
      if (
        error instanceof IncassoError &&
        error.code === "VERSION_CONFLICT" &&
        attempt < MAX_CONFLICTS
      )
        continue;
      throw error;
    }
  }
}

const reasonWords = (reasons: BankEntryDetail["reasons"]) =>
  reasons.map((reason) =>
    describeMatchReason({
      code: reason.code as MatchReasonCode,
      points: reason.points,
      detail: reason.detail,
    }),
  );

function referenceText(detail: BankEntryDetail): string | undefined {
  const reference = detail.entry.reference;
  if (reference === null || reference.value === "") return undefined;
  const v = reference.value.replace(/[^0-9A-Za-z]/g, "");
  return reference.kind === "ogm" && /^\d{12}$/.test(v)
    ? `+++${v.slice(0, 3)}/${v.slice(3, 7)}/${v.slice(7)}+++`
    : reference.value;
}

/**
 * The `payment.received` event of one part of a bank payment: the value date, the amount, the
 * structured reference, and the bank details with the matcher's reasons in words (and the part,
 * when the payment was split, or who accepted it on review).
 */
export function paymentEvent(
  detail: BankEntryDetail,
  part: BankEntryDetail["allocations"][number],
  recordedAt: string,
  by: string,
  note: string | null,
): CaseEventJson {
  const entry = detail.entry;
  const parts = detail.allocations.length;
  const lines = [
    ...(note === null ? [] : [note]),
    ...reasonWords(detail.reasons),
    ...(parts > 1
      ? [
          `part ${part.part + 1} of ${parts} of ${entry.amount} (${
            part.basis === "named"
              ? "a case the transfer names"
              : part.basis === "split"
                ? "the rest, to the debtor's next open case"
                : "what is left after every open balance"
          })`,
        ]
      : []),
  ].slice(0, 20);
  const reference = referenceText(detail);
  const bank: Record<string, unknown> = {
    account: entry.account,
    entryReference: entry.entryReference,
    matchReasons: lines,
  };
  if (entry.statement !== null && entry.statement !== "") bank.statement = entry.statement;
  if (entry.counterpartyIban !== null) bank.counterpartyIban = entry.counterpartyIban;
  if (entry.counterpartyName !== null) bank.counterpartyName = entry.counterpartyName.slice(0, 500);
  if (entry.communication !== null) bank.communication = entry.communication.slice(0, 10_000);
  return {
    id: part.paymentId,
    type: "payment.received",
    at: entry.valueDate,
    recordedAt,
    by,
    paymentId: part.paymentId,
    amount: part.amount,
    ...(reference === undefined ? {} : { reference: reference.slice(0, 500) }),
    bank,
  } as CaseEventJson;
}

/** The `payment.received` events of a credit and the `payment.reversed` events of a debit. */
export function entryEvents(
  detail: BankEntryDetail,
  recordedAt: string,
  by: string,
  note: string | null = null,
): { caseId: string; event: CaseEventJson; idempotencyKey: string }[] {
  if (detail.direction === "credit")
    return detail.allocations.map((part) => ({
      caseId: part.caseId,
      event: paymentEvent(detail, part, recordedAt, by, note),
      idempotencyKey: part.idempotencyKey,
    }));
  const why = [
    `returned by the bank: entry ${detail.entry.entryReference} of ${detail.entry.account}${
      detail.entry.returnReason === null ? "" : ` (${detail.entry.returnReason})`
    }`,
    ...(note === null ? [] : [note]),
    ...reasonWords(detail.reasons),
  ].join("; ");
  return detail.reversals.map((reversal, n) => ({
    caseId: reversal.caseId,
    event: {
      id: `rev-${detail.key}-${n}`,
      type: "payment.reversed",
      at: detail.entry.valueDate,
      recordedAt,
      by,
      paymentId: reversal.paymentId,
      reason: why.slice(0, 10_000),
    } as CaseEventJson,
    idempotencyKey: `bank:${detail.key}:r:${n}`,
  }));
}
