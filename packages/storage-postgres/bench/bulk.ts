// The benchmarks' data: a tenant with a client, its terms and a reminder scenario; cases opened
// through the store from the testkit's sample cases; and a bulk load of many cases copied from
// template cases with COPY. Shared by the benchmark (postgres.bench.ts) and the daily-run script
// (daily-run.ts).
import { deepStrictEqual } from "node:assert/strict";
import type { CaseRow, CaseStore, StoreScope } from "@incasso/core";
import { parseIsoDate } from "@incasso/core";
import { projectCase } from "@incasso/core/adapter-kit";
import { reminderScenario, sampleCase } from "@incasso/testkit";
import type { BenchDatabase } from "./support.js";
import { copyLines, copyText, inParallel, timed } from "./support.js";

export const RUN_DATE = "2026-01-31";
export const TEMPLATES = 200;

export const pad = (n: number, width: number) => String(n).padStart(width, "0");

/** The id of the bulk-loaded case number `i`: `c-0000000`, `c-0000001`, … */
export const bulkCaseId = (i: number) => `c-${pad(i, 7)}`;

/** The client `acme` of a tenant, with terms naming `be-reminders` and that scenario. */
export async function setupTenant(store: CaseStore, tenantId: string): Promise<StoreScope> {
  const scope = { tenantId };
  await store.putClient(scope, { id: "acme", name: "Acme NV" });
  await store.putTerms(scope, "acme", { defaultScenario: "be-reminders" });
  await store.putScenario(scope, "acme", reminderScenario());
  return scope;
}

/** Opens `count` cases `<prefix>-00000…` from the testkit's sample cases, 4 at a time. */
export async function openCases(
  store: CaseStore,
  scope: StoreScope,
  prefix: string,
  count: number,
): Promise<Map<string, number>> {
  const versions = new Map<string, number>();
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${pad(i, 5)}`);
  await inParallel(4, count, async (i) => {
    const caseId = ids[i] ?? "";
    const events = sampleCase(i, { client: "acme" });
    await store.append(scope, { caseId, expectedVersion: 0, events, asOf: RUN_DATE });
    versions.set(caseId, events.length);
  });
  return new Map(ids.map((id) => [id, versions.get(id) ?? 0]));
}

/** An event row as the benchmarks read it back from `events` (dates and body as text). */
export interface EventRow {
  case_id: string;
  version: number;
  type: string;
  at: string;
  recorded_at: string;
  body: string;
}

export const EVENT_COLUMNS = "tenant_id, case_id, version, type, at, recorded_at, body";

/** A template case: its event lines and row line in COPY text, split where the case number goes. */
export interface Template {
  /** The lines of the template's events after the case id; the opening is split at its number. */
  readonly events: readonly (readonly [string, string] | readonly [string])[];
  readonly row: readonly [string, string];
}

/**
 * {@link TEMPLATES} template cases appended through the store (tenant `tpl`), their stored rows
 * checked against the core's `projectCase` of their stored events.
 */
export async function templates(db: BenchDatabase, store: CaseStore): Promise<Template[]> {
  const scope = await setupTenant(store, "tpl");
  await openCases(store, scope, "t", TEMPLATES);
  const context = {
    terms: await store.getTerms(scope, "acme"),
    scenarios: await store.listScenarios(scope, "acme"),
  };
  const asOf = parseIsoDate(RUN_DATE);
  const out: Template[] = [];
  for (let i = 0; i < TEMPLATES; i++) {
    const caseId = `t-${pad(i, 5)}`;
    const stored = await store.readEvents(scope, caseId);
    const { row } = projectCase(
      caseId,
      stored.map((item) => item.event),
      asOf,
      context,
    );
    deepStrictEqual(await store.getCase(scope, caseId), row);
    const { rows } = await db.admin.query<EventRow>(
      `SELECT version, type, at::text AS at, recorded_at::text AS recorded_at, body::text AS body
       FROM events WHERE tenant_id = 'tpl' AND case_id = $1 ORDER BY version`,
      [caseId],
    );
    const number = `"caseNumber": ${JSON.stringify(row.caseNumber)}`;
    const events = rows.map((event) => {
      const line = `\t${event.version}\t${event.type}\t${event.at}\t${copyText(event.recorded_at)}\t${copyText(event.body)}\n`;
      if (event.type !== "case.opened") return [line] as const;
      const [before, after, ...more] = line.split(number);
      if (before === undefined || after === undefined || more.length > 0) {
        throw new Error(`no single case number in ${line}`);
      }
      return [`${before}"caseNumber": "`, `"${after}`] as const;
    });
    out.push({ events, row: rowLine(row) });
  }
  return out;
}

/** A case row in COPY text after the case id, split where the case number goes. */
function rowLine(row: CaseRow): readonly [string, string] {
  const rest = [
    row.owner,
    row.collectionGroup,
    row.status,
    row.balance,
    row.problem?.code ?? null,
    row.problem?.message ?? null,
    row.daysPastDue,
    row.agingBucket,
    row.nextActionDate,
    row.lastContact,
    `{${row.debtorIds.join(",")}}`,
    row.version,
    row.asOf,
  ].map(copyText);
  return [`\t${copyText(row.clientId)}\t`, `\t${rest.join("\t")}\n`];
}

/** The columns of a case row in {@link rowLine}'s order (the store's own columns are left out). */
const CASE_COPY_COLUMNS = `tenant_id, case_id, client_id, case_number, owner, collection_group,
  status, balance, problem_code, problem_message, days_past_due, aging_bucket, next_action_date,
  last_contact, debtor_ids, version, as_of`;

/**
 * Loads `count` copies of the templates into tenant `bulk` with COPY (events and case rows, 3
 * streams at once, every index in place), then ANALYZE. Answers the time taken and the counts.
 */
export async function loadBulk(
  db: BenchDatabase,
  store: CaseStore,
  tpl: readonly Template[],
  count: number,
): Promise<{ readonly ms: number; readonly cases: number; readonly events: number }> {
  await setupTenant(store, "bulk");
  function* eventLines(from: number, to: number): Generator<string> {
    for (let i = from; i < to; i++) {
      const template = tpl[i % tpl.length] as Template;
      const head = `bulk\t${bulkCaseId(i)}`;
      for (const [before, after] of template.events) {
        yield after === undefined ? head + before : `${head}${before}B/${i}${after}`;
      }
    }
  }
  function* caseLines(): Generator<string> {
    for (let i = 0; i < count; i++) {
      const [before, after] = (tpl[i % tpl.length] as Template).row;
      yield `bulk\t${bulkCaseId(i)}${before}B/${i}${after}`;
    }
  }
  const setup = "SET synchronous_commit = off";
  const half = Math.floor(count / 2);
  const ms = await timed(async () => {
    await Promise.all([
      copyLines(db.admin, `events (${EVENT_COLUMNS})`, eventLines(0, half), setup),
      copyLines(db.admin, `events (${EVENT_COLUMNS})`, eventLines(half, count), setup),
      copyLines(db.admin, `cases (${CASE_COPY_COLUMNS})`, caseLines(), setup),
    ]);
    await db.admin.query("ANALYZE events");
    await db.admin.query("ANALYZE cases");
  });
  const { rows } = await db.admin.query<{ events: number; cases: number }>(
    `SELECT (SELECT count(*)::int FROM events WHERE tenant_id = 'bulk') AS events,
       (SELECT count(*)::int FROM cases WHERE tenant_id = 'bulk') AS cases`,
  );
  return { ms, cases: rows[0]?.cases ?? 0, events: rows[0]?.events ?? 0 };
}
