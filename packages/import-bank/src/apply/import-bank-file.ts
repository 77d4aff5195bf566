import { createHash } from "node:crypto";
import type {
  BankEntryKey,
  BankTransaction,
  CaseStore,
  ImportBatchInput,
  MatchPolicyInput,
  PlanProposal,
  StoreScope,
  TransactionMatch,
} from "@incasso/core";
import {
  bankEntryKeys,
  fieldError,
  matchTransactions,
  parseInput,
  resolveMatchPolicy,
  storeIdSchema,
  storeScopeSchema,
  Temporal,
} from "@incasso/core";
import { z } from "zod";
import { buildCandidateIndex } from "./build-candidate-index.js";
import type { BankEntryDetail } from "./entry-detail.js";
import { bankEntryDetailSchema, entryDetailOf } from "./entry-detail.js";
import { appendOnce, entryEvents } from "./record-entry.js";

/**
 * The store ports a bank import uses: finding and reading cases, appending, and keeping the batch.
 *
 * @example
 * ```ts
 * import type { BankImportStore } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * const store: BankImportStore = createMemoryStore();
 * ```
 */
export type BankImportStore = Pick<
  CaseStore,
  | "findCasesByKeys"
  | "readEvents"
  | "getCase"
  | "append"
  | "saveImportBatch"
  | "getImportBatch"
  | "listImportBatches"
>;

/**
 * A bank file to import: its name and either its bytes (CODA, camt.053/054, MT940, or a ZIP of
 * them), read by `parseBankFile`, or the entries already read, as the core's `BankTransaction`s.
 *
 * @example
 * ```ts
 * import type { BankFileInput } from "@incasso/import-bank";
 * declare const bytes: Uint8Array;
 * const file: BankFileInput = { name: "2026-03-02.cod", bytes };
 * ```
 */
export type BankFileInput =
  | { readonly name: string; readonly bytes: Uint8Array | string }
  | { readonly name: string; readonly transactions: readonly BankTransaction[] };

/**
 * Options of {@link importBankFile}.
 *
 * @example
 * ```ts
 * import type { ImportBankFileOptions } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * const options: ImportBankFileOptions = {
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, clientId: "firm-account",
 *   files: [{ name: "day.cod", transactions: [] }], importedAt: "2026-03-03T08:00:00Z", by: "bank-import",
 * };
 * ```
 */
export interface ImportBankFileOptions {
  readonly store: BankImportStore;
  readonly scope: StoreScope;
  /**
   * The client the import batch and its review queue are kept under: the creditor whose account
   * the statements are of, or a client record the firm keeps for its third-party account. Entries
   * are matched to the cases of every client of the tenant all the same.
   */
  readonly clientId: string;
  readonly files: readonly BankFileInput[];
  /** The instant of the import (recordedAt of every event), as an ISO instant. */
  readonly importedAt: string;
  /** Who imports (the events' `by`). */
  readonly by: string;
  /** Match and report only: nothing is stored. */
  readonly dryRun?: boolean;
  readonly policy?: MatchPolicyInput;
  /** The date balances and promises are read as of (default: the date of `importedAt` in UTC). */
  readonly asOf?: string;
  /** The plans the host keeps per case, to match instalment amounts and plan references. */
  readonly plans?: ReadonlyMap<string, readonly PlanProposal[]>;
}

/**
 * What happened to one entry of an import: its row in the batch, the file, the match (decision,
 * score, reasons, candidates, parts) and what was stored for it: `recorded` now,
 * `already-recorded` (a replay: the same entry recorded before, from this file or another format),
 * `review` (proposed or unmatched: it waits in the review queue), `none` (a duplicate, an ignored
 * debit, or a dry run).
 *
 * @example
 * ```ts
 * import type { BankEntryOutcome } from "@incasso/import-bank";
 * const line = (entry: BankEntryOutcome) => `${entry.row} ${entry.detail.decision} ${entry.stored}`;
 * ```
 */
export interface BankEntryOutcome {
  readonly row: number;
  readonly detail: BankEntryDetail;
  readonly stored: "recorded" | "already-recorded" | "review" | "none";
}

/**
 * The totals of an import: entries read, and how many were applied (payments recorded), proposed
 * for review, unmatched, duplicates (recorded before), reversals (returns recorded), debits
 * ignored; and the amount applied.
 *
 * @example
 * ```ts
 * import type { BankImportTotals } from "@incasso/import-bank";
 * const pending = (totals: BankImportTotals) => totals.proposed + totals.unmatched;
 * ```
 */
export interface BankImportTotals {
  readonly entries: number;
  readonly applied: number;
  readonly proposed: number;
  readonly unmatched: number;
  readonly duplicates: number;
  readonly reversals: number;
  readonly ignored: number;
  readonly appliedAmount: string;
}

/**
 * The result of {@link importBankFile}: the batch id (derived from the files' content), whether
 * it was a dry run, whether the batch was known (a re-import: its stored plan was carried out
 * again, and nothing new was matched), every entry's outcome, and the totals.
 *
 * @example
 * ```ts
 * import type { BankImportResult } from "@incasso/import-bank";
 * const summary = (result: BankImportResult) => `${result.totals.applied} applied, ${result.totals.proposed} to review`;
 * ```
 */
export interface BankImportResult {
  readonly batchId: string;
  readonly dryRun: boolean;
  readonly resumed: boolean;
  readonly entries: readonly BankEntryOutcome[];
  readonly totals: BankImportTotals;
}

const optionsSchema = z.strictObject({
  scope: storeScopeSchema,
  clientId: storeIdSchema,
  importedAt: z.iso.datetime({
    offset: true,
    message: "expected an ISO instant such as 2026-03-03T08:00:00Z",
  }),
  by: z.string().min(1).max(500),
  dryRun: z.boolean().default(false),
  asOf: z.iso.date({ message: "expected an ISO date" }).optional(),
  files: z
    .array(z.object({ name: z.string().min(1).max(500) }).passthrough())
    .min(1, { message: "expected at least one file" })
    .max(1000, { message: "expected at most 1000 files" }),
});

/** A file read: its name, content hash, and entries with their keys (numbered per file). */
interface ReadFile {
  readonly name: string;
  readonly hash: string;
  readonly transactions: readonly BankTransaction[];
  readonly keys: readonly BankEntryKey[];
}

async function readFiles(files: readonly BankFileInput[]): Promise<ReadFile[]> {
  const read: ReadFile[] = [];
  for (const [index, file] of files.entries()) {
    if ("transactions" in file) {
      const hash = sha256(
        JSON.stringify(
          file.transactions.map((tx) => ({
            ...tx,
            amount: tx.amount.toFixed(),
            bookingDate: tx.bookingDate.toString(),
            valueDate: tx.valueDate.toString(),
          })),
        ),
      );
      read.push({
        name: file.name,
        hash,
        transactions: file.transactions,
        keys: bankEntryKeys(file.transactions),
      });
    } else if ("bytes" in file) {
      const { parseBankFile, toBankTransactions } = await import("../parse/index.js");
      const parsed = await parseBankFile(file.bytes, { fileName: file.name });
      const transactions: BankTransaction[] = [];
      for (const statement of parsed.statements) {
        const reversals = new Map(
          statement.entries.map((entry) => [entry.entryReference, entry.reversal]),
        );
        for (const tx of toBankTransactions(statement))
          transactions.push(
            tx.reversal === undefined && reversals.get(tx.entryReference) === true
              ? { ...tx, reversal: true }
              : tx,
          );
      }
      const bytes = typeof file.bytes === "string" ? Buffer.from(file.bytes, "utf8") : file.bytes;
      read.push({
        name: file.name,
        hash: sha256(bytes),
        transactions,
        keys: bankEntryKeys(transactions),
      });
    } else
      throw fieldError(
        "INVALID_INPUT",
        `files.${index}`,
        "expected bytes or transactions",
        undefined,
      );
  }
  return read;
}

function sha256(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

const OUTCOME = {
  apply: "imported",
  duplicate: "skipped",
  ignore: "skipped",
  propose: "proposed",
  unmatched: "unmatched",
} as const;

/**
 * Imports bank files into a store: reads them, matches every entry to the cases it names (see
 * `matchTransactions` of `@incasso/core`), and unless it is a dry run keeps the batch with every
 * entry's match (the review queue: proposed and unmatched entries) and then records what was
 * applied: a `payment.received` for each part of a credit (the value date, the amount, the bank
 * details and the reasons in words) and a `payment.reversed` for each payment a return undoes.
 *
 * Nothing is recorded twice:
 * - every append carries an idempotency key from the entry's key (the account, dates, amount,
 *   currency and reference, numbered within the file), the same for the same transfer in a camt
 *   and a CODA file of one day; the key used before answers `already-recorded`;
 * - the matcher sees the payments already recorded (by payment id, and by account and entry
 *   reference) and calls the entry a duplicate;
 * - the batch id is the hash of the files: importing the same files again finds the batch and
 *   carries out its stored plan again, which records only what a crash left out.
 *
 * The batch is stored before the appends, as the plan; the appends then follow it. A bank file's
 * entries in another currency than euro are left unmatched.
 *
 * @example
 * ```ts
 * import { importBankFile } from "@incasso/import-bank";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const bytes: Uint8Array;
 * const result = await importBankFile({
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, clientId: "firm-account",
 *   files: [{ name: "2026-03-02.cod", bytes }], importedAt: "2026-03-03T08:00:00Z", by: "bank-import",
 * });
 * console.log(result.totals);
 * ```
 */
export async function importBankFile(options: ImportBankFileOptions): Promise<BankImportResult> {
  const checked = parseInput(
    optionsSchema,
    {
      scope: options.scope,
      clientId: options.clientId,
      importedAt: options.importedAt,
      by: options.by,
      dryRun: options.dryRun,
      asOf: options.asOf,
      files: options.files,
    },
    "options",
  );
  const policy = resolveMatchPolicy(options.policy ?? {});
  const { store, scope } = options;
  const importedAt = Temporal.Instant.from(checked.importedAt).toString();
  const asOf = Temporal.PlainDate.from(
    checked.asOf ??
      Temporal.Instant.from(importedAt).toZonedDateTimeISO("UTC").toPlainDate().toString(),
  );
  const files = await readFiles(options.files);
  const batchId = `bank-${sha256(files.map((file) => file.hash).join(":")).slice(0, 32)}`;
  const known = checked.dryRun ? null : await store.getImportBatch(scope, batchId);
  let rows: { row: number; detail: BankEntryDetail }[];
  let recordedAt = importedAt;
  if (known !== null) {
    recordedAt = known.importedAt;
    rows = known.rows.map((row) => ({
      row: row.row,
      detail: bankEntryDetailSchema.parse(row.detail),
    }));
  } else {
    const transactions = files.flatMap((file) => file.transactions);
    const keys = files.flatMap((file) => file.keys);
    const names = files.flatMap((file) => file.transactions.map(() => file.name));
    const index = await buildCandidateIndex(
      store,
      scope,
      transactions,
      policy,
      asOf,
      options.plans === undefined ? {} : { plans: options.plans },
    );
    const matches: TransactionMatch[] = matchTransactions(transactions, index, policy, { keys });
    rows = matches.map((match, position) => ({
      row: position + 1,
      detail: entryDetailOf(names[position] ?? "", match),
    }));
    if (!checked.dryRun) {
      const batch: ImportBatchInput = {
        id: batchId,
        clientId: checked.clientId,
        source: `bank statements: ${files.map((file) => file.name).join(", ")}`.slice(0, 500),
        contentHash: `sha256:${sha256(files.map((file) => file.hash).join(":"))}`,
        importedAt,
        rows: rows.map(({ row, detail }) => {
          const caseId =
            detail.allocations[0]?.caseId ??
            detail.reversals[0]?.caseId ??
            detail.duplicateOf?.caseId;
          return {
            row,
            outcome: OUTCOME[detail.decision],
            ...(caseId === undefined ? {} : { caseId }),
            errors: [],
            detail: detail as unknown as Record<string, never>,
          };
        }),
      };
      await store.saveImportBatch(scope, batch);
    }
  }
  const entries: BankEntryOutcome[] = [];
  for (const { row, detail } of rows) {
    let stored: BankEntryOutcome["stored"] =
      detail.decision === "propose" || detail.decision === "unmatched" ? "review" : "none";
    if (detail.decision === "apply" && !checked.dryRun) {
      const reviewed = await store.getImportBatch(scope, `${batchId}/review/${row}`);
      if (reviewed === null) {
        let any = false;
        for (const write of entryEvents(detail, recordedAt, options.by)) {
          const outcome = await appendOnce(
            store,
            scope,
            write.caseId,
            write.event,
            write.idempotencyKey,
            asOf.toString(),
          );
          if (outcome === "recorded") any = true;
        }
        stored = any ? "recorded" : "already-recorded";
      }
    }
    entries.push({ row, detail, stored });
  }
  return {
    batchId,
    dryRun: checked.dryRun,
    resumed: known !== null,
    entries,
    totals: totalsOf(entries),
  };
}

/**
 * The totals of a list of entry outcomes (see {@link BankImportTotals}): an entry recorded before
 * counts as a duplicate.
 *
 * @example
 * ```ts
 * import { totalsOf } from "@incasso/import-bank";
 * totalsOf([]).entries; // 0
 * ```
 */
export function totalsOf(entries: readonly BankEntryOutcome[]): BankImportTotals {
  let applied = 0;
  let proposed = 0;
  let unmatched = 0;
  let duplicates = 0;
  let reversals = 0;
  let ignored = 0;
  let cents = 0n;
  for (const { detail, stored } of entries) {
    if (detail.decision === "duplicate" || stored === "already-recorded") duplicates++;
    else if (detail.decision === "apply") {
      if (detail.direction === "debit") reversals++;
      else {
        applied++;
        cents += BigInt(detail.entry.amount.replace(".", ""));
      }
    } else if (detail.decision === "propose") proposed++;
    else if (detail.decision === "unmatched") unmatched++;
    else ignored++;
  }
  const sign = cents < 0n ? "-" : "";
  const abs = cents < 0n ? -cents : cents;
  return {
    entries: entries.length,
    applied,
    proposed,
    unmatched,
    duplicates,
    reversals,
    ignored,
    appliedAmount: `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, "0")}`,
  };
}
