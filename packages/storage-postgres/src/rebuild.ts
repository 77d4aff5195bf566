import type { CaseEventJson, RateTable } from "@incasso/core";
import { parseIsoDate, storeIdSchema } from "@incasso/core";
import type { ProjectionContext } from "@incasso/core/adapter-kit";
import { projectCase } from "@incasso/core/adapter-kit";
import { loadContext } from "./ports/context.js";
import { caseRowJson, caseWriteSql } from "./rows.js";
import type { SqlClientInput } from "./sql-client.js";
import { inTenant, toSqlClient } from "./sql-client.js";

const OPERATION = "rebuildProjections";

/** The client of a case, from its `case.opened` event. */
function clientIdOf(events: readonly CaseEventJson[]): string | null {
  const first = events[0];
  return first?.type === "case.opened" ? first.client.id : null;
}

/**
 * Options of {@link rebuildProjections}: the tenant, the date the rows are computed as of, how many
 * cases one transaction recomputes (default 500), and the host's rate tables (as given to the
 * store).
 *
 * @example
 * ```ts
 * import type { RebuildOptions } from "@incasso/storage-postgres";
 * const options: RebuildOptions = { tenantId: "firm-1", asOf: "2026-01-31", batchSize: 1000 };
 * ```
 */
export interface RebuildOptions {
  readonly tenantId: string;
  readonly asOf: string;
  readonly batchSize?: number;
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

/**
 * What {@link rebuildProjections} did: the cases it recomputed, the transactions (pages) it took,
 * and the rows it deleted because their case has no events.
 *
 * @example
 * ```ts
 * import type { RebuildReport } from "@incasso/storage-postgres";
 * const line = (report: RebuildReport) => `${report.cases} cases in ${report.pages} pages`;
 * ```
 */
export interface RebuildReport {
  readonly cases: number;
  readonly pages: number;
  readonly deleted: number;
}

/**
 * Recomputes every case row (projection) of a tenant from its events, with the core's
 * `projectCase` and each client's terms and latest scenarios, as of a date: after a bug fix in the
 * projection, a restore, or rows lost or damaged. It walks the events table (the source of truth)
 * in case-id order a page of cases at a time: it reads the page in one transaction, projects it
 * with no transaction open, and writes it in another, each row unless an append stored a later
 * version of it meanwhile; rows left without any event are deleted. A page is written whole or not
 * at all; a lost connection fails with a `StoreUnavailableError`, and a rerun is safe.
 *
 * @param client - a node-postgres pool, a PGlite database or a {@link SqlClient}
 * @example
 * ```ts
 * import pg from "pg";
 * import { rebuildProjections } from "@incasso/storage-postgres";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const report = await rebuildProjections(pool, { tenantId: "firm-1", asOf: "2026-01-31" });
 * ```
 */
export async function rebuildProjections(
  client: SqlClientInput,
  options: RebuildOptions,
): Promise<RebuildReport> {
  const db = toSqlClient(client);
  const tenantId = storeIdSchema.parse(options.tenantId);
  const asOf = parseIsoDate(options.asOf, "asOf");
  const batchSize = options.batchSize ?? 500;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize: expected a whole number of at least 1 (got: ${batchSize})`);
  }
  const contexts = new Map<string, ProjectionContext>();
  let after = "";
  let cases = 0;
  let pages = 0;
  for (;;) {
    // Read a page (and the contexts of clients not seen yet) in one transaction, project it with
    // no transaction open, and write it in another; a row an append moved on meanwhile is kept.
    const rows = await inTenant(db, tenantId, OPERATION, async (tx) => {
      const { rows: page } = await tx.query<{ case_id: string; events: CaseEventJson[] }>(
        `SELECT case_id, jsonb_agg(body ORDER BY version) AS events FROM events
         WHERE tenant_id = $1 AND case_id > $2
         GROUP BY case_id ORDER BY case_id LIMIT $3::integer`,
        [tenantId, after, batchSize],
      );
      for (const clientId of new Set(page.map((row) => clientIdOf(row.events)))) {
        if (clientId === null || contexts.has(clientId)) continue;
        const { clientExists: _exists, ...loaded } = await loadContext(
          tx,
          tenantId,
          clientId,
          options.rateTables,
        );
        contexts.set(clientId, loaded);
      }
      return page;
    });
    if (rows.length === 0) break;
    const none: ProjectionContext = {
      terms: null,
      scenarios: [],
      ...(options.rateTables === undefined ? {} : { rateTables: options.rateTables }),
    };
    const projected = rows.map((row) => {
      const clientId = clientIdOf(row.events);
      const context = (clientId === null ? undefined : contexts.get(clientId)) ?? none;
      return caseRowJson(projectCase(row.case_id, row.events, asOf, context).row);
    });
    await inTenant(db, tenantId, OPERATION, (tx) =>
      tx.query(caseWriteSql("upsert-not-older"), [tenantId, JSON.stringify(projected)]),
    );
    after = rows.at(-1)?.case_id ?? after;
    cases += rows.length;
    pages++;
    if (rows.length < batchSize) break;
  }
  const deleted = await inTenant(db, tenantId, OPERATION, async (tx) => {
    const { rows } = await tx.query(
      `DELETE FROM cases c WHERE c.tenant_id = $1 AND NOT EXISTS (
         SELECT 1 FROM events e WHERE e.tenant_id = c.tenant_id AND e.case_id = c.case_id)
       RETURNING c.case_id`,
      [tenantId],
    );
    return rows.length;
  });
  return { cases, pages, deleted };
}
