import type { StoreScope } from "@incasso/core";
import {
  fieldError,
  IncassoError,
  MoneyDecimal,
  parseInput,
  storeIdSchema,
  storeScopeSchema,
  Temporal,
} from "@incasso/core";
import { z } from "zod";
import type { BankEntryDetail } from "./entry-detail.js";
import { bankEntryDetailSchema } from "./entry-detail.js";
import type { BankImportStore } from "./import-bank-file.js";
import { appendOnce, entryEvents } from "./record-entry.js";

/**
 * A clerk's decision on an entry of the review queue: `accept` what the matcher proposed (the
 * payment's parts, or the payment a debit returns), `reassign` it to another case (a credit: the
 * whole amount to that case; a debit: the return of that case's payment), or `reject` it with a
 * reason (the entry is not ours to record).
 *
 * @example
 * ```ts
 * import type { ReviewDecision } from "@incasso/import-bank";
 * const decision: ReviewDecision = { kind: "reassign", caseId: "C42" };
 * ```
 */
export type ReviewDecision =
  | { readonly kind: "accept" }
  | { readonly kind: "reassign"; readonly caseId: string; readonly paymentId?: string }
  | { readonly kind: "reject"; readonly reason: string };

const decisionSchema = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("accept") }),
  z.strictObject({
    kind: z.literal("reassign"),
    caseId: storeIdSchema,
    paymentId: z.string().min(1).max(128).optional(),
  }),
  z.strictObject({ kind: z.literal("reject"), reason: z.string().min(1).max(10_000) }),
]);

const reviewSchema = z.strictObject({
  scope: storeScopeSchema,
  batchId: storeIdSchema,
  row: z.number().int().min(1),
  decision: decisionSchema,
  at: z.iso.datetime({
    offset: true,
    message: "expected an ISO instant such as 2026-03-03T08:00:00Z",
  }),
  by: z.string().min(1).max(500),
  asOf: z.iso.date().optional(),
});

/**
 * Options of {@link reviewEntry}.
 *
 * @example
 * ```ts
 * import type { ReviewEntryOptions } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * const options: ReviewEntryOptions = { store: createMemoryStore(), scope: { tenantId: "firm-1" }, batchId: "bank-0a", row: 3, decision: { kind: "accept" }, at: "2026-03-03T10:00:00Z", by: "an" };
 * ```
 */
export interface ReviewEntryOptions {
  readonly store: BankImportStore;
  readonly scope: StoreScope;
  readonly batchId: string;
  readonly row: number;
  readonly decision: ReviewDecision;
  /** The instant of the decision (the events' recordedAt). */
  readonly at: string;
  readonly by: string;
  /** The date the case rows are computed as of (default: the date of `at` in UTC). */
  readonly asOf?: string;
}

/**
 * What a review did: the decision as kept, whether it was a repeat of the same decision (then
 * nothing new was stored), and what was recorded on cases (`already-recorded` when the entry had
 * been recorded meanwhile, from another file of the same transfer).
 *
 * @example
 * ```ts
 * import type { ReviewResult } from "@incasso/import-bank";
 * const done = (result: ReviewResult) => result.replayed || result.recorded !== "none";
 * ```
 */
export interface ReviewResult {
  readonly batchId: string;
  readonly row: number;
  readonly decision: ReviewDecision;
  readonly replayed: boolean;
  readonly recorded: "recorded" | "already-recorded" | "none";
}

/**
 * The id of the review of a row: kept as an import batch of its own beside the import's.
 *
 * @example
 * ```ts
 * import { reviewBatchId } from "@incasso/import-bank";
 * reviewBatchId("bank-0123456789abcdef0123456789abcdef", 3); // "bank-0123456789abcdef0123456789abcdef/review/3"
 * ```
 */
export function reviewBatchId(batchId: string, row: number): string {
  return `${batchId}/review/${row}`;
}

/**
 * Decides an entry of a bank import's review queue: accept, reassign or reject, idempotently. The
 * payments are recorded with the same idempotency keys the import uses (so an entry accepted here
 * and read again from another format is recorded once); then the decision is kept as an import
 * batch `<batchId>/review/<row>`. The same decision again answers `replayed: true` and stores
 * nothing; another decision on a decided row is `IDEMPOTENCY_KEY_REUSED` at `row`; a row that is
 * not proposed or unmatched is `INVALID_INPUT` at `row`; an unknown batch or row is `NOT_FOUND`.
 *
 * @example
 * ```ts
 * import { reviewEntry } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * await reviewEntry({
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, batchId: "bank-0a", row: 3,
 *   decision: { kind: "reassign", caseId: "C42" }, at: "2026-03-03T10:00:00Z", by: "an",
 * }).catch(() => undefined);
 * ```
 */
export async function reviewEntry(options: ReviewEntryOptions): Promise<ReviewResult> {
  const { store: _store, ...fields } = options;
  const checked = parseInput(reviewSchema, fields, "review");
  const { store, scope } = options;
  const at = Temporal.Instant.from(checked.at).toString();
  const asOf =
    checked.asOf ?? Temporal.Instant.from(at).toZonedDateTimeISO("UTC").toPlainDate().toString();
  const batch = await store.getImportBatch(scope, checked.batchId);
  if (batch === null)
    throw new IncassoError("NOT_FOUND", `import batch ${checked.batchId} does not exist`, [
      { path: "batchId", message: `expected an existing import batch (${checked.batchId})` },
    ]);
  const row = batch.rows.find((candidate) => candidate.row === checked.row);
  if (row === undefined)
    throw new IncassoError("NOT_FOUND", `row ${checked.row} is not in batch ${checked.batchId}`, [
      { path: "row", message: `expected a row of the batch (${checked.row})` },
    ]);
  if (row.outcome !== "proposed" && row.outcome !== "unmatched")
    throw fieldError("INVALID_INPUT", "row", "expected a proposed or unmatched entry", checked.row);
  const detail = bankEntryDetailSchema.parse(row.detail);
  const decision = checked.decision as ReviewDecision;
  const id = reviewBatchId(checked.batchId, checked.row);
  const kept = await store.getImportBatch(scope, id);
  const decisionJson = JSON.stringify(decision);
  if (kept !== null) {
    const previous = JSON.stringify(kept.rows[0]?.detail?.decision ?? null);
    if (previous !== decisionJson) throw reusedRow(checked.row);
    return {
      batchId: checked.batchId,
      row: checked.row,
      decision,
      replayed: true,
      recorded: "none",
    };
  }
  let recorded: ReviewResult["recorded"] = "none";
  let caseId: string | undefined;
  if (decision.kind !== "reject") {
    const planned = await plannedDetail(store, scope, detail, decision);
    const note = `${decision.kind === "accept" ? "accepted" : "reassigned"} on review by ${checked.by}`;
    const writes = entryEvents(planned, at, checked.by, note);
    if (writes.length === 0)
      throw fieldError(
        "INVALID_INPUT",
        "decision",
        "expected a case to record the entry on",
        decision.kind,
      );
    caseId = writes[0]?.caseId;
    let any = false;
    for (const write of writes) {
      if (
        (await appendOnce(store, scope, write.caseId, write.event, write.idempotencyKey, asOf)) ===
        "recorded"
      )
        any = true;
    }
    recorded = any ? "recorded" : "already-recorded";
  }
  const { replayed } = await store
    .saveImportBatch(scope, {
      id,
      clientId: batch.clientId,
      source: `review of ${checked.batchId} row ${checked.row}`,
      contentHash: batch.contentHash,
      importedAt: at,
      rows: [
        {
          row: checked.row,
          outcome: decision.kind === "reject" ? "skipped" : "imported",
          ...(caseId === undefined ? {} : { caseId }),
          errors: [],
          detail: { decision, by: checked.by, recorded } as unknown as Record<string, never>,
        },
      ],
    })
    .catch(async (error: unknown) => {
      // A concurrent review of the same row stored first: the same decision is a replay.
      const now = await store.getImportBatch(scope, id);
      if (now !== null && JSON.stringify(now.rows[0]?.detail?.decision ?? null) === decisionJson)
        return { replayed: true };
      if (now !== null) throw reusedRow(checked.row);
      throw error;
    });
  return { batchId: checked.batchId, row: checked.row, decision, replayed, recorded };
}

function reusedRow(row: number): IncassoError {
  return new IncassoError("IDEMPOTENCY_KEY_REUSED", `row ${row} was already decided otherwise`, [
    { path: "row", message: "expected the decision taken before on this row" },
  ]);
}

/** The entry's parts (or returns) as the decision records them. */
async function plannedDetail(
  store: BankImportStore,
  scope: StoreScope,
  detail: BankEntryDetail,
  decision: Exclude<ReviewDecision, { kind: "reject" }>,
): Promise<BankEntryDetail> {
  if (decision.kind === "accept") {
    if (detail.decision === "unmatched")
      throw fieldError(
        "INVALID_INPUT",
        "decision",
        "expected reassign for an unmatched entry: it has no proposal",
        "accept",
      );
    return detail;
  }
  const row = await store.getCase(scope, decision.caseId);
  if (row === null)
    throw new IncassoError("NOT_FOUND", `case ${decision.caseId} does not exist in this scope`, [
      { path: "decision.caseId", message: `expected an existing case (${decision.caseId})` },
    ]);
  if (detail.direction === "credit") {
    const amount = new MoneyDecimal(detail.entry.amount);
    return {
      ...detail,
      reasons: [],
      allocations: [
        {
          part: 0,
          caseId: row.caseId,
          caseNumber: row.caseNumber,
          amount: amount.toFixed(2),
          paymentId: `bank-${detail.key}-0`,
          idempotencyKey: `bank:${detail.key}:0`,
          basis: "named",
        },
      ],
    };
  }
  if (decision.paymentId === undefined)
    throw fieldError(
      "INVALID_INPUT",
      "decision.paymentId",
      "expected the payment the debit returns",
      undefined,
    );
  const events = await store.readEvents(scope, decision.caseId);
  const payment = events.find(
    (stored) =>
      stored.event.type === "payment.received" && stored.event.paymentId === decision.paymentId,
  );
  if (payment === undefined || payment.event.type !== "payment.received")
    throw new IncassoError(
      "NOT_FOUND",
      `payment ${decision.paymentId} is not on case ${decision.caseId}`,
      [
        {
          path: "decision.paymentId",
          message: `expected a payment of the case (${decision.paymentId})`,
        },
      ],
    );
  return {
    ...detail,
    reasons: [],
    reversals: [
      {
        caseId: row.caseId,
        caseNumber: row.caseNumber,
        paymentId: decision.paymentId,
        amount: String(payment.event.amount),
      },
    ],
  };
}

/**
 * One entry waiting in the review queue: its batch and row, and what the import kept about it.
 *
 * @example
 * ```ts
 * import type { ReviewQueueEntry } from "@incasso/import-bank";
 * const best = (entry: ReviewQueueEntry) => entry.detail.candidates[0]?.caseNumber;
 * ```
 */
export interface ReviewQueueEntry {
  readonly batchId: string;
  readonly row: number;
  readonly importedAt: string;
  readonly outcome: "proposed" | "unmatched";
  readonly detail: BankEntryDetail;
}

/**
 * The review queue: every proposed or unmatched entry of the bank imports of the tenant (or of one
 * client's batches) not decided yet, oldest import first, in row order.
 *
 * @example
 * ```ts
 * import { listReviewQueue } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * const queue = await listReviewQueue({ store: createMemoryStore(), scope: { tenantId: "firm-1" } });
 * ```
 */
export async function listReviewQueue(options: {
  readonly store: Pick<BankImportStore, "listImportBatches">;
  readonly scope: StoreScope;
  readonly clientId?: string;
}): Promise<ReviewQueueEntry[]> {
  const batches = await options.store.listImportBatches(
    options.scope,
    options.clientId === undefined ? {} : { clientId: options.clientId },
  );
  const decided = new Set(
    batches.filter((batch) => batch.id.includes("/review/")).map((batch) => batch.id),
  );
  const queue: ReviewQueueEntry[] = [];
  const imports = batches
    .filter((batch) => /^bank-[0-9a-f]{32}$/.test(batch.id))
    .sort((a, b) =>
      a.importedAt < b.importedAt ? -1 : a.importedAt > b.importedAt ? 1 : a.id < b.id ? -1 : 1,
    );
  for (const batch of imports) {
    for (const row of batch.rows) {
      if (row.outcome !== "proposed" && row.outcome !== "unmatched") continue;
      if (decided.has(reviewBatchId(batch.id, row.row))) continue;
      queue.push({
        batchId: batch.id,
        row: row.row,
        importedAt: batch.importedAt,
        outcome: row.outcome,
        detail: bankEntryDetailSchema.parse(row.detail),
      });
    }
  }
  return queue;
}
