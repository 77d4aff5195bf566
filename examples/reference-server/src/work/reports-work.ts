// The reports of the work page and the API: every case of the scope with open receivables read
// from the store and prepared as of a date (the core's `prepareCase`, with the server's rate
// tables), then the core's `aging` and `kpis`. A case whose statement cannot be computed is
// listed with its reason, never silently left out.
import type { AgingRow, CaseOnAgenda, CaseRow, StoreScope, Temporal } from "@incasso/core";
import { aging, DEFAULT_AGING_BUCKETS, IncassoError, kpis, prepareCase } from "@incasso/core";
import { neutraliseCell } from "@incasso/import-csv";
import { Decimal } from "decimal.js";
import type { ServerServices } from "../context.js";
import { loadRateTables } from "./rates-file.js";

/**
 * The case statuses whose balances the aging report counts: every one with receivables open.
 *
 * @example
 * ```ts
 * services.store.listCases(scope, { status: [...OPEN_STATUSES] });
 * ```
 */
export const OPEN_STATUSES = [
  "open",
  "disputed",
  "payment-plan",
  "insolvent",
  "with-bailiff",
  "suspended",
] as const;

/**
 * What a report is asked: the grouping, the date claims age from, and the date.
 *
 * @example
 * ```ts
 * const request: AgingRequest = { groupBy: "owner", by: "due-date", asOf: Temporal.PlainDate.from("2026-11-27") };
 * ```
 */
export interface AgingRequest {
  readonly groupBy: "client" | "owner" | "collection-group";
  readonly by: "due-date" | "invoice-date";
  readonly asOf: Temporal.PlainDate;
}

/**
 * The aging report with the KPIs and the cases left out.
 *
 * @example
 * ```ts
 * const total = (report: AgingReport) => report.totals.total.toFixed(2);
 * ```
 */
export interface AgingReport {
  readonly asOf: string;
  readonly groupBy: AgingRequest["groupBy"];
  readonly by: AgingRequest["by"];
  readonly buckets: readonly string[];
  readonly rows: readonly AgingRow[];
  /** The bucket totals over all groups, and their sum. */
  readonly totals: { readonly buckets: Readonly<Record<string, Decimal>>; readonly total: Decimal };
  readonly cases: number;
  readonly kpis: ReturnType<typeof kpis>;
  /** Cases whose statement could not be computed, with the reason. */
  readonly notComputable: readonly { caseNumber: string; caseId: string; reason: string }[];
}

/** How many cases the report reads, with their events, in one page of the store. */
const READ_PAGE = 1000;

async function allCases(services: ServerServices, scope: StoreScope): Promise<CaseRow[]> {
  const rows: CaseRow[] = [];
  let after: string | undefined;
  do {
    const page = await services.store.listCases(scope, {
      status: [...OPEN_STATUSES],
      limit: 1000,
      ...(after === undefined ? {} : { after }),
    });
    rows.push(...page.items);
    after = page.nextCursor ?? undefined;
  } while (after !== undefined);
  return rows;
}

/**
 * Prepares every case with open receivables of the scope as of a date.
 *
 * The open cases are listed from their stored rows; their events are then read with the daily
 * run's shard reads, a page of cases and all their events in one read of the store, in case-id
 * order, and each open case is computed as its page arrives (a case read one at a time took a
 * round trip each: over a minute for 100,000 cases on a server).
 *
 * @example
 * ```ts
 * const { prepared, notComputable } = await prepareOpenCases(services, scope, services.today());
 * ```
 */
export async function prepareOpenCases(
  services: ServerServices,
  scope: StoreScope,
  asOf: Temporal.PlainDate,
): Promise<{
  prepared: CaseOnAgenda[];
  notComputable: { caseNumber: string; caseId: string; reason: string }[];
}> {
  const rateTables = await loadRateTables(services.dataDir);
  const open = new Map((await allCases(services, scope)).map((row) => [row.caseId, row]));
  const computed = new Map<string, CaseOnAgenda | { reason: string }>();
  let after: string | null = null;
  while (computed.size < open.size) {
    const page = await services.store.readShard(
      scope,
      { runDate: asOf.toString(), batchSize: READ_PAGE },
      after,
    );
    for (const shardCase of page) {
      if (!open.has(shardCase.caseId)) continue;
      try {
        computed.set(
          shardCase.caseId,
          prepareCase({ events: shardCase.events, options: { rateTables } }, [], asOf),
        );
      } catch (error) {
        computed.set(shardCase.caseId, {
          reason:
            error instanceof IncassoError || error instanceof Error ? error.message : String(error),
        });
      }
    }
    if (page.length < READ_PAGE) break;
    after = page.at(-1)?.caseId ?? null;
  }
  // The report lists the cases in the order of the case list, as before.
  const prepared: CaseOnAgenda[] = [];
  const notComputable: { caseNumber: string; caseId: string; reason: string }[] = [];
  for (const row of open.values()) {
    const result = computed.get(row.caseId);
    if (result === undefined) continue;
    if ("reason" in result)
      notComputable.push({ caseNumber: row.caseNumber, caseId: row.caseId, reason: result.reason });
    else prepared.push(result);
  }
  return { prepared, notComputable };
}

/**
 * The aging report of the scope: per client, owner or collection group, the open amounts per
 * bucket (current, 1-30, 31-60, 61-90, 91-180, over 180 days), with the totals and the KPIs.
 * The bucket totals equal the sum of the cases' balances (a law of the core's `aging`).
 *
 * A report computes every open case of the scope, which takes seconds for a large firm. So a
 * server computes one report at a time (the next waits for the one before), and a request for
 * a report that is being computed right now (same scope, grouping, age reference and date) gets
 * that computation's result instead of starting another. Nothing is kept once a report is
 * answered: the next request computes the figures of that moment.
 *
 * @example
 * ```ts
 * const report = await agingReport(services, scope, { groupBy: "client", by: "due-date", asOf: services.today() });
 * ```
 */
export function agingReport(
  services: ServerServices,
  scope: StoreScope,
  request: AgingRequest,
): Promise<AgingReport> {
  const key = JSON.stringify([
    scope.tenantId,
    scope.clientId ?? null,
    request.groupBy,
    request.by,
    request.asOf.toString(),
  ]);
  let computing = inFlight.get(services);
  if (computing === undefined) {
    computing = new Map();
    inFlight.set(services, computing);
  }
  const running = computing.get(key);
  if (running !== undefined) return running;
  const previous = lastComputation.get(services) ?? Promise.resolve();
  const report = previous
    .catch(() => undefined)
    .then(() => computeAgingReport(services, scope, request))
    .finally(() => computing.delete(key));
  computing.set(key, report);
  lastComputation.set(services, report);
  return report;
}

/** The reports being computed per server, by scope and request. */
const inFlight = new WeakMap<ServerServices, Map<string, Promise<AgingReport>>>();
/** The last report a server started computing: the next one waits for it. */
const lastComputation = new WeakMap<ServerServices, Promise<unknown>>();

async function computeAgingReport(
  services: ServerServices,
  scope: StoreScope,
  request: AgingRequest,
): Promise<AgingReport> {
  const { prepared, notComputable } = await prepareOpenCases(services, scope, request.asOf);
  const rows = aging(prepared, { groupBy: request.groupBy, by: request.by }).sort((a, b) =>
    a.group < b.group ? -1 : a.group > b.group ? 1 : 0,
  );
  const buckets = DEFAULT_AGING_BUCKETS.map((bucket) => bucket.label);
  const zero = new Decimal(0);
  const bucketTotals = Object.fromEntries(
    buckets.map((label) => [
      label,
      rows.reduce((sum, row) => sum.plus(row.buckets[label] ?? zero), zero),
    ]),
  );
  return {
    asOf: request.asOf.toString(),
    groupBy: request.groupBy,
    by: request.by,
    buckets,
    rows,
    totals: {
      buckets: bucketTotals,
      total: rows.reduce((sum, row) => sum.plus(row.total), zero),
    },
    cases: prepared.length,
    kpis: kpis(prepared),
    notComputable,
  };
}

/**
 * The aging report as JSON: amounts as decimal strings with two decimals.
 *
 * @example
 * ```ts
 * c.json(agingJson(report));
 * ```
 */
export function agingJson(report: AgingReport) {
  const money = (value: Decimal) => value.toFixed(2);
  return {
    asOf: report.asOf,
    groupBy: report.groupBy,
    by: report.by,
    buckets: report.buckets,
    rows: report.rows.map((row) => ({
      group: row.group,
      cases: row.cases,
      buckets: Object.fromEntries(
        report.buckets.map((label) => [label, money(row.buckets[label] ?? new Decimal(0))]),
      ),
      total: money(row.total),
    })),
    totals: {
      buckets: Object.fromEntries(
        report.buckets.map((label) => [
          label,
          money(report.totals.buckets[label] ?? new Decimal(0)),
        ]),
      ),
      total: money(report.totals.total),
    },
    cases: report.cases,
    kpis: report.kpis,
    notComputable: report.notComputable,
  };
}

/**
 * The aging report as CSV (`;`-separated, UTF-8 with a byte-order mark, CRLF, as Belgian and
 * Dutch spreadsheets open it); the group names neutralised against formula injection.
 *
 * @example
 * ```ts
 * c.body(agingCsv(report), 200, { "content-type": "text/csv; charset=utf-8" });
 * ```
 */
export function agingCsv(report: AgingReport): string {
  const quote = (text: string) => (/[;"\r\n']/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  // Only the group (a client's or owner's name) is text from outside; the amounts are the
  // decimals the server computed, written as they are (a credit keeps its minus sign).
  const text = (value: string) => quote(neutraliseCell(value));
  const header = [report.groupBy, "cases", ...report.buckets, "total"].map(text);
  const lines = [
    header,
    ...report.rows.map((row) => [
      text(row.group),
      String(row.cases),
      ...report.buckets.map((label) => (row.buckets[label] ?? new Decimal(0)).toFixed(2)),
      row.total.toFixed(2),
    ]),
    [
      "total",
      String(report.cases),
      ...report.buckets.map((label) => (report.totals.buckets[label] ?? new Decimal(0)).toFixed(2)),
      report.totals.total.toFixed(2),
    ],
  ];
  return `\uFEFF${lines.map((cells) => cells.join(";")).join("\r\n")}\r\n`;
}
