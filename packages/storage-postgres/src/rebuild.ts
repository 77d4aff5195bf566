import type { CaseEventJson, ProjectionContext, RateTable } from "@incasso/core";
import { parseIsoDate, projectCase, storeIdSchema } from "@incasso/core";
import { loadContext } from "./postgres-store.js";
import { caseRowJson, caseWriteSql } from "./rows.js";
import type { SqlClientInput } from "./sql-client.js";
import { inTenant, toSqlClient } from "./sql-client.js";

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
 * in case-id order, a page of cases per transaction, and writes each row unless an append stored a
 * later version of it meanwhile; rows left without any event are deleted.
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
    const count = await inTenant(db, tenantId, "rebuildProjections", async (tx) => {
      const { rows } = await tx.query<{ case_id: string; events: CaseEventJson[] }>(
        `SELECT case_id, jsonb_agg(body ORDER BY version) AS events FROM events
         WHERE tenant_id = $1 AND case_id > $2
         GROUP BY case_id ORDER BY case_id LIMIT $3::integer`,
        [tenantId, after, batchSize],
      );
      if (rows.length === 0) return 0;
      const projected = [];
      for (const row of rows) {
        const first = row.events[0];
        const clientId = first?.type === "case.opened" ? first.client.id : null;
        let context = clientId === null ? undefined : contexts.get(clientId);
        if (context === undefined) {
          const { clientExists: _exists, ...loaded } = await loadContext(
            tx,
            tenantId,
            clientId,
            options.rateTables,
          );
          context = loaded;
          if (clientId !== null) contexts.set(clientId, context);
        }
        projected.push(caseRowJson(projectCase(row.case_id, row.events, asOf, context).row));
      }
      await tx.query(caseWriteSql("upsert-not-older"), [tenantId, JSON.stringify(projected)]);
      after = rows.at(-1)?.case_id ?? after;
      return rows.length;
    });
    if (count === 0) break;
    cases += count;
    pages++;
    if (count < batchSize) break;
  }
  const deleted = await inTenant(db, tenantId, "rebuildProjections", async (tx) => {
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
