import type { CaseListStore, CaseRow } from "@incasso/core";
import { caseQuerySchema, fromZodError } from "@incasso/core";
import { parseScope } from "@incasso/core/adapter-kit";
import { caseListStatement, cursorOf } from "../case-list.js";
import type { CaseRecord } from "../rows.js";
import { CASE_COLUMNS, caseRowOf } from "../rows.js";
import type { SqlQueryable } from "../sql-client.js";
import { inTenant } from "../sql-client.js";
import type { StoreContext } from "./context.js";
import { hasNul, isStoreId, visible } from "./shared.js";

/** The case lists port (`CaseListStore`): a case's row and the keyset-paginated lists. */
export function createCaseListStore({ client, read }: StoreContext): CaseListStore {
  return {
    getCase(scope, caseId) {
      return read(scope, "getCase", async (tx, tenantId) => {
        if (!isStoreId(caseId)) return null;
        const row = await selectCase(tx, tenantId, caseId);
        return row === null || !visible(scope, row.clientId) ? null : row;
      });
    },

    async listCases(scope, input = {}) {
      const { tenantId } = parseScope(scope);
      const parsed = caseQuerySchema.safeParse(input);
      if (!parsed.success) throw fromZodError(parsed.error, "query");
      const query = parsed.data;
      // Text PostgreSQL cannot hold matches nothing stored.
      if ([query.owner, query.collectionGroup, query.agingBucket].some(hasNul)) {
        return { items: [], nextCursor: null };
      }
      const statement = caseListStatement(tenantId, scope.clientId, query);
      return inTenant(client, tenantId, "listCases", async (tx) => {
        const { rows } = await tx.query<CaseRecord>(statement.text, statement.values);
        const items = rows.slice(0, query.limit).map(caseRowOf);
        const last = items.at(-1);
        return {
          items,
          nextCursor:
            rows.length > query.limit && last !== undefined ? cursorOf(query.sort, last) : null,
        };
      });
    },
  };
}

async function selectCase(
  tx: SqlQueryable,
  tenantId: string,
  caseId: string,
): Promise<CaseRow | null> {
  const { rows } = await tx.query<CaseRecord>(
    `SELECT ${CASE_COLUMNS} FROM cases c WHERE c.tenant_id = $1 AND c.case_id = $2`,
    [tenantId, caseId],
  );
  return rows[0] === undefined ? null : caseRowOf(rows[0]);
}
