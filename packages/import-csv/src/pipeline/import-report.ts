import type { ImportKind } from "../profile/import-profile.js";
import type { LocalizedText } from "../records.js";

/**
 * What an import did (or, in a dry run, would do) with one row:
 *
 * - `new-claim`: the row's claim is added to its case (a new case or one imported before).
 * - `corrected`: the row's claim was imported before with another amount, due date, invoice date
 *   or description: a `claim.corrected` event records the change.
 * - `payment`: the row's payment is recorded on its case (`payment.received`).
 * - `contact-added`: the row's contact data is added to the debtor's cases as current.
 * - `ordered`: the row's mass action is ordered on its case (`action.ordered`).
 * - `not-executed`: the case exists but the action cannot be ordered (closed, written off, handed
 *   over, nothing owed); a note on the case says why.
 * - `duplicate`: the store (or an earlier row of the file) already holds exactly this: nothing new.
 * - `skipped`: the row is fine, but another row of its case has an error and the profile says
 *   `skip-case` (or `stop-batch`, and the whole batch is not applied).
 * - `error`: the row cannot be imported; `messages` say why.
 *
 * @example
 * ```ts
 * import type { RowOutcome } from "@incasso/import-csv";
 * const written = (outcome: RowOutcome) => !["duplicate", "skipped", "error"].includes(outcome);
 * ```
 */
export type RowOutcome =
  | "new-claim"
  | "corrected"
  | "payment"
  | "contact-added"
  | "ordered"
  | "not-executed"
  | "duplicate"
  | "skipped"
  | "error";

/**
 * The report of one row: its line, what happened to it, the case and debtor it touched, whether
 * the import opens that case or puts that debtor into the relations, and its messages (the
 * reader's issues, warnings included, and the pipeline's) in Dutch, French and English.
 *
 * @example
 * ```ts
 * import type { RowReport } from "@incasso/import-csv";
 * const line = (row: RowReport) => `${row.row};${row.outcome};${row.caseId ?? ""}`;
 * ```
 */
export interface RowReport {
  readonly row: number;
  readonly outcome: RowOutcome;
  readonly caseId: string | null;
  readonly caseNumber: string | null;
  readonly debtorId: string | null;
  /** The import opens the row's case (true on every row of a new case). */
  readonly newCase: boolean;
  /** The import puts the row's debtor into the relations (true on every row naming it). */
  readonly newDebtor: boolean;
  readonly messages: readonly LocalizedText[];
}

/**
 * What an import does to one case: `new-case` (opened), `updated` (events added), `unchanged`
 * (everything was there: a re-import), `skipped` (a row of it has an error, or the batch stopped)
 * or `error` (the case itself cannot take the events: the messages say why), with the rows that
 * feed it and the count of each change.
 *
 * @example
 * ```ts
 * import type { CaseReport } from "@incasso/import-csv";
 * const opened = (cases: CaseReport[]) => cases.filter((c) => c.outcome === "new-case").length;
 * ```
 */
export interface CaseReport {
  readonly caseId: string;
  readonly caseNumber: string;
  readonly outcome: "new-case" | "updated" | "unchanged" | "skipped" | "error";
  readonly owner: string | null;
  readonly rows: readonly number[];
  readonly newDebtors: readonly string[];
  readonly claimsAdded: number;
  readonly claimsCorrected: number;
  readonly payments: number;
  readonly contactsAdded: number;
  readonly contactsRetired: number;
  readonly actionsOrdered: number;
  readonly actionsNotExecuted: number;
  /** The events the import appends to the case, in one append. */
  readonly events: number;
  readonly messages: readonly LocalizedText[];
}

/**
 * The summary for one case owner of a mass action: how many of the owner's cases got the action
 * and for how many it was not executed, and why, as a line for the owner's alert.
 *
 * @example
 * ```ts
 * import type { OwnerSummary } from "@incasso/import-csv";
 * const mention = (summary: OwnerSummary) => `${summary.owner}: ${summary.notExecuted} not executed`;
 * ```
 */
export interface OwnerSummary {
  readonly owner: string;
  readonly ordered: number;
  readonly notExecuted: number;
  readonly text: string;
}

/**
 * Counts over a report's rows and cases.
 *
 * @example
 * ```ts
 * import type { ImportTotals } from "@incasso/import-csv";
 * const clean = (totals: ImportTotals) => totals.errors === 0;
 * ```
 */
export interface ImportTotals {
  readonly rows: number;
  readonly errors: number;
  readonly skipped: number;
  readonly duplicates: number;
  readonly newCases: number;
  readonly updatedCases: number;
  readonly unchangedCases: number;
  readonly newDebtors: number;
  readonly claimsAdded: number;
  readonly claimsCorrected: number;
  readonly payments: number;
  readonly contactsAdded: number;
  readonly contactsRetired: number;
  readonly actionsOrdered: number;
  readonly actionsNotExecuted: number;
}

/**
 * The report of an import, the same for a dry run and for the apply that follows it on the same
 * store: every row and every case with what happens to it, the totals, the per-owner summaries of
 * a mass action, and whether the batch stopped (`onRowError: "stop-batch"` and an error: nothing
 * was written). `applied` says what the apply wrote (null in a dry run).
 *
 * @example
 * ```ts
 * import type { ImportReport } from "@incasso/import-csv";
 * const ok = (report: ImportReport) => !report.stopped && report.totals.errors === 0;
 * ```
 */
export interface ImportReport {
  readonly batchId: string;
  readonly clientId: string;
  readonly profileId: string;
  readonly kind: ImportKind;
  readonly source: string;
  /** `sha256:` and the hash of the rows' cells as read (the same file in another encoding: the same hash). */
  readonly contentHash: string;
  readonly importedAt: string;
  readonly dryRun: boolean;
  readonly stopped: boolean;
  /** `full`: `rows` and `cases` hold every row and case; `problems`: the first 1,000 with a problem. */
  readonly detail: "full" | "problems";
  readonly rows: readonly RowReport[];
  readonly cases: readonly CaseReport[];
  readonly totals: ImportTotals;
  readonly ownerSummaries: readonly OwnerSummary[];
  readonly applied: {
    /** Appends that stored events. */
    readonly appended: number;
    /** Appends the store answered as replays of an earlier one (same idempotency key). */
    readonly replayed: number;
    readonly debtorsPut: number;
    /** Whether the owners' summaries went to the outbox (a store with `enqueueOutbox`). */
    readonly alertsEnqueued: number;
    readonly batchSaved: boolean;
  } | null;
}
