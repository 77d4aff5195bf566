import { parseInput } from "../errors/from-zod-error.js";
import { IncassoError } from "../errors/incasso-error.js";
import type {
  ImportBatch,
  ImportBatchHeader,
  ImportRowResult,
} from "../ports/import-batch-store.js";
import { encodeCursor } from "./cursor.js";
import { storeInstant } from "./store-errors.js";
import {
  IMPORT_BATCH_LIMITS,
  importBatchPartSchema,
  importRowsQuerySchema,
} from "./store-schemas.js";

// The rules of an import batch saved in parts, as every store applies them: the part's input, the
// order of parts, the row limit of the batch, what a replay is compared by, and the row cursor.

/**
 * A part of an import batch as a store keeps it: the header with its instant as stores answer it
 * (UTC), the part's number, whether it is the last, and its rows with their defaults.
 *
 * @example
 * ```ts
 * import type { ParsedImportBatchPart } from "@incasso/core/adapter-kit";
 * const size = (part: ParsedImportBatchPart) => part.rows.length;
 * ```
 */
export interface ParsedImportBatchPart {
  readonly batch: ImportBatchHeader;
  readonly part: number;
  readonly last: boolean;
  readonly rows: ImportRowResult[];
}

/**
 * Validates a part of an import batch (`INVALID_INPUT` naming `part.<field>`, such as
 * `part.rows.3.row` for a row number twice in the part) and answers it as a store keeps it.
 *
 * @example
 * ```ts
 * import { parseImportBatchPart } from "@incasso/core/adapter-kit";
 * parseImportBatchPart({
 *   batch: { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T10:00:00+01:00" },
 *   part: 0, last: true, rows: [],
 * }).batch.importedAt; // "2026-01-31T09:00:00Z"
 * ```
 */
export function parseImportBatchPart(input: unknown): ParsedImportBatchPart {
  const parsed = parseInput(importBatchPartSchema, input, "part");
  return {
    batch: { ...parsed.batch, importedAt: storeInstant(parsed.batch.importedAt) },
    part: parsed.part,
    last: parsed.last,
    rows: parsed.rows,
  };
}

/**
 * How far an import batch is saved: its parts and rows so far, and whether its last part is saved.
 *
 * @example
 * ```ts
 * import type { ImportBatchProgress } from "@incasso/core/adapter-kit";
 * const fresh: ImportBatchProgress = { parts: 0, rows: 0, complete: false };
 * ```
 */
export interface ImportBatchProgress {
  readonly parts: number;
  readonly rows: number;
  readonly complete: boolean;
}

/**
 * Checks that a part not saved before may be saved next (a part whose number is below
 * `progress.parts` is a replay or a reused key, which the store decides by comparing contents):
 * no part after the last one and none out of order (`INVALID_INPUT` at `part.part`, naming the
 * part expected), and at most 1,000,000 rows in the whole batch (`INVALID_INPUT` at `part.rows`).
 *
 * @example
 * ```ts
 * import { checkNextImportPart } from "@incasso/core/adapter-kit";
 * const batch = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" };
 * checkNextImportPart({ parts: 2, rows: 20_000, complete: false }, { batch, part: 2, last: true, rows: [] }); // fine
 * ```
 */
export function checkNextImportPart(
  progress: ImportBatchProgress,
  part: ParsedImportBatchPart,
): void {
  const batchId = part.batch.id;
  if (progress.complete) {
    const message = `expected no part after the last part (${progress.parts - 1}) of batch ${batchId}`;
    throw new IncassoError("INVALID_INPUT", `part.part: ${message} (got: ${part.part})`, [
      { path: "part.part", message },
    ]);
  }
  if (part.part !== progress.parts) {
    const message =
      progress.parts === 0
        ? `expected part 0 first: batch ${batchId} has no part saved`
        : `expected part ${progress.parts}, the next part of batch ${batchId} (parts 0 to ${progress.parts - 1} are saved)`;
    throw new IncassoError("INVALID_INPUT", `part.part: ${message} (got: ${part.part})`, [
      { path: "part.part", message },
    ]);
  }
  if (progress.rows + part.rows.length > IMPORT_BATCH_LIMITS.batchRows) {
    const message = `expected at most ${IMPORT_BATCH_LIMITS.batchRows} rows in one batch (${progress.rows} are saved in its earlier parts, this part has ${part.rows.length})`;
    throw new IncassoError("INVALID_INPUT", `part.rows: ${message}`, [
      { path: "part.rows", message },
    ]);
  }
}

/**
 * The error of a row whose number another part of the batch has already saved (`INVALID_INPUT` at
 * `part.rows.<index>.row`).
 *
 * @example
 * ```ts
 * import { importRowSavedBefore } from "@incasso/core/adapter-kit";
 * importRowSavedBefore(3, 42).issues[0]?.path; // "part.rows.3.row"
 * ```
 */
export function importRowSavedBefore(index: number, row: number): IncassoError {
  const path = `part.rows.${index}.row`;
  const message = `expected a row number no other part of the batch has (row ${row} is saved in an earlier part)`;
  return new IncassoError("INVALID_INPUT", `${path}: ${message}`, [{ path, message }]);
}

/**
 * Whether two import batch headers are the same: same id, client, source, content hash and
 * instant (both as stores answer them).
 *
 * @example
 * ```ts
 * import { sameImportBatchHeader } from "@incasso/core/adapter-kit";
 * const header = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" };
 * sameImportBatchHeader(header, { ...header, contentHash: "sha256:cd" }); // false
 * ```
 */
export function sameImportBatchHeader(a: ImportBatchHeader, b: ImportBatchHeader): boolean {
  return (
    a.id === b.id &&
    a.clientId === b.clientId &&
    a.source === b.source &&
    a.contentHash === b.contentHash &&
    a.importedAt === b.importedAt
  );
}

/**
 * What a part's content is compared by: the part as a batch of its own (the header and the part's
 * rows). A batch saved in one call is its part 0, so its content is the batch itself; a store
 * fingerprints this (with `canonicalJson`) to tell a replay from a reused key.
 *
 * @example
 * ```ts
 * import { canonicalJson, importPartContent, parseImportBatchPart } from "@incasso/core/adapter-kit";
 * const part = parseImportBatchPart({
 *   batch: { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z" },
 *   part: 0, last: true, rows: [],
 * });
 * const fingerprint = canonicalJson(importPartContent(part));
 * ```
 */
export function importPartContent(part: {
  readonly batch: ImportBatchHeader;
  readonly rows: readonly ImportRowResult[];
}): ImportBatch {
  return { ...part.batch, rows: [...part.rows] };
}

/**
 * A batch given in one call cut as a batch saved in parts was: its contents part by part, for
 * parts of these row counts (null when the counts do not add up to the batch's rows).
 *
 * @example
 * ```ts
 * import { splitImportBatch } from "@incasso/core/adapter-kit";
 * const batch = { id: "B1", clientId: "acme", source: "cases.csv", contentHash: "sha256:ab", importedAt: "2026-01-31T09:00:00Z",
 *   rows: [{ row: 2, outcome: "imported" as const, errors: [] }, { row: 3, outcome: "skipped" as const, errors: [] }] };
 * splitImportBatch(batch, [1, 1])?.length; // 2
 * ```
 */
export function splitImportBatch(
  batch: ImportBatch,
  rowCounts: readonly number[],
): ImportBatch[] | null {
  if (rowCounts.reduce((sum, count) => sum + count, 0) !== batch.rows.length) return null;
  const { rows, ...header } = batch;
  let start = 0;
  return rowCounts.map((count) => {
    const part = { ...header, rows: rows.slice(start, start + count) };
    start += count;
    return part;
  });
}

/**
 * A page request of an import batch's rows, read: the keyset position after which the page
 * starts (a row number and the position the row was saved at; null for the first page) and the
 * page's size.
 *
 * @example
 * ```ts
 * import type { ParsedImportRowsQuery } from "@incasso/core/adapter-kit";
 * const first: ParsedImportRowsQuery = { after: null, limit: 1000 };
 * ```
 */
export interface ParsedImportRowsQuery {
  readonly after: { readonly row: number; readonly position: number } | null;
  readonly limit: number;
}

/**
 * Validates a page request of an import batch's rows (`INVALID_INPUT` naming `query.<field>`; a
 * cursor that is not the `nextCursor` of a page is `INVALID_INPUT` at `query.after`).
 *
 * @example
 * ```ts
 * import { encodeImportRowCursor, parseImportRowsQuery } from "@incasso/core/adapter-kit";
 * parseImportRowsQuery({ after: encodeImportRowCursor(42, 41) }); // { after: { row: 42, position: 41 }, limit: 1000 }
 * ```
 */
export function parseImportRowsQuery(query: unknown = {}): ParsedImportRowsQuery {
  const parsed = parseInput(importRowsQuerySchema, query, "query");
  if (parsed.after === undefined) return { after: null, limit: parsed.limit };
  return { after: decodeImportRowCursor(parsed.after), limit: parsed.limit };
}

/**
 * The cursor of a page of an import batch's rows that ends with the row `row` saved at
 * `position` (0 for a batch's first row saved, counting on through its parts).
 *
 * @example
 * ```ts
 * import { encodeImportRowCursor } from "@incasso/core/adapter-kit";
 * encodeImportRowCursor(42, 41); // '["42","41"]'
 * ```
 */
export function encodeImportRowCursor(row: number, position: number): string {
  return encodeCursor([String(row), String(position)]);
}

const WHOLE = /^(0|[1-9][0-9]{0,7})$/;

function decodeImportRowCursor(cursor: string): { row: number; position: number } {
  let key: unknown;
  try {
    key = JSON.parse(cursor);
  } catch {
    key = undefined;
  }
  if (
    Array.isArray(key) &&
    key.length === 2 &&
    key.every((part) => typeof part === "string" && WHOLE.test(part))
  ) {
    const row = Number(key[0]);
    const position = Number(key[1]);
    if (row >= 1 && row <= 10_000_000 && position < IMPORT_BATCH_LIMITS.batchRows)
      return { row, position };
  }
  const message = "expected the nextCursor of a previous page of this list";
  throw new IncassoError(
    "INVALID_INPUT",
    `query.after: ${message} (got: ${JSON.stringify(cursor)})`,
    [{ path: "query.after", message }],
  );
}
