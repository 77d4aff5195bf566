import { createHash } from "node:crypto";
import type { ImportBatchInput, OwnerMailbox, StoreScope } from "@incasso/core";
import { IncassoError, ownerAlerts, parseCaseEvents, Temporal } from "@incasso/core";
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
import type { CaseReport, ImportReport, ImportTotals, RowReport } from "./import-report.js";
import { say } from "./localized.js";
import { digest } from "./natural-ids.js";
import { planCases, planPayments } from "./plan-cases.js";
import { planContacts } from "./plan-contacts.js";
import type {
  CasePlan,
  ImportPlan,
  ImportStore,
  PlanContext,
  RowDraft,
  Slot,
} from "./plan-context.js";
import { requestOf, rowReportOf } from "./plan-context.js";
import { planMassAction } from "./plan-mass-action.js";

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
  /** Cases appended at once while writing. Default 4. */
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
}

/**
 * Plans (and unless `dryRun` applies) an import of rows read by a profile. The rows are read once,
 * in full, before anything is written: every row is checked by the reader, every case is planned
 * against what the store holds and its events are checked as the store will check them (the
 * request and the whole case), and only then, when the profile's `onRowError` lets the batch go
 * on, are the debtors put and each case appended in one append under an idempotency key. This is
 * what {@link dryRunImport} and {@link applyImport} run on the rows of a file; a host with rows of
 * its own can call it directly.
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
  const slots: Slot[] = [];
  const cut = new Set<number>();
  const hash = createHash("sha256");
  const keyOf = groupKeyOf(profile);
  for await (const row of rows) {
    hash.update(`${JSON.stringify(row.raw)}\n`, "utf8");
    if (row.issues.some((issue) => CUT_CODES.has(issue.code))) cut.add(row.row);
    const key = row.record === null ? keyOf(row) : undefined;
    slots.push({
      row: row.row,
      record: row.record,
      issues: row.issues,
      ...(key === undefined ? {} : { key }),
    });
  }
  const contentHash = `sha256:${hash.digest("hex")}`;
  const context = await contextOf(options, profile);
  const plan = await planOf(context, slots);
  const decided = decide(context, plan, slots.length, cut);
  // The same file, instant and outcome give the same batch (a retry replays it); a re-import of
  // the same file at the same instant has other outcomes (duplicates) and is a batch of its own.
  const batchId =
    options.batchId ??
    `import:${digest(
      context.client.id,
      profile.id,
      contentHash,
      options.importedAt,
      canonicalJson(decided.rows.map((row) => [row.row, row.outcome, row.caseId])),
    ).slice(0, 40)}`;
  const base = {
    batchId,
    clientId: context.client.id,
    profileId: profile.id,
    kind: profile.kind,
    source: options.sourceName ?? "import",
    contentHash,
    importedAt: options.importedAt,
    stopped: decided.stopped,
    rows: decided.rows,
    cases: decided.cases,
    totals: decided.totals,
    ownerSummaries: decided.stopped ? [] : plan.ownerSummaries,
  };
  if (mode.dryRun) return { ...base, dryRun: true, applied: null };
  return { ...base, dryRun: false, applied: await write(context, options, plan, decided, base) };
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

function planOf(context: PlanContext, slots: Slot[]): Promise<ImportPlan> {
  const of = <R extends ImportRecord>() => slots as Slot<R>[];
  switch (context.profile.kind) {
    case "cases":
      return planCases(context, of<CaseRowRecord>());
    case "payments":
      return planPayments(context, of<PaymentRowRecord>());
    case "contacts":
      return planContacts(context, of<ContactRowRecord>());
    case "mass-action":
      return planMassAction(context, of<MassActionRowRecord>());
  }
}

interface Decided {
  readonly stopped: boolean;
  readonly write: CasePlan[];
  readonly rows: RowReport[];
  readonly cases: CaseReport[];
  readonly totals: ImportTotals;
  readonly keys: Map<string, string>;
}

/**
 * Checks every planned case as the store will, then applies the profile's `onRowError`: a case
 * with an error is skipped whole (`skip-case`), or the whole batch stops (`stop-batch`). A row
 * whose text was cut (`cut`) stops the batch in any case.
 */
function decide(
  context: PlanContext,
  plan: ImportPlan,
  rowCount: number,
  cut: ReadonlySet<number>,
): Decided {
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
  const cutStop = cut.size > 0;
  const stopped =
    cutStop ||
    (context.profile.onRowError === "stop-batch" &&
      (plan.loose.some((row) => row.outcome === "error") || plan.cases.some(failed)));
  if (cutStop) {
    for (const row of [...plan.loose, ...plan.cases.flatMap((c) => c.rows)]) {
      if (!cut.has(row.row)) continue;
      row.messages.push(
        say(
          "Deze rij werd afgebroken: welke rijen ze verbergt en bij welk dossier ze hoort is onbekend, dus wordt niets van het bestand ingelezen.",
          "Cette ligne a été coupée : on ne sait ni quelles lignes elle cache ni à quel dossier elle appartient, donc rien du fichier n'est importé.",
          "This row was cut: which rows it hides and which case it belongs to are unknown, so nothing of the file is imported.",
        ),
      );
    }
  }
  const skip = (row: RowDraft) => {
    if (row.outcome !== "error") row.outcome = "skipped";
    row.newCase = false;
    row.newDebtor = false;
  };
  const cases: CaseReport[] = [];
  const write: CasePlan[] = [];
  for (const casePlan of plan.cases) {
    if (stopped || failed(casePlan)) {
      for (const row of casePlan.rows) skip(row);
      cases.push(skippedReport(casePlan, stopped, cutStop));
      continue;
    }
    cases.push({
      ...casePlan.report,
      rows: [...new Set(casePlan.rows.map((row) => row.row))],
      events: casePlan.events.length,
    });
    if (casePlan.events.length > 0) write.push(casePlan);
  }
  if (stopped) for (const row of plan.loose) skip(row);
  const drafts = new Set<RowDraft>([...plan.loose, ...plan.cases.flatMap((c) => c.rows)]);
  const rows = [...drafts].sort((a, b) => a.row - b.row).map(rowReportOf);
  const newDebtors = new Set(cases.flatMap((c) => c.newDebtors));
  const sum = (pick: (c: CaseReport) => number) => cases.reduce((s, c) => s + pick(c), 0);
  const count = (outcome: RowReport["outcome"]) => rows.filter((r) => r.outcome === outcome).length;
  const totals: ImportTotals = {
    rows: rowCount,
    errors: count("error"),
    skipped: count("skipped"),
    duplicates: count("duplicate"),
    newCases: cases.filter((c) => c.outcome === "new-case").length,
    updatedCases: cases.filter((c) => c.outcome === "updated").length,
    unchangedCases: cases.filter((c) => c.outcome === "unchanged").length,
    newDebtors: newDebtors.size,
    claimsAdded: sum((c) => c.claimsAdded),
    claimsCorrected: sum((c) => c.claimsCorrected),
    payments: sum((c) => c.payments),
    contactsAdded: sum((c) => c.contactsAdded),
    contactsRetired: sum((c) => c.contactsRetired),
    actionsOrdered: sum((c) => c.actionsOrdered),
    actionsNotExecuted: sum((c) => c.actionsNotExecuted),
  };
  return { stopped, write, rows, cases, totals, keys };
}

function skippedReport(casePlan: CasePlan, stopped: boolean, cut: boolean): CaseReport {
  const messages = [...casePlan.report.messages];
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
    caseId: casePlan.caseId,
    caseNumber: casePlan.caseNumber,
    owner: casePlan.owner,
    outcome: "skipped",
    rows: [...new Set(casePlan.rows.map((row) => row.row))],
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

/**
 * Writes what was decided: the new debtors, then each case in one append (a few at once), then
 * the debtors whose contacts changed, the batch with every row's outcome, and the owners' alerts.
 * A stopped batch writes nothing at all.
 */
async function write(
  context: PlanContext,
  options: ImportRowsOptions,
  plan: ImportPlan,
  decided: Decided,
  report: Omit<ImportReport, "dryRun" | "applied">,
): Promise<NonNullable<ImportReport["applied"]>> {
  const applied = {
    appended: 0,
    replayed: 0,
    debtorsPut: 0,
    alertsEnqueued: 0,
    batchSaved: false,
  };
  if (decided.stopped) return applied;
  const { store, scope } = context;
  const asOf = context.today.toString();
  const needed = new Set(decided.cases.flatMap((c) => c.newDebtors));
  for (const debtor of plan.debtors) {
    if (!needed.has(debtor.id)) continue;
    await store.putDebtor(scope, debtor);
    applied.debtorsPut += 1;
  }
  let next = 0;
  let done = 0;
  const total = decided.write.length;
  const worker = async () => {
    while (next < total) {
      const casePlan = decided.write[next++] as CasePlan;
      const result = await store.append(
        scope,
        requestOf(casePlan, asOf, decided.keys.get(casePlan.caseId) as string),
      );
      if (result.replayed) applied.replayed += 1;
      else applied.appended += 1;
      done += 1;
      options.onWrite?.({ done, total });
    }
  };
  const concurrency = Math.max(1, Math.min(options.concurrency ?? 4, 32));
  await Promise.all(Array.from({ length: concurrency }, worker));
  for (const debtor of plan.debtorUpdates) {
    await store.putDebtor(scope, debtor);
    applied.debtorsPut += 1;
  }
  await store.saveImportBatch(scope, {
    id: report.batchId,
    clientId: report.clientId,
    source: report.source,
    contentHash: report.contentHash,
    importedAt: report.importedAt,
    rows: report.rows.map((row) => ({
      row: row.row,
      outcome: STORED_OUTCOME[row.outcome],
      ...(row.caseId === null ? {} : { caseId: row.caseId }),
      errors: row.messages.slice(0, 100).map((message) => ({
        field: "",
        message: message.en.slice(0, 10_000),
      })),
    })),
  });
  applied.batchSaved = true;
  const alerts = options.alerts;
  if (store.enqueueOutbox !== undefined && alerts !== undefined && plan.massActions !== undefined) {
    const composed = ownerAlerts({
      date: context.today,
      undelivered: [],
      massActions: plan.massActions,
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
