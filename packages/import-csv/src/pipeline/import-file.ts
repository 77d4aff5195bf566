import { basename } from "node:path";
import type { ImportProgress, ImportSource } from "../read/read-import-rows.js";
import { readImportRows } from "../read/read-import-rows.js";
import type { ImportReport } from "./import-report.js";
import type { ImportRowsOptions } from "./run-import.js";
import { importRows } from "./run-import.js";

/**
 * An import of a file: what {@link ImportRowsOptions} says, plus the file (a path, the bytes or a
 * stream of chunks) and the reader's progress callback (rows, rows per second, time left).
 *
 * @example
 * ```ts
 * import type { ImportOptions } from "@incasso/import-csv";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const profile: unknown;
 * const options: ImportOptions = {
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, profile, source: "/data/acme.csv",
 *   importedAt: "2026-03-02T09:00:00Z", by: "an.peeters", onProgress: (p) => console.error(p.rows),
 * };
 * ```
 */
export interface ImportOptions extends ImportRowsOptions {
  readonly source: ImportSource;
  readonly onProgress?: (progress: ImportProgress) => void;
  readonly progressIntervalMs?: number;
}

function rowsOf(options: ImportOptions) {
  return readImportRows(options.profile, options.source, {
    ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
    ...(options.progressIntervalMs === undefined
      ? {}
      : { progressIntervalMs: options.progressIntervalMs }),
  });
}

function named(options: ImportOptions): ImportOptions {
  if (options.sourceName !== undefined || typeof options.source !== "string") return options;
  return { ...options, sourceName: basename(options.source) };
}

/**
 * Runs the whole import of a file without writing anything: every row read and checked, every case
 * planned against what the store holds and checked as the store will, and the report of every row
 * and case (new debtor, new case, new claim, corrected amount, payment, duplicate, error). Applying
 * the same file to the same store then does exactly what the report says.
 *
 * @example
 * ```ts
 * import { dryRunImport, resultFileCsv } from "@incasso/import-csv";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const profile: unknown;
 * const report = await dryRunImport({
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, profile, source: "/data/acme.csv",
 *   importedAt: "2026-03-02T09:00:00Z", by: "an.peeters",
 * });
 * console.log(report.totals, resultFileCsv(report));
 * ```
 */
export function dryRunImport(options: ImportOptions): Promise<ImportReport> {
  const input = named(options);
  return importRows(rowsOf(input), input, { dryRun: true });
}

/**
 * Imports a file into the store: reads and checks every row and plans every case first (nothing is
 * written before the whole file is checked), then, unless the profile's `onRowError` is
 * `stop-batch` and a row has an error, puts the new debtors into the relations and appends each
 * case's events in one append under an idempotency key made of the client, the profile and the
 * rows' natural keys, and stores the batch with every row's outcome. Importing the same file again
 * changes nothing; a corrected file corrects the claims.
 *
 * @example
 * ```ts
 * import { applyImport } from "@incasso/import-csv";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const profile: unknown;
 * const report = await applyImport({
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, profile, source: "/data/acme.csv",
 *   importedAt: "2026-03-02T09:00:00Z", by: "an.peeters",
 * });
 * report.applied?.appended;
 * ```
 */
export function applyImport(options: ImportOptions): Promise<ImportReport> {
  const input = named(options);
  return importRows(rowsOf(input), input, { dryRun: false });
}
