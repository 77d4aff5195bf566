import { storeIdSchema } from "@incasso/core";
import type { SqlClientInput } from "./sql-client.js";
import { inTenant, toSqlClient } from "./sql-client.js";

/**
 * A range of case ids `[caseIdFrom, caseIdTo)` for one shard of the daily run; an end left out is
 * open. It spreads into the core's `ShardRequest`.
 *
 * @example
 * ```ts
 * import type { ShardRange } from "@incasso/storage-postgres";
 * const request = (range: ShardRange) => ({ runDate: "2026-01-31", ...range });
 * ```
 */
export interface ShardRange {
  readonly caseIdFrom?: string;
  readonly caseIdTo?: string;
}

/**
 * Splits a tenant's cases into at most `shards` case-id ranges of about the same number of cases
 * (`ntile` over the case ids), for a job queue to run the core's `runDailyShard` on each in
 * parallel. The ranges cover every possible case id exactly once (the first has no lower end and
 * the last no upper end, so cases opened after the plan are still in a shard); with fewer cases
 * than shards there are fewer ranges, and with none a single unbounded one.
 *
 * @param client - a node-postgres pool, a PGlite database or a {@link SqlClient}
 * @example
 * ```ts
 * import pg from "pg";
 * import { runDailyShard } from "@incasso/core";
 * import { createPostgresStore, planShards } from "@incasso/storage-postgres";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = createPostgresStore({ client: pool });
 * const scope = { tenantId: "firm-1" };
 * for (const range of await planShards(pool, { tenantId: "firm-1", shards: 8 })) {
 *   await runDailyShard(store, scope, { runDate: "2026-01-31", ...range });
 * }
 * ```
 */
export async function planShards(
  client: SqlClientInput,
  options: { readonly tenantId: string; readonly shards: number },
): Promise<ShardRange[]> {
  const tenantId = storeIdSchema.parse(options.tenantId);
  const { shards } = options;
  if (!Number.isInteger(shards) || shards < 1 || shards > 100_000) {
    throw new RangeError(`shards: expected a whole number from 1 to 100000 (got: ${shards})`);
  }
  const starts = await inTenant(toSqlClient(client), tenantId, "planShards", async (tx) => {
    const { rows } = await tx.query<{ first: string }>(
      `SELECT min(case_id) AS first FROM (
         SELECT case_id, ntile($2::integer) OVER (ORDER BY case_id) AS shard
         FROM cases WHERE tenant_id = $1) AS numbered
       GROUP BY shard ORDER BY shard`,
      [tenantId, shards],
    );
    return rows.map((row) => row.first).slice(1);
  });
  const ranges: ShardRange[] = [];
  let from: string | undefined;
  for (const start of [...starts, undefined]) {
    ranges.push({
      ...(from === undefined ? {} : { caseIdFrom: from }),
      ...(start === undefined ? {} : { caseIdTo: start }),
    });
    from = start;
  }
  return ranges;
}
