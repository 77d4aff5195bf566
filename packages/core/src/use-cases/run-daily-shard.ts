import { parseIsoDate } from "../dates/parse-iso-date.js";
import { fromZodError } from "../errors/from-zod-error.js";
import type { AgendaStore, ShardCase, ShardRequest } from "../ports/agenda-store.js";
import type { RelationsStore } from "../ports/relations-store.js";
import type { StoreScope } from "../ports/store-scope.js";
import type { RateTable } from "../rates/rate-table.js";
import { computeDailyRunPage } from "../storage/compute-daily-run-page.js";
import type { ProjectionContext } from "../storage/project-case.js";
import { shardRequestSchema } from "../storage/store-schemas.js";

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
 * Runs the daily run over one shard of a tenant's cases (a case-id range) on any store of the
 * agenda port ({@link AgendaStore}, with the client's terms and scenarios of
 * {@link RelationsStore}; any {@link CaseStore}): reads the shard a page at a time, recomputes every case's row as of the run
 * date with its client's terms and scenarios, and stores the rows and the agenda entries. While a
 * page computes, the next one is read and the previous one saved (each in its own call, as one
 * after the other), so the store works while the core computes and at most three pages are held
 * whatever the shard's size; a failure of any call fails the shard once nothing is under way. Running
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
  store: AgendaStore & Pick<RelationsStore, "getTerms" | "listScenarios">,
  scope: StoreScope,
  request: ShardRequest,
  options: { readonly rateTables?: ReadonlyMap<string, RateTable> } = {},
): Promise<DailyRunReport> {
  const parsed = shardRequestSchema.safeParse(request);
  if (!parsed.success) throw fromZodError(parsed.error, "shard");
  const shard = parsed.data;
  const runDate = parseIsoDate(shard.runDate);
  const contexts = new Map<string, ProjectionContext>();
  const report = { pages: 0, cases: 0, entries: 0, skipped: 0 };
  const read = (after: string | null) => settled(store.readShard(scope, shard, after));
  // Three pages at most are under way: the next one being read, this one being computed, and the
  // previous one being saved. Each is its own call (its own transaction), as when they run one
  // after the other; only the waiting overlaps, so the database works while the page computes.
  let next: Settled<readonly ShardCase[]> | null = read(null);
  let saving: Settled<void> | null = null;
  try {
    while (next !== null) {
      const page: readonly ShardCase[] = await next.promise;
      next = page.length < shard.batchSize ? null : read(page.at(-1)?.caseId ?? null);
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
      if (saving !== null) await saving.promise;
      saving = settled(
        store.saveDailyRun(scope, computed).then((saved) => {
          report.skipped += saved.skipped;
        }),
      );
      report.pages++;
      report.cases += page.length;
      report.entries += computed.entries.length;
    }
    if (saving !== null) await saving.promise;
  } finally {
    // A failure leaves nothing running behind the answer.
    await Promise.allSettled([next?.promise, saving?.promise]);
  }
  return report;
}

/** A call under way whose failure is answered where it is awaited, never as unhandled. */
interface Settled<T> {
  readonly promise: Promise<T>;
}

function settled<T>(promise: Promise<T>): Settled<T> {
  promise.catch(() => undefined);
  return { promise };
}
