import type { CaseKeyHit, CaseListStore, CaseRow } from "@incasso/core";
import { caseKeyQuerySchema, caseQuerySchema, fromZodError, parseInput } from "@incasso/core";
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

    findCasesByKeys(scope, input) {
      return read(scope, "findCasesByKeys", async (tx, tenantId) => {
        const query = parseInput(caseKeyQuerySchema, input, "query");
        // Text PostgreSQL cannot hold is a key no case has.
        const keys = query.keys.filter((key) => !hasNul(key.key));
        if (keys.length === 0) return [];
        const params: unknown[] = [
          tenantId,
          keys.map((key) => key.kind),
          keys.map((key) => key.key),
        ];
        let portal = "";
        if (scope.clientId !== undefined) {
          params.push(scope.clientId);
          portal = `AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = k.tenant_id
            AND c.case_id = k.case_id AND c.client_id = $4)`;
        }
        const { rows } = await tx.query<{ case_id: string; kind: string; key: string }>(
          `SELECT DISTINCT k.case_id, k.kind, k.key
           FROM unnest($2::text[], $3::text[]) AS q(kind, key)
           JOIN case_keys k ON k.tenant_id = $1 AND k.kind = q.kind AND k.key = q.key
           WHERE true ${portal}
           ORDER BY k.kind, k.key, k.case_id`,
          params,
        );
        return rows.map(
          (row): CaseKeyHit => ({
            caseId: row.case_id,
            kind: row.kind as CaseKeyHit["kind"],
            key: row.key,
          }),
        );
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
