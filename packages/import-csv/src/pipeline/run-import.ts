import { createHash } from "node:crypto";
import type {
  AppendRequest,
  DebtorInput,
  DebtorRecord,
  ImportBatchInput,
  MassActionRequest,
  MassActionResult,
  MassActionRow,
  OwnerMailbox,
  StoreScope,
} from "@incasso/core";
import {
  IMPORT_BATCH_LIMITS,
  IncassoError,
  ownerAlerts,
  parseCaseEvents,
  Temporal,
} from "@incasso/core";
import { assertWritable, canonicalJson } from "@incasso/core/adapter-kit";
import type { CellTransform, ImportProfile } from "../profile/import-profile.js";
import { groupFieldOf, parseImportProfile } from "../profile/import-profile.js";
import { applyTransforms } from "../read/values.js";
import type {
  CaseRowRecord,
  ContactRowRecord,
  ImportRecord,
  ImportRow,
  MassActionRowRecord,
  PaymentRowRecord,
} from "../records.js";
import type {
  CaseReport,
  ImportReport,
  ImportTotals,
  OwnerSummary,
  RowReport,
} from "./import-report.js";
import { say } from "./localized.js";
import { digest } from "./natural-ids.js";
import { DebtorResolver, planCases, planPayments } from "./plan-cases.js";
import { casesOfDebtors, contactMatcher, planContacts } from "./plan-contacts.js";
import type {
  CasePlan,
  ImportPlan,
  ImportStore,
  MassActionCount,
  PlanContext,
  RowDraft,
  Slot,
} from "./plan-context.js";
import { requestOf, rowReportOf } from "./plan-context.js";
import type { Tally } from "./plan-mass-action.js";
import { planMassAction, summaryOf } from "./plan-mass-action.js";
import type { ResultFiles } from "./result-file.js";
import { checkResultFiles, writeResultFiles } from "./result-file.js";
import type { SpillSettings } from "./spill.js";
import {
  KeyedValues,
  PartitionedRows,
  Sequence,
  SortedRuns,
  SpillDirectory,
  spillSettingsOf,
} from "./spill.js";

/**
 * Where an import's writing stands: cases written of the cases to write.
 *
 * @example
 * ```ts
 * import type { WriteProgress } from "@incasso/import-csv";
 * const percent = (p: WriteProgress) => (p.total === 0 ? 100 : (100 * p.done) / p.total);
 * ```
 */
export interface WriteProgress {
  readonly done: number;
  readonly total: number;
}

/**
 * What an import of rows needs besides the rows: the store and scope, the profile, when and by whom
 * (both recorded on every event), and optionally the batch id, the name of the source, the owner
 * and lawyer of new cases when the profile names none, the time zone of "today" (the date of
 * `importedAt` there: the legal date of the events that have no date of their own), how many cases
 * are written at once, and a callback for the writing progress.
 *
 * @example
 * ```ts
 * import type { ImportRowsOptions } from "@incasso/import-csv";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const profile: import("@incasso/import-csv").ImportProfileInput;
 * const options: ImportRowsOptions = {
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, profile,
 *   importedAt: "2026-03-02T09:00:00Z", by: "an.peeters",
 * };
 * ```
 */
export interface ImportRowsOptions {
  readonly store: ImportStore;
  readonly scope: StoreScope;
  readonly profile: unknown;
  readonly importedAt: string;
  readonly by: string;
  readonly batchId?: string;
  /** The name the batch records as its source (the file name). Default `import`. */
  readonly sourceName?: string;
  /** The owner of new cases when the profile's `newCases.owner` is absent. Default: `by`. */
  readonly owner?: string;
  /** The lawyer of new cases. Default: the owner. */
  readonly lawyer?: string;
  /** The IANA time zone whose date of `importedAt` is "today". Default `Europe/Brussels`. */
  readonly timeZone?: string;
  /**
   * `appendMany` calls running at once while writing, each of up to 250 cases (the PostgreSQL
   * store writes them in one transaction). Default 2.
   */
  readonly concurrency?: number;
  readonly onWrite?: (progress: WriteProgress) => void;
  /**
   * The case owners' mailboxes (and one for owners not listed): with them, a mass action writes
   * each owner's alert of the cases it left out to the outbox, composed by the core's
   * `ownerAlerts` (a `send-email` in the owner's language). Without them the owners' summaries are
   * only in the report and the result file.
   */
  readonly alerts?: {
    readonly owners: Readonly<Record<string, OwnerMailbox>>;
    readonly fallback?: OwnerMailbox;
  };
  /**
   * Where the rows go once the import is large (cases and payments files): past `afterRows` rows
   * (default 20,000) they are kept in temporary files under `directory` (the system's temporary
   * directory by default), spread over `partitions` files (default 256, at most 512) with every row
   * of a case in one; the files are removed when the import ends, however it ends.
   */
  readonly spill?: {
    readonly afterRows?: number;
    readonly directory?: string;
    readonly partitions?: number;
  };
  /**
   * What the report holds: `full` (default) every row and case; `problems` only the first 1,000
   * rows and cases with an error or skipped, for a file too large to hold its report: the totals
   * are whole, and every row is in the result files and the stored batch.
   */
  readonly detail?: "full" | "problems";
  /** Result files written row by row while the import ends (CSV, JSON or both). */
  readonly resultFiles?: ResultFiles;
}

/**
 * Plans (and unless `dryRun` applies) an import of rows read by a profile, in flat memory. Nothing
 * is written before every row is read and checked: the rows are kept by their case (in memory up to
 * `spill.afterRows` rows, then in temporary files spread over partitions, every row of one case in
 * one partition), then a checking pass plans each part against what the store holds and checks its
 * events as the store will (the request and the whole case), and only when the profile's
 * `onRowError` lets the batch go on does the writing pass put the debtors and append each case in
 * one append under an idempotency key. The row reports are merged back into file order for the
 * report, the stored batch (in parts) and the result files. This is what {@link dryRunImport} and
 * {@link applyImport} run on the rows of a file; a host with rows of its own can call it directly.
 *
 * @example
 * ```ts
 * import { importRows, type ImportRow } from "@incasso/import-csv";
 * import { createMemoryStore } from "@incasso/memory";
 * declare const rows: ImportRow[];
 * declare const profile: unknown;
 * const report = await importRows(rows, {
 *   store: createMemoryStore(), scope: { tenantId: "firm-1" }, profile,
 *   importedAt: "2026-03-02T09:00:00Z", by: "an.peeters",
 * }, { dryRun: true });
 * ```
 */
export async function importRows(
  rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
  options: ImportRowsOptions,
  mode: { readonly dryRun: boolean },
): Promise<ImportReport> {
  const profile = parseImportProfile(options.profile);
  if (!mode.dryRun) assertWritable(options.scope);
  if (options.resultFiles !== undefined) checkResultFiles(options.resultFiles);
  const detail = options.detail ?? "full";
  if (detail !== "full" && detail !== "problems") {
    throw new IncassoError(
      "INVALID_INPUT",
      `detail: expected "full" or "problems" (got ${String(detail)})`,
      [{ path: "detail", message: 'expected "full" or "problems"' }],
    );
  }
  const settings = spillSettingsOf(options.spill);
  const directory = new SpillDirectory(settings);
  try {
    return await run(rows, options, profile, settings, directory, mode.dryRun, detail);
  } finally {
    await directory.close();
  }
}

/** A row's report as a part of the file planned it, before the stop of the batch is known. */
interface PlannedRow {
  readonly report: RowReport;
  /** The row belongs to a case that is skipped (`skip-case`). */
  readonly failed: boolean;
}

/** A case's report as its part planned it. */
interface PlannedCase {
  readonly report: CaseReport;
  readonly failed: boolean;
}

/** What the writing pass does, in order: put a debtor, append a case, update a debtor. */
type WriteStep =
  | { readonly step: "debtor"; readonly debtor: DebtorInput }
  | { readonly step: "append"; readonly request: AppendRequest }
  | { readonly step: "update"; readonly debtor: DebtorInput };

async function run(
  rows: AsyncIterable<ImportRow> | Iterable<ImportRow>,
  options: ImportRowsOptions,
  profile: ImportProfile,
  settings: SpillSettings,
  directory: SpillDirectory,
  dryRun: boolean,
  detail: "full" | "problems",
): Promise<ImportReport> {
  // 1. Read every row once, keeping it by its case (a contacts row: by its debtor).
  const context = await contextOf(options, profile);
  const kept = new PartitionedRows<Slot>(settings, directory, (slot) => slot.row);
  const keep = partitionerOf(context, kept, settings, directory);
  const cut = new Set<number>();
  const hash = createHash("sha256");
  const keyOf = groupKeyOf(profile);
  let count = 0;
  for await (const row of rows) {
    count += 1;
    if (count > IMPORT_BATCH_LIMITS.batchRows) tooManyRows();
    hash.update(`${JSON.stringify(row.raw)}\n`, "utf8");
    if (row.issues.some((issue) => CUT_CODES.has(issue.code))) cut.add(row.row);
    const key = row.record === null ? keyOf(row) : undefined;
    await keep.add({
      row: row.row,
      record: row.record,
      issues: row.issues,
      ...(key === undefined ? {} : { key }),
    });
  }
  await keep.end();
  const contentHash = `sha256:${hash.digest("hex")}`;
  const spilled = () => kept.spilled;

  // 2. Check every part: plan it, check each case as the store will, keep the reports and what to write.
  const resolver = new DebtorResolver(
    context,
    directory.closing(new KeyedValues<DebtorRecord>("debtors", spilled, directory)),
  );
  const rowRuns = new SortedRuns<PlannedRow>("rows", (r) => r.report.row, spilled, directory);
  const caseRuns = new SortedRuns<PlannedCase>(
    "cases",
    (c) => c.report.rows[0] ?? 0,
    spilled,
    directory,
  );
  const steps = new Sequence<WriteStep>("writes", spilled, directory);
  const ownerSummaries: OwnerSummary[] = [];
  const owners = new OwnerTallies();
  const queued = new Set<string>();
  let failures = false;
  for await (const slots of kept.partitions()) {
    const plan = await planOf(context, slots, resolver);
    const part = checkPart(context, plan);
    failures ||= part.failures;
    await rowRuns.addRun(part.rows);
    await caseRuns.addRun(part.cases);
    ownerSummaries.push(...plan.ownerSummaries);
    for (const count of plan.massActionCounts ?? []) owners.add(count);
    // A dry run writes nothing: it keeps no steps either.
    if (dryRun) continue;
    const needed = new Set<string>();
    for (const casePlan of part.write) {
      for (const id of casePlan.report.newDebtors) if (!queued.has(id)) needed.add(id);
    }
    const records = await resolver.recordsOf(needed);
    for (const id of needed) {
      const debtor = records.get(id);
      if (debtor === undefined) throw new Error(`the new debtor ${id} was not kept`);
      queued.add(id);
      await steps.push({ step: "debtor", debtor });
    }
    for (const casePlan of part.write) {
      const request = {
        caseId: casePlan.caseId,
        expectedVersion: casePlan.expectedVersion,
        events: casePlan.events,
        idempotencyKey: part.keys.get(casePlan.caseId) as string,
        asOf: context.today.toString(),
      };
      await steps.push({ step: "append", request });
    }
    for (const debtor of plan.debtorUpdates) await steps.push({ step: "update", debtor });
  }
  const cutStop = cut.size > 0;
  const stopped = cutStop || (profile.onRowError === "stop-batch" && failures);

  // 3. The reports in file order, with the batch's stop applied; the totals and the batch id.
  const finalRows = new Sequence<RowReport>("final-rows", spilled, directory);
  const counts = { errors: 0, skipped: 0, duplicates: 0 };
  const outcomes = createHash("sha256");
  outcomes.update(
    [context.client.id, profile.id, contentHash, options.importedAt, "["].join("\u0000"),
    "utf8",
  );
  const kept_: RowReport[] | null = detail === "full" ? [] : null;
  const problems: RowReport[] = [];
  for await (const planned of rowRuns.merged()) {
    const row = finalRowOf(planned, stopped, cutStop && cut.has(planned.report.row));
    if (row.outcome === "error") counts.errors += 1;
    else if (row.outcome === "skipped") counts.skipped += 1;
    else if (row.outcome === "duplicate") counts.duplicates += 1;
    outcomes.update(
      `${finalRows.count === 0 ? "" : ","}${JSON.stringify([row.row, row.outcome, row.caseId])}`,
      "utf8",
    );
    await finalRows.push(row);
    if (kept_ !== null) kept_.push(row);
    else if (
      problems.length < PROBLEMS_KEPT &&
      (row.outcome === "error" || row.outcome === "skipped")
    ) {
      problems.push(row);
    }
  }
  outcomes.update("]", "utf8");
  const cases: CaseReport[] = [];
  const caseTotals = emptyCaseTotals();
  const newDebtors = new Set<string>();
  for await (const planned of caseRuns.merged()) {
    const report =
      stopped || planned.failed ? skippedReport(planned.report, stopped, cutStop) : planned.report;
    addCaseTotals(caseTotals, report);
    for (const id of report.newDebtors) newDebtors.add(id);
    if (
      detail === "full" ||
      (cases.length < PROBLEMS_KEPT && (report.outcome === "error" || report.outcome === "skipped"))
    ) {
      cases.push(report);
    }
  }
  const totals: ImportTotals = {
    rows: kept.count,
    ...counts,
    ...caseTotals,
    newDebtors: newDebtors.size,
  };
  // The same file, instant and outcome give the same batch (a retry replays it); a re-import of
  // the same file at the same instant has other outcomes (duplicates) and is a batch of its own.
  const batchId = options.batchId ?? `import:${outcomes.digest("hex").slice(0, 40)}`;
  const base = {
    batchId,
    clientId: context.client.id,
    profileId: profile.id,
    kind: profile.kind,
    source: options.sourceName ?? "import",
    contentHash,
    importedAt: options.importedAt,
    stopped,
    detail,
    totals,
    ownerSummaries: stopped
      ? []
      : profile.kind === "mass-action"
        ? owners.summaries()
        : ownerSummaries,
  };

  // 4. Unless a dry run or stopped: write, save the batch in parts, enqueue the owners' alerts.
  const applied = dryRun
    ? null
    : await write(context, options, stopped, steps, finalRows, base, owners.results());
  if (options.resultFiles !== undefined) {
    await writeResultFiles(options.resultFiles, { ...base, dryRun, applied }, finalRows.items());
  }
  return {
    ...base,
    dryRun,
    applied,
    rows: kept_ ?? problems,
    cases,
  };
}

/**
 * Refuses a file of more rows than the batch that records every row's outcome holds, as soon as
 * the reader passes that many: before anything is planned or written.
 */
function tooManyRows(): never {
  const limit = IMPORT_BATCH_LIMITS.batchRows;
  const expected = `at most ${limit} rows in one import (got more); split the file: any split imports the same cases`;
  throw new IncassoError("INVALID_INPUT", `source: expected ${expected}`, [
    { path: "source", message: `expected ${expected}` },
  ]);
}

/**
 * The owners' tallies of a mass action counted over every part of the file: per owner and action,
 * the cases it was carried out on and why not on the others, in the order the file first names
 * each; and the rows not carried out, in file order, for the owners' alerts. What it holds grows
 * with the rows not carried out (the alerts list them), not with the file.
 */
class OwnerTallies {
  readonly #counts = new Map<
    string,
    Map<
      string,
      {
        order: boolean;
        first: number;
        done: number;
        failed: Map<string, { n: number; first: number }>;
      }
    >
  >();
  readonly #labels = new Map<string, { first: number; request: MassActionRequest }>();
  readonly #notDone: { label: string; row: number; outcome: MassActionRow }[] = [];

  add(count: MassActionCount): void {
    const byLabel = this.#counts.get(count.owner) ?? new Map();
    this.#counts.set(count.owner, byLabel);
    const tally = byLabel.get(count.label) ?? {
      order: count.request.action === "order",
      first: count.row,
      done: 0,
      failed: new Map(),
    };
    byLabel.set(count.label, tally);
    tally.first = Math.min(tally.first, count.row);
    const label = this.#labels.get(count.label);
    if (label === undefined || count.row < label.first) {
      this.#labels.set(count.label, { first: count.row, request: count.request });
    }
    if (count.outcome.ordered) {
      tally.done += 1;
      return;
    }
    const reason = count.outcome.reason ?? "";
    const failed = tally.failed.get(reason) ?? { n: 0, first: count.row };
    failed.n += 1;
    failed.first = Math.min(failed.first, count.row);
    tally.failed.set(reason, failed);
    this.#notDone.push({ label: count.label, row: count.row, outcome: count.outcome });
  }

  summaries(): OwnerSummary[] {
    const byFirst = <V extends { first: number }>(entries: Iterable<[string, V]>) =>
      [...entries].sort(([, a], [, b]) => a.first - b.first);
    return [...this.#counts]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([owner, byLabel]) => {
        const tally: Tally = new Map(
          byFirst(byLabel).map(([label, count]) => [
            label,
            {
              order: count.order,
              done: count.done,
              failed: new Map(byFirst(count.failed).map(([reason, { n }]) => [reason, n])),
            },
          ]),
        );
        return summaryOf(owner, tally);
      });
  }

  results(): MassActionResult[] {
    const notDone = [...this.#notDone].sort((a, b) => a.row - b.row);
    return [...this.#labels]
      .sort(([, a], [, b]) => a.first - b.first)
      .map(([label, { request }]) => ({
        activity: label,
        rows: notDone.filter((entry) => entry.label === label).map((entry) => entry.outcome),
        ...(request.action === "order" ? {} : { request }),
      }));
  }
}

/** How many rows and cases with a problem a report of `detail: "problems"` keeps. */
const PROBLEMS_KEPT = 1000;

/**
 * Keeps each row in the partition of its case, so that every change to one case is planned in one
 * part, in file order:
 * - a payments row by its group key, a mass action by its case number;
 * - a cases row by its group key, with every case that names the same debtor (the client's debtor
 *   id, the national number or the enterprise number): a debtor the file names in several cases is
 *   resolved, and created, in one part, as it would be with the whole file in memory;
 * - a contacts row by the debtor it names (found in the store a thousand rows at a time), with
 *   every debtor that shares a case with it (the case's contacts change through each of them);
 * - a row that belongs to no case (it could not be read, or names no debtor) by its line.
 * Rows that are grouped are kept first by their own key and moved to their group's partition once
 * the whole file is read.
 */
function partitionerOf(
  context: PlanContext,
  kept: PartitionedRows<Slot>,
  settings: SpillSettings,
  directory: SpillDirectory,
): { add(slot: Slot): Promise<void>; end(): Promise<void> } {
  const loose = (slot: Slot) => `#${slot.row}`;
  const kind = context.profile.kind;
  if (kind === "payments" || kind === "mass-action") {
    return {
      add: (slot) => {
        const record = slot.record;
        if (record === null) return kept.add(slot.key ?? loose(slot), slot);
        if (record.kind === "payments") return kept.add(record.groupKey, slot);
        return kept.add(record.kind === "mass-action" ? record.caseNumber : loose(slot), slot);
      },
      end: async () => undefined,
    };
  }
  const groups = new DisjointSets();
  const first = new PartitionedRows<{ key: string; slot: Slot }>(
    settings,
    directory,
    (item) => item.slot.row,
  );
  const keep = (key: string, slot: Slot) => first.add(key, { key, slot });
  const end = async () => {
    for await (const part of first.partitions()) {
      for (const { key, slot } of part) {
        await kept.add(key.startsWith("#") ? key : groups.find(key), slot);
      }
    }
  };
  if (kind === "cases") {
    const digits = (value: string | undefined) => value?.replace(/[^0-9]/g, "") ?? "";
    return {
      add: (slot) => {
        const record = slot.record;
        if (record === null || record.kind !== "cases") {
          return keep(slot.key === undefined ? loose(slot) : `g:${slot.key}`, slot);
        }
        const key = `g:${record.groupKey}`;
        const national = digits(record.debtor.nationalNumber);
        const enterprise = digits(record.debtor.enterpriseNumber);
        groups.join([
          key,
          `d:${record.debtor.id}`,
          ...(national === "" ? [] : [`n:${national}`]),
          ...(enterprise === "" ? [] : [`e:${enterprise}`]),
        ]);
        return keep(key, slot);
      },
      end,
    };
  }
  // Contacts: the debtor each row names, looked up a thousand rows at a time; the debtors of each
  // case found are joined.
  const seen = new Set<string>();
  let waiting: Slot<ContactRowRecord>[] = [];
  const flush = async () => {
    const slots = waiting;
    waiting = [];
    const matches = await contactMatcher(
      context,
      slots.flatMap((slot) => (slot.record === null ? [] : [slot.record])),
    );
    const keys = slots.map((slot) => {
      const debtors = slot.record === null ? [] : matches(slot.record);
      return debtors.length === 1 ? (debtors[0]?.id ?? "") : "";
    });
    const fresh = [...new Set(keys.filter((key) => key !== "" && !seen.has(key)))];
    for (const key of fresh) seen.add(key);
    await casesOfDebtors(context, fresh, (debtorIds) => groups.join(debtorIds));
    for (const [index, slot] of slots.entries()) {
      const debtor = keys[index] ?? "";
      await keep(debtor === "" ? loose(slot) : debtor, slot);
    }
  };
  return {
    add: async (slot) => {
      waiting.push(slot as Slot<ContactRowRecord>);
      if (waiting.length >= 1000) await flush();
    },
    end: async () => {
      await flush();
      await end();
    },
  };
}

/**
 * Sets of ids joined by what they share, each answered by one key of it (union-find). The ids are
 * kept as 53-bit hashes, a few tens of bytes each: two ids that hash alike are only planned in one
 * part, which is always safe.
 */
class DisjointSets {
  readonly #parent = new Map<number, number>();

  /** The key of the set `id` is in. */
  find(id: string): string {
    return `~${this.#root(hash53(id))}`;
  }

  #root(id: number): number {
    let root = id;
    for (let next = this.#parent.get(root); next !== undefined && next !== root; ) {
      root = next;
      next = this.#parent.get(root);
    }
    // Path compression: every id on the way points at the root.
    for (let at = id; at !== root; ) {
      const next = this.#parent.get(at) as number;
      this.#parent.set(at, root);
      at = next;
    }
    return root;
  }

  join(ids: readonly string[]): void {
    const [first, ...rest] = ids;
    if (first === undefined) return;
    let root = this.#root(hash53(first));
    for (const id of rest) {
      const other = this.#root(hash53(id));
      if (other === root) continue;
      // The smaller key is the root, so the sets do not depend on the order of the joins.
      if (other < root) {
        this.#parent.set(root, other);
        root = other;
      } else this.#parent.set(other, root);
    }
  }
}

/** A 53-bit hash of a text (cyrb53). */
function hash53(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * The issues of a row whose text was cut where a limit struck (an over-long record, a quote never
 * closed): its cells, its case and the rows it may have swallowed are unknown, so no case of the
 * file can be known to be whole, and the batch stops whatever the profile's `onRowError` says.
 */
const CUT_CODES: ReadonlySet<string> = new Set(["record-too-long", "unterminated-quote"]);

/**
 * How the group key of a row with an error is read from its cell (with the column's transforms),
 * so that the row still counts against its case: a case with a bad row is never half-imported.
 */
function groupKeyOf(profile: ImportProfile): (row: ImportRow) => string | undefined {
  if (profile.kind !== "cases" && profile.kind !== "payments") return () => undefined;
  const field = groupFieldOf(profile.grouping);
  const column = profile.columns[field as keyof typeof profile.columns] as
    | { readonly transforms: readonly CellTransform[] }
    | undefined;
  return (row) => {
    const cell = row.cells[field];
    if (cell === undefined) return undefined;
    const transformed = applyTransforms(cell, column?.transforms ?? [], profile.phoneCountry);
    const key = (transformed.ok ? transformed.value : cell).trim();
    return key === "" ? undefined : key;
  };
}

async function contextOf(options: ImportRowsOptions, profile: ImportProfile): Promise<PlanContext> {
  const { store, scope } = options;
  const client = await store.getClient(scope, profile.clientId);
  if (client === null) {
    throw new IncassoError(
      "NOT_FOUND",
      `profile.clientId: expected a client of the store (got ${profile.clientId})`,
      [{ path: "profile.clientId", message: "expected a client of the store" }],
    );
  }
  const instant = Temporal.Instant.from(options.importedAt);
  const today = instant.toZonedDateTimeISO(options.timeZone ?? "Europe/Brussels").toPlainDate();
  const owner = options.owner ?? options.by;
  return {
    store,
    scope,
    profile,
    client,
    terms: await store.getTerms(scope, client.id),
    scenarios: await store.listScenarios(scope, client.id),
    importedAt: options.importedAt,
    today,
    by: options.by,
    owner,
    lawyer: options.lawyer ?? owner,
  };
}

function planOf(
  context: PlanContext,
  slots: Slot[],
  resolver: DebtorResolver,
): Promise<ImportPlan> {
  const of = <R extends ImportRecord>() => slots as Slot<R>[];
  switch (context.profile.kind) {
    case "cases":
      return planCases(context, of<CaseRowRecord>(), resolver);
    case "payments":
      return planPayments(context, of<PaymentRowRecord>());
    case "contacts":
      return planContacts(context, of<ContactRowRecord>());
    case "mass-action":
      return planMassAction(context, of<MassActionRowRecord>());
  }
}

/** A part of the file checked: its reports, the cases to write and their idempotency keys. */
interface CheckedPart {
  /** Whether a row or case of the part has an error (what stops a `stop-batch` import). */
  readonly failures: boolean;
  readonly write: CasePlan[];
  readonly rows: PlannedRow[];
  readonly cases: PlannedCase[];
  readonly keys: Map<string, string>;
}

/**
 * Checks every planned case of a part as the store will and marks the cases the profile's
 * `onRowError` skips; whether the whole batch stops is known only when every part is checked.
 */
function checkPart(context: PlanContext, plan: ImportPlan): CheckedPart {
  const asOf = context.today.toString();
  const keys = new Map<string, string>();
  for (const casePlan of plan.cases) {
    if (casePlan.events.length === 0 || casePlan.report.outcome === "error") continue;
    const key = `import:${digest(
      context.client.id,
      context.profile.id,
      casePlan.caseId,
      canonicalJson(casePlan.events),
    ).slice(0, 48)}`;
    keys.set(casePlan.caseId, key);
    try {
      requestOf(casePlan, asOf, key);
      parseCaseEvents([...casePlan.existing, ...casePlan.events]);
    } catch (error) {
      if (!(error instanceof IncassoError)) throw error;
      casePlan.report.outcome = "error";
      casePlan.report.messages.push(
        say(
          `Het dossier kan deze gegevens niet opnemen: ${error.message}`,
          `Le dossier ne peut pas recevoir ces données : ${error.message}`,
          `The case cannot take these data: ${error.message}`,
        ),
      );
    }
  }
  const failed = (casePlan: CasePlan) =>
    casePlan.report.outcome === "error" || casePlan.rows.some((row) => row.outcome === "error");
  const failures = plan.loose.some((row) => row.outcome === "error") || plan.cases.some(failed);
  const cases: PlannedCase[] = [];
  const write: CasePlan[] = [];
  const failedRows = new Set<RowDraft>();
  for (const casePlan of plan.cases) {
    const isFailed = failed(casePlan);
    if (isFailed) for (const row of casePlan.rows) failedRows.add(row);
    cases.push({
      report: {
        ...casePlan.report,
        rows: [...new Set(casePlan.rows.map((row) => row.row))],
        events: casePlan.events.length,
      },
      failed: isFailed,
    });
    if (!isFailed && casePlan.events.length > 0) write.push(casePlan);
  }
  // The cases in the order the file first names them (as the merge of parts gives them).
  cases.sort((a, b) => (a.report.rows[0] ?? 0) - (b.report.rows[0] ?? 0));
  const drafts = new Set<RowDraft>([...plan.loose, ...plan.cases.flatMap((c) => c.rows)]);
  const rows = [...drafts]
    .sort((a, b) => a.row - b.row)
    .map((row) => ({ report: rowReportOf(row), failed: failedRows.has(row) }));
  return { failures, write, rows, cases, keys };
}

/** A row's final report: skipped when its case is skipped or the batch stopped. */
function finalRowOf(planned: PlannedRow, stopped: boolean, wasCut: boolean): RowReport {
  const report = planned.report;
  if (!stopped && !planned.failed) return report;
  const messages = wasCut
    ? [
        ...report.messages,
        say(
          "Deze rij werd afgebroken: welke rijen ze verbergt en bij welk dossier ze hoort is onbekend, dus wordt niets van het bestand ingelezen.",
          "Cette ligne a été coupée : on ne sait ni quelles lignes elle cache ni à quel dossier elle appartient, donc rien du fichier n'est importé.",
          "This row was cut: which rows it hides and which case it belongs to are unknown, so nothing of the file is imported.",
        ),
      ]
    : report.messages;
  return {
    ...report,
    outcome: report.outcome === "error" ? "error" : "skipped",
    newCase: false,
    newDebtor: false,
    messages,
  };
}

type CaseTotals = Pick<
  ImportTotals,
  | "newCases"
  | "updatedCases"
  | "unchangedCases"
  | "claimsAdded"
  | "claimsCorrected"
  | "payments"
  | "contactsAdded"
  | "contactsRetired"
  | "actionsOrdered"
  | "actionsNotExecuted"
>;

function emptyCaseTotals(): { -readonly [K in keyof CaseTotals]: number } {
  return {
    newCases: 0,
    updatedCases: 0,
    unchangedCases: 0,
    claimsAdded: 0,
    claimsCorrected: 0,
    payments: 0,
    contactsAdded: 0,
    contactsRetired: 0,
    actionsOrdered: 0,
    actionsNotExecuted: 0,
  };
}

function addCaseTotals(totals: { -readonly [K in keyof CaseTotals]: number }, c: CaseReport) {
  if (c.outcome === "new-case") totals.newCases += 1;
  else if (c.outcome === "updated") totals.updatedCases += 1;
  else if (c.outcome === "unchanged") totals.unchangedCases += 1;
  totals.claimsAdded += c.claimsAdded;
  totals.claimsCorrected += c.claimsCorrected;
  totals.payments += c.payments;
  totals.contactsAdded += c.contactsAdded;
  totals.contactsRetired += c.contactsRetired;
  totals.actionsOrdered += c.actionsOrdered;
  totals.actionsNotExecuted += c.actionsNotExecuted;
}

function skippedReport(report: CaseReport, stopped: boolean, cut: boolean): CaseReport {
  const messages = [...report.messages];
  messages.push(
    cut
      ? say(
          "Niet ingelezen: een rij van het bestand werd afgebroken (te lang of een aanhalingsteken dat niet gesloten werd).",
          "Pas importé : une ligne du fichier a été coupée (trop longue ou un guillemet jamais refermé).",
          "Not imported: a row of the file was cut (too long, or a quote never closed).",
        )
      : stopped
        ? say(
            "Niet ingelezen: het bestand heeft fouten en het profiel zegt stop-batch.",
            "Pas importé : le fichier contient des erreurs et le profil dit stop-batch.",
            "Not imported: the file has errors and the profile says stop-batch.",
          )
        : say(
            "Niet ingelezen: een rij van dit dossier heeft een fout (skip-case).",
            "Pas importé : une ligne de ce dossier contient une erreur (skip-case).",
            "Not imported: a row of this case has an error (skip-case).",
          ),
  );
  return {
    caseId: report.caseId,
    caseNumber: report.caseNumber,
    owner: report.owner,
    outcome: "skipped",
    rows: report.rows,
    newDebtors: [],
    claimsAdded: 0,
    claimsCorrected: 0,
    payments: 0,
    contactsAdded: 0,
    contactsRetired: 0,
    actionsOrdered: 0,
    actionsNotExecuted: 0,
    events: 0,
    messages,
  };
}

const STORED_OUTCOME: Record<RowReport["outcome"], ImportBatchInput["rows"][number]["outcome"]> = {
  "new-claim": "imported",
  payment: "imported",
  "contact-added": "imported",
  ordered: "imported",
  "not-executed": "imported",
  corrected: "updated",
  duplicate: "skipped",
  skipped: "skipped",
  error: "error",
};

/** Cases appended in one `appendMany` call while writing. */
const APPENDS_PER_CALL = 250;

/** Debtors put in one `putDebtors` call while writing. */
const DEBTORS_PER_CALL = 1_000;

/** Rows of a batch saved in one part; a larger batch is saved in parts of this many rows. */
const BATCH_PART_ROWS = IMPORT_BATCH_LIMITS.partRows;

/**
 * Writes what was checked: for each part its new debtors (1,000 a `putDebtors` call), then each
 * case in one append (250 cases an `appendMany` call, a few calls at once), then the debtors whose contacts changed; then the batch with every row's outcome (in
 * parts of 10,000 rows), and the owners' alerts. A stopped batch writes nothing at all.
 */
async function write(
  context: PlanContext,
  options: ImportRowsOptions,
  stopped: boolean,
  steps: Sequence<WriteStep>,
  rows: Sequence<RowReport>,
  report: Omit<ImportReport, "dryRun" | "applied" | "rows" | "cases">,
  massActions: readonly MassActionResult[],
): Promise<NonNullable<ImportReport["applied"]>> {
  const applied = {
    appended: 0,
    replayed: 0,
    debtorsPut: 0,
    alertsEnqueued: 0,
    batchSaved: false,
  };
  if (stopped) return applied;
  const { store, scope } = context;
  const total = await countAppends(steps);
  let done = 0;
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 2, 32));
  const running = new Set<Promise<void>>();
  const drain = () => Promise.all(running);
  let failure: unknown = null;
  let chunk: AppendRequest[] = [];
  let debtors: DebtorInput[] = [];
  // Puts the debtors gathered so far (new ones and updates, in order) in one putDebtors call.
  const putGathered = async () => {
    if (debtors.length === 0) return;
    const list = debtors;
    debtors = [];
    await store.putDebtors(scope, list);
    applied.debtorsPut += list.length;
  };
  // Starts the appends gathered so far as one appendMany call (a few calls run at once).
  const flush = async () => {
    if (chunk.length === 0) return;
    const requests = chunk;
    chunk = [];
    const task = store.appendMany(scope, requests).then(
      (outcomes) => {
        for (const outcome of outcomes) {
          if (!outcome.ok) {
            failure ??= outcome.error;
            continue;
          }
          if (outcome.result.replayed) applied.replayed += 1;
          else applied.appended += 1;
          done += 1;
        }
        options.onWrite?.({ done, total });
      },
      (error: unknown) => {
        failure ??= error;
      },
    );
    const tracked: Promise<void> = task.finally(() => running.delete(tracked));
    running.add(tracked);
    if (running.size >= concurrency) await Promise.race(running);
  };
  try {
    for await (const step of steps.items()) {
      if (failure !== null) break;
      if (step.step === "append") {
        // A debtor is put before the appends that follow it.
        await putGathered();
        chunk.push(step.request);
        if (chunk.length >= APPENDS_PER_CALL) await flush();
        continue;
      }
      // An update comes after the appends before it (a put has no such need).
      await flush();
      if (step.step === "update") await drain();
      if (failure !== null) break;
      debtors.push(step.debtor);
      if (debtors.length >= DEBTORS_PER_CALL) await putGathered();
    }
    if (failure === null) {
      await putGathered();
      await flush();
    }
  } finally {
    // However the pass ends, no append is left running behind the answer: a host that retries at
    // once never races the first run's writes.
    await drain();
  }
  if (failure !== null) throw failure;
  await saveBatch(context, rows, report);
  applied.batchSaved = true;
  const alerts = options.alerts;
  if (store.enqueueOutbox !== undefined && alerts !== undefined && massActions.length > 0) {
    const composed = ownerAlerts({
      date: context.today,
      undelivered: [],
      massActions,
      owners: alerts.owners,
      ...(alerts.fallback === undefined ? {} : { fallback: alerts.fallback }),
    });
    // Under a key of the batch: the owner's alert of the day (under the day's key) stays free.
    const messages = composed.messages.map((message) => ({
      key: `import-alert:${digest(report.batchId, message.key).slice(0, 40)}`,
      kind: message.kind,
      payload: message.payload,
    }));
    for (let start = 0; start < messages.length; start += 100) {
      const stored = await store.enqueueOutbox(scope, messages.slice(start, start + 100));
      applied.alertsEnqueued += stored.length;
    }
  }
  return applied;
}

async function countAppends(steps: Sequence<WriteStep>): Promise<number> {
  let count = 0;
  for await (const step of steps.items()) if (step.step === "append") count += 1;
  return count;
}

/** Saves the batch with every row's outcome: in one call, or in parts when it is large. */
async function saveBatch(
  context: PlanContext,
  rows: Sequence<RowReport>,
  report: Omit<ImportReport, "dryRun" | "applied" | "rows" | "cases">,
): Promise<void> {
  const { store, scope } = context;
  const header = {
    id: report.batchId,
    clientId: report.clientId,
    source: report.source,
    contentHash: report.contentHash,
    importedAt: report.importedAt,
  };
  const stored = (row: RowReport) => ({
    row: row.row,
    outcome: STORED_OUTCOME[row.outcome],
    ...(row.caseId === null ? {} : { caseId: row.caseId }),
    errors: row.messages.slice(0, 100).map((message) => ({
      field: "",
      message: message.en.slice(0, 10_000),
    })),
  });
  if (rows.count <= BATCH_PART_ROWS) {
    const all = [];
    for await (const row of rows.items()) all.push(stored(row));
    await store.saveImportBatch(scope, { ...header, rows: all });
    return;
  }
  let part = 0;
  let seen = 0;
  let chunk: ReturnType<typeof stored>[] = [];
  for await (const row of rows.items()) {
    chunk.push(stored(row));
    seen += 1;
    if (chunk.length === BATCH_PART_ROWS || seen === rows.count) {
      await store.saveImportBatchPart(scope, {
        batch: header,
        part,
        last: seen === rows.count,
        rows: chunk,
      });
      part += 1;
      chunk = [];
    }
  }
}
