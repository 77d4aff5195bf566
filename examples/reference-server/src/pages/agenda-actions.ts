// The agenda's work, shared by its page and its REST routes: today's stored entries with the
// core's figures, filters and sorts; the bulk approval (letters rendered through the document
// port, e-mails and SMS written to the outbox in the append of the approval's events); the
// dispositions; and mass actions from a client's file with the result file kept for download.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type {
  Activity,
  AgendaEntry,
  AgendaQuery,
  AgendaRecord,
  CaseEventJson,
  OutboxMessageInput,
  StoreScope,
} from "@incasso/core";
import {
  activitySchema,
  agendaEntries,
  approvalAppends,
  approveEntries,
  IncassoError,
  Temporal,
} from "@incasso/core";
import { agendaEntryId, computeDailyRunPage, projectCase } from "@incasso/core/adapter-kit";
import { renderLetterCommand } from "@incasso/documents";
import type { ImportReport } from "@incasso/import-csv";
import { applyImport, resultFileCsv, resultFileJson } from "@incasso/import-csv";
import { Decimal } from "decimal.js";
import { z } from "zod";
import type { Language, ServerServices } from "../context.js";
import type { LoadedCase } from "./case-data.js";
import { creditorOf, errorFields, loadCase, starterOf } from "./case-data.js";

/** The activity kinds an agenda can be filtered by: those of the core's activity schema. */
export const ACTIVITY_KINDS: readonly Activity["kind"][] = activitySchema.shape.kind.options;

/** The agenda's sorts: the core's (`sortAgenda`). */
export const AGENDA_SORTS = ["due-date", "owner", "amount", "last-contact"] as const;

/**
 * Zod schema of the agenda's filters and sort (query string of the page and of `GET /api/agenda`).
 *
 * @example
 * ```ts
 * agendaFilterSchema.parse({ owner: "an.peeters", sort: "amount" });
 * ```
 */
export const agendaFilterSchema = z.object({
  client: z.string().min(1).max(120).optional(),
  owner: z.string().min(1).max(200).optional(),
  kind: activitySchema.shape.kind.optional(),
  group: z.string().min(1).max(200).optional(),
  status: z.enum(["open", "done", "rescheduled", "cancelled", "all"]).default("open"),
  sort: z.enum(AGENDA_SORTS).default("due-date"),
  page: z.coerce.number().int().min(1).max(1000).default(1),
});

/** The agenda's filters as parsed. */
export type AgendaFilter = z.output<typeof agendaFilterSchema>;

/** One line of the agenda: the stored entry, its case number and the core's figures when open. */
export interface AgendaLine {
  readonly record: AgendaRecord;
  readonly caseNumber: string;
  /** The entry as the core computes it today (amounts, days overdue); null once disposed. */
  readonly entry: AgendaEntry | null;
}

/** What the agenda's sorts read of an entry (an `AgendaEntry` of the core has it). */
export interface AgendaSortKey {
  readonly dueDate: Temporal.PlainDate;
  readonly caseNumber: string;
  readonly owner: string;
  readonly amounts: { readonly balance: Decimal };
  readonly lastContact: string | null;
}

/** The lines of one page of the agenda. */
export const AGENDA_PAGE = 100;

const collator = new Intl.Collator("en");
const compareText = (a: string, b: string) =>
  collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sorts agenda entries in the core's orders (docs/daily-agenda.md: `due-date`, `owner`, `amount`
 * highest first, `last-contact`; ties by due date, then case number; text by English collation,
 * then code points). The core's own `sortAgenda` is not among its public exports; this is its rule.
 *
 * @example
 * ```ts
 * sortEntries(entries, "amount");
 * ```
 */
export function sortEntries<T extends AgendaSortKey>(
  entries: T[],
  sort: NonNullable<AgendaQuery["sort"]>,
): T[] {
  const byDue = (a: T, b: T) =>
    Temporal.PlainDate.compare(a.dueDate, b.dueDate) || compareText(a.caseNumber, b.caseNumber);
  const compare: Record<typeof sort, (a: T, b: T) => number> = {
    "due-date": byDue,
    owner: (a, b) => compareText(a.owner, b.owner) || byDue(a, b),
    amount: (a, b) => b.amounts.balance.comparedTo(a.amounts.balance) || byDue(a, b),
    "last-contact": (a, b) => compareText(a.lastContact ?? "", b.lastContact ?? "") || byDue(a, b),
  };
  return entries.sort(compare[sort]);
}

/** The most entries one agenda shows (the stored run is read a page at a time up to this). */
export const AGENDA_CAP = 2000;

/** How many cases the agenda reads (rows, events) at once. */
const ROW_BATCH = 16;

interface CaseContextCache {
  readonly contexts: Map<
    string,
    { terms: LoadedCase["terms"]; scenarios: LoadedCase["scenarios"] }
  >;
}

async function contextOf(
  services: ServerServices,
  scope: StoreScope,
  cache: CaseContextCache,
  clientId: string,
) {
  const known = cache.contexts.get(clientId);
  if (known !== undefined) return known;
  const [terms, scenarios] = await Promise.all([
    services.store.getTerms(scope, clientId),
    services.store.listScenarios(scope, clientId),
  ]);
  const context = { terms, scenarios };
  cache.contexts.set(clientId, context);
  return context;
}

/** The core's entries of a case today, by the stored entry id they have. */
async function entriesOfCase(
  services: ServerServices,
  scope: StoreScope,
  cache: CaseContextCache,
  caseId: string,
  clientId: string,
  runDate: string,
): Promise<{ caseNumber: string; entries: Map<string, AgendaEntry> }> {
  const context = await contextOf(services, scope, cache, clientId);
  const events = (await services.store.readEvents(scope, caseId)).map((item) => item.event);
  const today = services.today();
  const { row, prepared } = projectCase(caseId, events, today, context);
  const entries = new Map<string, AgendaEntry>();
  if (prepared !== null)
    for (const entry of agendaEntries(prepared, context.scenarios, today))
      entries.set(agendaEntryId(runDate, caseId, entry), entry);
  return { caseNumber: row.caseNumber, entries };
}

/**
 * Today's agenda from the stored daily run: the entries of the run date in the scope, filtered by
 * client and owner in the store, by activity kind and collection group here, sorted in the core's
 * orders (disposed entries after, in the store's order), a page of {@link AGENDA_PAGE} lines at a
 * time; each open line of the page with the core's figures of today (amounts, days overdue).
 *
 * @example
 * ```ts
 * const lines = await loadAgenda(services, scope, agendaFilterSchema.parse({ sort: "amount" }));
 * ```
 */
export async function loadAgenda(
  services: ServerServices,
  scope: StoreScope,
  filter: AgendaFilter,
): Promise<{
  readonly runDate: string;
  readonly lines: AgendaLine[];
  readonly capped: boolean;
  readonly total: number;
  readonly page: number;
  readonly pages: number;
}> {
  const runDate = services.today().toString();
  const records: AgendaRecord[] = [];
  let after: string | undefined;
  let capped = false;
  for (;;) {
    const page = await services.store.listAgenda(scope, {
      runDate,
      ...(filter.client === undefined ? {} : { clientId: filter.client }),
      ...(filter.owner === undefined ? {} : { owner: filter.owner }),
      ...(filter.status === "all" ? {} : { status: filter.status }),
      limit: 500,
      ...(after === undefined ? {} : { after }),
    });
    for (const item of page.items)
      if (
        (filter.kind === undefined || item.activity.kind === filter.kind) &&
        (filter.group === undefined || item.collectionGroup === filter.group)
      )
        records.push(item);
    if (page.nextCursor === null) break;
    if (records.length >= AGENDA_CAP) {
      capped = true;
      break;
    }
    after = page.nextCursor;
  }
  // Sort on what the stored entries and case rows hold (the case number, the last contact), then
  // compute the core's figures for the lines of the page shown only.
  // The rows are read a batch at a time, concurrently: on a server's pool each read takes a
  // connection of its own, instead of one round trip after the other for hundreds of entries.
  const rows = new Map<string, { caseNumber: string; lastContact: string | null }>();
  const caseIds = [...new Set(records.map((record) => record.caseId))];
  for (let start = 0; start < caseIds.length; start += ROW_BATCH) {
    const batch = caseIds.slice(start, start + ROW_BATCH);
    const found = await Promise.all(batch.map((caseId) => services.store.getCase(scope, caseId)));
    batch.forEach((caseId, index) => {
      const row = found[index] ?? null;
      rows.set(caseId, {
        caseNumber: row?.caseNumber ?? caseId,
        lastContact: row?.lastContact ?? null,
      });
    });
  }
  const keyed = records.map((record) => ({
    record,
    dueDate: Temporal.PlainDate.from(record.dueDate),
    caseNumber: rows.get(record.caseId)?.caseNumber ?? record.caseId,
    owner: record.owner,
    amounts: { balance: new Decimal(record.balance) },
    lastContact: rows.get(record.caseId)?.lastContact ?? null,
  }));
  const open = sortEntries(
    keyed.filter((item) => item.record.status === "open"),
    filter.sort,
  );
  const ordered = [...open, ...keyed.filter((item) => item.record.status !== "open")];
  const pages = Math.max(1, Math.ceil(ordered.length / AGENDA_PAGE));
  const page = Math.min(filter.page, pages);
  const shown = ordered.slice((page - 1) * AGENDA_PAGE, page * AGENDA_PAGE);
  const cache: CaseContextCache = { contexts: new Map() };
  const byCase = new Map<string, Map<string, AgendaEntry>>();
  const openCases = new Map<string, string>();
  for (const item of shown)
    if (item.record.status === "open") openCases.set(item.record.caseId, item.record.clientId);
  for (const client of new Set(openCases.values())) await contextOf(services, scope, cache, client);
  const toCompute = [...openCases];
  for (let start = 0; start < toCompute.length; start += ROW_BATCH) {
    const batch = toCompute.slice(start, start + ROW_BATCH);
    const computed = await Promise.all(
      batch.map(([caseId, clientId]) =>
        entriesOfCase(services, scope, cache, caseId, clientId, runDate),
      ),
    );
    batch.forEach(([caseId], index) => {
      const found = computed[index];
      if (found !== undefined) byCase.set(caseId, found.entries);
    });
  }
  return {
    runDate,
    lines: shown.map((item) => ({
      record: item.record,
      caseNumber: item.caseNumber,
      entry:
        item.record.status === "open"
          ? (byCase.get(item.record.caseId)?.get(item.record.id) ?? null)
          : null,
    })),
    capped,
    total: ordered.length,
    page,
    pages,
  };
}

/** What became of one entry of a bulk approval. */
export interface ApprovalOutcome {
  readonly entryId: string;
  readonly caseId: string | null;
  readonly status: "approved" | "skipped" | "failed";
  /** Outbox keys written for the entry's case (e-mails, SMS, letters by e-mail). */
  readonly queued: readonly string[];
  /** Letters rendered now (letters by post): the event ids recording them. */
  readonly letters: readonly string[];
  readonly reason: string | null;
}

/** A parsed agenda entry id: `<runDate>/<caseId>/step-N` or `.../action-ID`. */
function caseIdOfEntry(entryId: string): string | null {
  const match = /^\d{4}-\d{2}-\d{2}\/(.+)\/(?:step-\d+|action-.+)$/.exec(entryId);
  return match?.[1] ?? null;
}

/**
 * Approves agenda entries of today in bulk. Per case, in one append: the core's `approveEntries`
 * events (`action.done`, the activity's cost), the letters by post rendered now through the
 * document port (their `reminder.sent`/`notice.sent`/... events carry the document's SHA-256), and
 * the outbox messages of the core's `approvalAppends` (e-mails, SMS, letters by e-mail, keyed
 * `act:<case>:<activity>:<date>:<kind>`). The case's entries of today are then recomputed and
 * stored, so an approved entry leaves the open agenda. Approving again queues nothing: the entry is
 * no longer open, and the outbox refuses a key twice.
 *
 * @example
 * ```ts
 * const outcomes = await approveAgendaEntries(services, scope, "clerk-1", ["2026-03-02/C1/step-1"]);
 * ```
 */
export async function approveAgendaEntries(
  services: ServerServices,
  scope: StoreScope,
  by: string,
  entryIds: readonly string[],
): Promise<ApprovalOutcome[]> {
  const runDate = services.today().toString();
  const recordedAt = services.now().toString();
  const outcomes: ApprovalOutcome[] = [];
  const byCase = new Map<string, string[]>();
  for (const entryId of new Set(entryIds)) {
    const caseId = caseIdOfEntry(entryId);
    if (caseId === null || !entryId.startsWith(`${runDate}/`)) {
      outcomes.push(skipped(entryId, null, "not an entry of today's agenda"));
      continue;
    }
    byCase.set(caseId, [...(byCase.get(caseId) ?? []), entryId]);
  }
  for (const [caseId, ids] of byCase) {
    const loaded = await loadCase(services, scope, caseId);
    if (loaded === null) {
      for (const id of ids) outcomes.push(skipped(id, null, "no such entry"));
      continue;
    }
    const stored = new Map(
      (
        await services.store.listAgenda(scope, {
          runDate,
          clientId: loaded.row.clientId,
          limit: 1000,
        })
      ).items
        .filter((record) => record.caseId === caseId)
        .map((record) => [record.id, record]),
    );
    const { prepared } = projectCase(caseId, loaded.events, services.today(), loaded);
    const computed = new Map<string, AgendaEntry>();
    if (prepared !== null)
      for (const entry of agendaEntries(prepared, loaded.scenarios, services.today()))
        computed.set(agendaEntryId(runDate, caseId, entry), entry);
    const chosen: AgendaEntry[] = [];
    const chosenIds: string[] = [];
    for (const id of ids) {
      const record = stored.get(id);
      const entry = computed.get(id);
      if (record === undefined) outcomes.push(skipped(id, caseId, "no such entry"));
      else if (record.status !== "open")
        outcomes.push(skipped(id, caseId, `the entry is already ${record.status}`));
      else if (entry === undefined)
        outcomes.push(skipped(id, caseId, "the case no longer has this action due"));
      else {
        chosen.push(entry);
        chosenIds.push(id);
      }
    }
    if (chosen.length === 0) continue;
    try {
      const result = await approveCase(services, scope, loaded, chosen, {
        by,
        recordedAt,
        at: runDate,
      });
      for (const id of chosenIds)
        outcomes.push({
          entryId: id,
          caseId,
          status: "approved",
          queued: result.queued,
          letters: result.letters,
          reason: null,
        });
    } catch (error) {
      if (!(error instanceof IncassoError)) throw error;
      const reason = errorFields(error)
        .map((field) => `${field.path}: ${field.message}`)
        .join("; ");
      for (const id of chosenIds)
        outcomes.push({
          entryId: id,
          caseId,
          status: "failed",
          queued: [],
          letters: [],
          reason: `${error.code}: ${reason}`,
        });
    }
  }
  return outcomes;
}

function skipped(entryId: string, caseId: string | null, reason: string): ApprovalOutcome {
  return { entryId, caseId, status: "skipped", queued: [], letters: [], reason };
}

async function approveCase(
  services: ServerServices,
  scope: StoreScope,
  loaded: LoadedCase,
  entries: readonly AgendaEntry[],
  meta: { readonly by: string; readonly recordedAt: string; readonly at: string },
): Promise<{ queued: string[]; letters: string[] }> {
  const caseId = loaded.row.caseId;
  const approval = approveEntries(entries, meta);
  const { appends } = approvalAppends(approval, [{ caseId, events: loaded.events }], {
    date: meta.at,
  });
  const events: CaseEventJson[] = appends.flatMap((append) => [...append.events]);
  const outbox: OutboxMessageInput[] = appends.flatMap((append) => [...append.outbox]);
  const letters: string[] = [];
  const creditor = await creditorOf(services, scope, loaded.row.clientId);
  const kindOf = new Map(entries.map((entry) => [entry.activity.code, entry.activity.kind]));
  for (const command of approval.commands) {
    if (command.kind !== "render-letter" || command.channel === "email") continue;
    const starter = starterOf(
      command.template,
      kindOf.get(command.activity) ?? "letter",
      loaded.events.find((event) => event.type === "case.opened")?.rulePack ?? "",
    );
    const produced = await renderLetterCommand(
      { ...command, template: starter },
      {
        renderer: services.renderer,
        events: [...loaded.events, ...events],
        format: "pdf",
        options: loaded.options,
        by: meta.by,
        recordedAt: meta.recordedAt,
        date: meta.at,
        creditor,
      },
    );
    events.push(...produced.events);
    letters.push(...produced.events.map((event) => event.id));
  }
  await services.store.append(scope, {
    caseId,
    expectedVersion: loaded.version,
    events,
    outbox,
    asOf: meta.at,
  });
  await refreshCaseAgenda(services, scope, caseId);
  return { queued: outbox.map((message) => message.key), letters };
}

/**
 * Recomputes a case's row and agenda entries of today from its events and stores them (the daily
 * run for one case): what an approval or a new event changed shows on the agenda at once.
 *
 * @example
 * ```ts
 * await refreshCaseAgenda(services, { tenantId: "firm-1" }, "C1");
 * ```
 */
export async function refreshCaseAgenda(
  services: ServerServices,
  scope: StoreScope,
  caseId: string,
): Promise<void> {
  const loaded = await loadCase(services, scope, caseId);
  if (loaded === null) return;
  const page = computeDailyRunPage(
    [
      {
        caseId,
        clientId: loaded.row.clientId,
        version: loaded.version,
        events: loaded.events,
      },
    ],
    services.today(),
    () => ({ terms: loaded.terms, scenarios: loaded.scenarios }),
  );
  await services.store.saveDailyRun(scope, page);
}

/**
 * Zod schema of a disposition of an agenda entry, as a form or the API sends it.
 *
 * @example
 * ```ts
 * dispositionSchema.parse({ entryId: "2026-03-02/C1/step-1", kind: "rescheduled", to: "2026-03-09" });
 * ```
 */
export const dispositionSchema = z.discriminatedUnion("kind", [
  z.strictObject({
    entryId: z.string().min(1).max(500),
    kind: z.literal("done"),
    result: z.string().trim().min(1, "expected what was done").max(2000),
  }),
  z.strictObject({
    entryId: z.string().min(1).max(500),
    kind: z.literal("rescheduled"),
    to: z.iso.date("expected a date written YYYY-MM-DD"),
  }),
  z.strictObject({
    entryId: z.string().min(1).max(500),
    kind: z.literal("cancelled"),
    reason: z.string().trim().min(1, "expected a reason").max(2000),
  }),
]);

/** A disposition as parsed. */
export type DispositionInput = z.output<typeof dispositionSchema>;

/**
 * Disposes of an open agenda entry through the store (`disposeAgendaEntry`): done, rescheduled (the
 * daily run of the new date lists it again; this entry is kept as "continued") or cancelled.
 *
 * @example
 * ```ts
 * await disposeEntryNow(services, scope, "clerk-1", { entryId, kind: "done", result: "called" });
 * ```
 */
export async function disposeEntryNow(
  services: ServerServices,
  scope: StoreScope,
  by: string,
  input: DispositionInput,
): Promise<{ readonly entry: AgendaRecord; readonly version: number }> {
  const today = services.today().toString();
  if (input.kind === "rescheduled" && input.to <= today)
    throw new IncassoError("INVALID_INPUT", "to: expected a day after today", [
      { path: "to", message: `expected a day after ${today}` },
    ]);
  const disposition =
    input.kind === "done"
      ? { kind: "done" as const, result: input.result }
      : input.kind === "rescheduled"
        ? { kind: "rescheduled" as const, to: input.to }
        : { kind: "cancelled" as const, reason: input.reason };
  const result = await services.store.disposeAgendaEntry(scope, {
    entryId: input.entryId,
    disposition,
    event: {
      id: `dispose-${crypto.randomUUID()}`,
      at: today,
      recordedAt: services.now().toString(),
      by,
    },
    asOf: today,
  });
  return { entry: result.entry, version: result.append.version };
}

/**
 * The import profile of a mass-action file for a client: columns `caseNumber` (or `dossier`),
 * `activity` (`actie`, `action`), optional `dueDate` (`datum`, `date`) and `note`
 * (`opmerking`, `remarque`); any delimiter and encoding; dates `dd/mm/yyyy` or `yyyy-mm-dd`.
 *
 * @example
 * ```ts
 * const profile = massActionProfile("acme");
 * ```
 */
export function massActionProfile(clientId: string): Record<string, unknown> {
  return {
    version: 1,
    id: "agenda-mass-action",
    clientId,
    kind: "mass-action",
    decimalSeparator: ",",
    dateFormats: ["dd/mm/yyyy", "yyyy-mm-dd"],
    columns: {
      caseNumber: { name: "caseNumber", aliases: ["dossier", "case", "dossiernummer"] },
      activity: { name: "activity", aliases: ["actie", "action"] },
      dueDate: { name: "dueDate", aliases: ["datum", "date"] },
      note: { name: "note", aliases: ["opmerking", "remarque"] },
    },
  };
}

const resultDir = (services: ServerServices, tenantId: string) =>
  join(services.dataDir, "mass-actions", encodeURIComponent(tenantId));

/**
 * Applies a mass-action file (the mass-action profile of `@incasso/import-csv`) and keeps its
 * result files (CSV in the user's language and JSON, every cell neutralised as import-csv does)
 * under the data directory for download.
 *
 * @example
 * ```ts
 * const report = await runMassAction(services, scope, { clientId: "acme", bytes, fileName: "acties.csv", by: "clerk-1", language: "nl" });
 * ```
 */
export async function runMassAction(
  services: ServerServices,
  scope: StoreScope & { readonly tenantId: string },
  input: {
    readonly clientId: string;
    readonly bytes: Uint8Array;
    readonly fileName: string;
    readonly by: string;
    readonly language: Language;
  },
): Promise<ImportReport> {
  const report = await applyImport({
    store: services.store,
    scope,
    profile: massActionProfile(input.clientId),
    source: input.bytes,
    sourceName: input.fileName.slice(0, 200) || "mass-action.csv",
    importedAt: services.now().toString(),
    by: input.by,
    timeZone: services.timeZone,
  });
  const dir = resultDir(services, scope.tenantId);
  await mkdir(dir, { recursive: true });
  await writeFile(
    join(dir, `${safeName(report.batchId)}.csv`),
    resultFileCsv(report, input.language),
  );
  await writeFile(join(dir, `${safeName(report.batchId)}.json`), resultFileJson(report));
  const touched = new Set(
    report.rows.flatMap((row) =>
      row.caseId !== null && row.outcome === "ordered" ? [row.caseId] : [],
    ),
  );
  for (const caseId of touched) await refreshCaseAgenda(services, scope, caseId);
  return report;
}

const safeName = (batchId: string) => batchId.replace(/[^A-Za-z0-9._-]/g, "_");

/**
 * A kept result file of a mass action of the tenant, or null.
 *
 * @example
 * ```ts
 * const csv = await massActionResult(services, "firm-1", batchId, "csv");
 * ```
 */
export async function massActionResult(
  services: ServerServices,
  tenantId: string,
  batchId: string,
  format: "csv" | "json",
): Promise<string | null> {
  if (!/^[A-Za-z0-9._:-]{1,200}$/.test(batchId)) return null;
  try {
    return await readFile(
      join(resultDir(services, tenantId), `${safeName(batchId)}.${format}`),
      "utf8",
    );
  } catch {
    return null;
  }
}
