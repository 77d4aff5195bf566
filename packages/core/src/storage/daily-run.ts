import type { Temporal } from "temporal-polyfill";
import { parseIsoDate } from "../dates/parse-iso-date.js";
import { fromZodError } from "../errors/from-zod-error.js";
import type { RateTable } from "../rates/rate-table.js";
import type { AgendaEntry } from "../scenarios/agenda.js";
import { agendaEntries } from "../scenarios/agenda.js";
import type {
  AgendaRecord,
  CaseStore,
  DailyRunPage,
  ShardCase,
  ShardRequest,
  StoreScope,
} from "./case-store.js";
import type { ProjectionContext } from "./project-case.js";
import { projectCase } from "./project-case.js";
import { shardRequestSchema } from "./store-schemas.js";

/**
 * The id of a stored agenda entry: run date, case, and the scenario step or extra action. The same
 * entry on the same run date always has the same id, which makes the daily run idempotent.
 *
 * @example
 * ```ts
 * import { agendaEntryId } from "@incasso/core";
 * agendaEntryId("2026-01-31", "C1", { step: 2, actionId: null }); // "2026-01-31/C1/step-2"
 * ```
 */
export function agendaEntryId(
  runDate: string,
  caseId: string,
  entry: Pick<AgendaEntry, "step" | "actionId">,
): string {
  return `${runDate}/${caseId}/${entry.step === null ? `action-${entry.actionId}` : `step-${entry.step}`}`;
}

/**
 * Computes a page of the daily run without I/O: for each case of the page, its row as of the run
 * date and its agenda entries due by then, as open stored entries.
 *
 * @param contextOf - the projection context of a client (its terms and scenarios)
 * @example
 * ```ts
 * import { computeDailyRunPage, parseIsoDate, type ShardCase } from "@incasso/core";
 * declare const cases: ShardCase[];
 * computeDailyRunPage(cases, parseIsoDate("2026-01-31"), () => ({ terms: null, scenarios: [] })).entries.length;
 * ```
 */
export function computeDailyRunPage(
  cases: readonly ShardCase[],
  runDate: Temporal.PlainDate,
  contextOf: (clientId: string) => ProjectionContext,
): DailyRunPage {
  const run = runDate.toString();
  const rows: DailyRunPage["rows"][number][] = [];
  const entries: AgendaRecord[] = [];
  for (const shardCase of cases) {
    const context = contextOf(shardCase.clientId);
    const { row, prepared } = projectCase(shardCase.caseId, shardCase.events, runDate, context);
    rows.push(row);
    if (prepared === null) continue;
    for (const entry of agendaEntries(prepared, context.scenarios, runDate)) {
      entries.push({
        id: agendaEntryId(run, shardCase.caseId, entry),
        runDate: run,
        caseId: shardCase.caseId,
        clientId: shardCase.clientId,
        owner: entry.owner,
        collectionGroup: entry.collectionGroup,
        scenarioId: entry.scenarioId,
        step: entry.step,
        actionId: entry.actionId,
        activity: entry.activity,
        dueDate: entry.dueDate.toString(),
        approval: entry.approval,
        balance: entry.amounts.balance.toFixed(2),
        status: "open",
        disposition: null,
      });
    }
  }
  return { runDate: run, rows, entries };
}

/**
 * What a shard of the daily run did: pages, cases read, entries stored, and rows skipped because
 * their case moved on while the page was computed (an append refreshed them meanwhile).
 *
 * @example
 * ```ts
 * import type { DailyRunReport } from "@incasso/core";
 * const line = (report: DailyRunReport) => `${report.cases} cases, ${report.entries} entries`;
 * ```
 */
export interface DailyRunReport {
  readonly pages: number;
  readonly cases: number;
  readonly entries: number;
  readonly skipped: number;
}

/**
 * Runs the daily run over one shard of a tenant's cases (a case-id range) on any
 * {@link CaseStore}: reads the shard a page at a time, recomputes every case's row as of the run
 * date with its client's terms and scenarios, and stores the rows and the agenda entries. Running
 * it again for the same date changes nothing (entry ids are fixed, disposed entries are kept), so a
 * job queue may retry a shard freely and spread shards over any number of workers.
 *
 * @example
 * ```ts
 * import { runDailyShard, type CaseStore } from "@incasso/core";
 * declare const store: CaseStore;
 * const report = await runDailyShard(store, { tenantId: "firm-1" }, { runDate: "2026-01-31", caseIdFrom: "C0", caseIdTo: "C5" });
 * ```
 */
export async function runDailyShard(
  store: CaseStore,
  scope: StoreScope,
  request: ShardRequest,
  options: { readonly rateTables?: ReadonlyMap<string, RateTable> } = {},
): Promise<DailyRunReport> {
  const parsed = shardRequestSchema.safeParse(request);
  if (!parsed.success) throw fromZodError(parsed.error, "shard");
  const runDate = parseIsoDate(parsed.data.runDate);
  const contexts = new Map<string, ProjectionContext>();
  let after: string | null = null;
  let pages = 0;
  let cases = 0;
  let entries = 0;
  let skipped = 0;
  for (;;) {
    const page = await store.readShard(scope, parsed.data, after);
    if (page.length === 0) break;
    for (const clientId of new Set(page.map((shardCase) => shardCase.clientId))) {
      if (contexts.has(clientId)) continue;
      const [terms, scenarios] = await Promise.all([
        store.getTerms(scope, clientId),
        store.listScenarios(scope, clientId),
      ]);
      contexts.set(clientId, {
        terms,
        scenarios,
        ...(options.rateTables === undefined ? {} : { rateTables: options.rateTables }),
      });
    }
    const computed = computeDailyRunPage(page, runDate, (clientId) => {
      const context = contexts.get(clientId);
      return context ?? { terms: null, scenarios: [] };
    });
    const saved = await store.saveDailyRun(scope, computed);
    pages++;
    cases += page.length;
    entries += computed.entries.length;
    skipped += saved.skipped;
    after = page.at(-1)?.caseId ?? null;
    if (page.length < parsed.data.batchSize) break;
  }
  return { pages, cases, entries, skipped };
}
