import type { z } from "zod";
import type { importBatchSchema } from "../storage/store-schemas.js";
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
   */
  saveImportBatch(
    scope: StoreScope,
    batch: ImportBatchInput,
  ): Promise<{ readonly batch: ImportBatch; readonly replayed: boolean }>;
  /** An import batch with its rows, or null when unknown or not visible. */
  getImportBatch(scope: StoreScope, batchId: string): Promise<ImportBatch | null>;
  /** The import batches of the tenant (or of one client), by id. */
  listImportBatches(
    scope: StoreScope,
    query?: { readonly clientId?: string },
  ): Promise<ImportBatch[]>;
}
