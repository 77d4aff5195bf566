import type { z } from "zod";
import type {
  importBatchPartSchema,
  importBatchSchema,
  importRowsQuerySchema,
} from "../storage/store-schemas.js";
import type { Page } from "./page.js";
import type { StoreScope } from "./store-scope.js";

/**
 * An import batch with its row results, as given (see {@link importBatchSchema}).
 *
 * @example
 * ```ts
 * import type { ImportBatchInput } from "@incasso/core";
 * const batch: ImportBatchInput = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z", rows: [] };
 * ```
 */
export type ImportBatchInput = z.input<typeof importBatchSchema>;

/**
 * A stored import batch.
 *
 * @example
 * ```ts
 * import type { ImportBatch } from "@incasso/core";
 * const errors = (batch: ImportBatch) => batch.rows.filter((row) => row.outcome === "error").length;
 * ```
 */
export type ImportBatch = z.output<typeof importBatchSchema>;

/**
 * The result of one row of a stored import batch: its row number, outcome, case, errors and detail.
 *
 * @example
 * ```ts
 * import type { ImportRowResult } from "@incasso/core";
 * const failed = (row: ImportRowResult) => row.outcome === "error";
 * ```
 */
export type ImportRowResult = ImportBatch["rows"][number];

/**
 * What identifies an import batch and where it came from: every field of {@link ImportBatch} but
 * its rows. Every part of a batch saved in parts carries the same header.
 *
 * @example
 * ```ts
 * import type { ImportBatchHeader } from "@incasso/core";
 * const header: ImportBatchHeader = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" };
 * ```
 */
export type ImportBatchHeader = Omit<ImportBatch, "rows">;

/**
 * One part of an import batch saved in parts, as given (see {@link importBatchPartSchema}): the
 * batch's header, the part's number (0, 1, 2 … in order), whether it is the last, and up to
 * 10,000 row results.
 *
 * @example
 * ```ts
 * import type { ImportBatchPartInput } from "@incasso/core";
 * const part: ImportBatchPartInput = {
 *   batch: { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" },
 *   part: 0, last: false, rows: [{ row: 2, outcome: "imported", caseId: "C1" }],
 * };
 * ```
 */
export type ImportBatchPartInput = z.input<typeof importBatchPartSchema>;

/**
 * What `saveImportBatchPart` answers: the batch and part, how far the batch is saved now (its
 * parts and rows so far; when `complete`, the whole batch), and whether this part was saved before
 * (`replayed`: nothing was written).
 *
 * @example
 * ```ts
 * import type { ImportBatchPartReceipt } from "@incasso/core";
 * const resumeAt = (receipt: ImportBatchPartReceipt) => (receipt.complete ? null : receipt.savedParts);
 * ```
 */
export interface ImportBatchPartReceipt {
  readonly batchId: string;
  /** The part saved (or replayed). */
  readonly part: number;
  /** The parts of the batch saved so far: the next part to save is this number. */
  readonly savedParts: number;
  /** The rows of the batch saved so far, in all its parts. */
  readonly savedRows: number;
  /** Whether the batch's last part is saved: only then do reads show the batch. */
  readonly complete: boolean;
  readonly replayed: boolean;
}

/**
 * An import batch whose last part is not saved yet: its header, and the parts and rows saved so far
 * (the next part to save is `savedParts`).
 *
 * @example
 * ```ts
 * import type { IncompleteImportBatch } from "@incasso/core";
 * const line = ({ batch, savedParts, savedRows }: IncompleteImportBatch) =>
 *   `${batch.id} (${batch.source}): ${savedParts} parts, ${savedRows} rows saved`;
 * ```
 */
export interface IncompleteImportBatch {
  readonly batch: ImportBatchHeader;
  readonly savedParts: number;
  readonly savedRows: number;
}

/**
 * A page request of an import batch's rows, as given (see {@link importRowsQuerySchema}): `limit`
 * rows (default 1000, at most 10,000) after `after`, the `nextCursor` of the previous page.
 *
 * @example
 * ```ts
 * import type { ImportRowsQuery } from "@incasso/core";
 * const next = (nextCursor: string): ImportRowsQuery => ({ after: nextCursor, limit: 1000 });
 * ```
 */
export type ImportRowsQuery = z.input<typeof importRowsQuerySchema>;

/**
 * The port of import batches (capability `"import-batches"`): each batch of an import source (a
 * file of cases or payments) with the result of every row, kept for the audit trail and to make an
 * import idempotent. A batch belongs to a client (`NOT_FOUND` at `batch.clientId` when unknown):
 * an adapter of this port implements the relations port as well.
 *
 * @example
 * ```ts
 * import type { ImportBatchStore } from "@incasso/core";
 * declare const store: ImportBatchStore;
 * const { replayed } = await store.saveImportBatch({ tenantId: "firm-1" }, {
 *   id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z", rows: [],
 * });
 * ```
 */
export interface ImportBatchStore {
  /**
   * Stores an import batch with its row results, once. The same batch again (same content) answers
   * the stored one with `replayed: true`; another batch under the same id is
   * `IDEMPOTENCY_KEY_REUSED` at `batch.id`. A tenant scope only (`FORBIDDEN`); bad input is
   * `INVALID_INPUT` naming `batch.<field>`.
   *
   * A batch saved in one call is the batch saved as its part 0 with `last: true` (see
   * {@link ImportBatchStore.saveImportBatchPart}): that part again is a replay. A batch already
   * saved in parts answers a replay only when this batch has the same header and, split as its
   * parts are, the same rows in each; anything else (a batch whose last part is not saved yet
   * included) is `IDEMPOTENCY_KEY_REUSED` at `batch.id`.
   */
  saveImportBatch(
    scope: StoreScope,
    batch: ImportBatchInput,
  ): Promise<{ readonly batch: ImportBatch; readonly replayed: boolean }>;
  /**
   * Stores one part of an import batch, for an import too large to hold every row's result at
   * once: parts 0, 1, 2 … in order, each of up to 10,000 rows in one transaction, the batch's
   * header the same in every part, the last one with `last: true`. Until its last part is saved
   * the batch is incomplete: `getImportBatch`, `listImportBatches` and `readImportBatchRows` do not
   * show it, so it is never taken for a whole batch.
   *
   * - The same part again (same header, rows and `last`) answers `replayed: true` and writes
   *   nothing: an import that stopped half-way runs again from part 0 and goes on where it stopped
   *   (`savedParts` says where).
   * - Another header under a batch id already used (by parts or by `saveImportBatch`) is
   *   `IDEMPOTENCY_KEY_REUSED` at `part.batch.id`: the id is the batch's idempotency key, and this
   *   is another batch. Other rows or another `last` under a part already saved is
   *   `IDEMPOTENCY_KEY_REUSED` at `part.part`.
   * - A part whose number is not the next one (part n before part n − 1, or any part after the
   *   last) is `INVALID_INPUT` at `part.part`, naming the part expected.
   * - A row number twice in the part, or already saved in another part of the batch, is
   *   `INVALID_INPUT` at `part.rows.N.row`; rows past 1,000,000 in the whole batch are
   *   `INVALID_INPUT` at `part.rows`.
   * - A tenant scope only (`FORBIDDEN`); the client must exist (`NOT_FOUND` at
   *   `part.batch.clientId`); bad input is `INVALID_INPUT` naming `part.<field>`.
   *
   * @example
   * ```ts
   * import type { ImportBatchStore, ImportRowResult } from "@incasso/core";
   * declare const store: ImportBatchStore;
   * declare const chunks: ImportRowResult[][]; // the rows' results, 10,000 at a time
   * const batch = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" };
   * for (const [part, rows] of chunks.entries()) {
   *   await store.saveImportBatchPart({ tenantId: "firm-1" }, { batch, part, last: part === chunks.length - 1, rows });
   * }
   * ```
   */
  saveImportBatchPart(
    scope: StoreScope,
    part: ImportBatchPartInput,
  ): Promise<ImportBatchPartReceipt>;
  /**
   * A page of a complete import batch's rows, in the order of their row numbers (rows with equal
   * numbers, which only a batch saved in one call can have, in the order saved), after the cursor
   * `after`; null when the batch is unknown, not visible or not complete. A million-row batch is
   * read page by page without holding it. A bad query is `INVALID_INPUT` naming `query.<field>`.
   *
   * @example
   * ```ts
   * import type { ImportBatchStore } from "@incasso/core";
   * declare const store: ImportBatchStore;
   * let after: string | undefined;
   * do {
   *   const page = await store.readImportBatchRows({ tenantId: "firm-1" }, "B1", { ...(after === undefined ? {} : { after }), limit: 1000 });
   *   if (page === null) break;
   *   for (const row of page.items) console.log(row.row, row.outcome);
   *   after = page.nextCursor ?? undefined;
   * } while (after !== undefined);
   * ```
   */
  readImportBatchRows(
    scope: StoreScope,
    batchId: string,
    query?: ImportRowsQuery,
  ): Promise<Page<ImportRowResult> | null>;
  /**
   * The incomplete import batches of the tenant (or of one client), by id: batches saved in parts
   * whose last part is not saved yet, with how far each got. An import that stopped half-way (its
   * process ended, the store failed) leaves one. A writer that saves the same parts again resumes
   * it (each saved part is a replay); `@incasso/import-csv` does not: its rerun reports the rows
   * written before as duplicates and saves a batch of its own. A batch nobody will resume is
   * discarded with {@link ImportBatchStore.discardIncompleteImportBatch}.
   *
   * @example
   * ```ts
   * import type { ImportBatchStore } from "@incasso/core";
   * declare const store: ImportBatchStore;
   * for (const { batch, savedRows } of await store.listIncompleteImportBatches({ tenantId: "firm-1" }))
   *   console.log(batch.id, batch.source, batch.importedAt, savedRows);
   * ```
   */
  listIncompleteImportBatches(
    scope: StoreScope,
    query?: { readonly clientId?: string },
  ): Promise<IncompleteImportBatch[]>;
  /**
   * Discards an incomplete import batch: its parts and rows saved so far, at once. Answers true, or
   * false when the tenant has no batch of that id (discarding twice answers false the second
   * time). A complete batch is the record of an import and is never discarded: `ALREADY_FINAL` at
   * `batchId`. The id is free again afterwards: an import under it starts from part 0. A tenant
   * scope only (`FORBIDDEN`). A discard and a part saved at the same time take turns: either the
   * batch is discarded whole (and the part finds no batch to continue), or the part is saved first
   * and, when it was the last, the discard is `ALREADY_FINAL`.
   *
   * @example
   * ```ts
   * import type { ImportBatchStore } from "@incasso/core";
   * declare const store: ImportBatchStore;
   * await store.discardIncompleteImportBatch({ tenantId: "firm-1" }, "B1"); // true
   * ```
   */
  discardIncompleteImportBatch(scope: StoreScope, batchId: string): Promise<boolean>;
  /** A complete import batch with its rows, or null when unknown, incomplete or not visible. */
  getImportBatch(scope: StoreScope, batchId: string): Promise<ImportBatch | null>;
  /** The complete import batches of the tenant (or of one client), by id. */
  listImportBatches(
    scope: StoreScope,
    query?: { readonly clientId?: string },
  ): Promise<ImportBatch[]>;
}
