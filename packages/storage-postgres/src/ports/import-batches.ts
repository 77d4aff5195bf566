import type { ImportBatch, ImportBatchStore } from "@incasso/core";
import { importBatchSchema, parseInput, Temporal } from "@incasso/core";
import { canonicalJson, reusedKey, storeInstant } from "@incasso/core/adapter-kit";
import type { ImportBatchRow } from "../rows.js";
import { IMPORT_BATCH_SELECT, importBatchOf, instantParts } from "../rows.js";
import type { SqlQueryable } from "../sql-client.js";
import type { StoreContext } from "./context.js";
import { byId, isStoreId, requireClient, sha256, visible } from "./shared.js";

/** The import batches port (`ImportBatchStore`): an import's batches and their rows. */
export function createImportBatchStore({ read, write }: StoreContext): ImportBatchStore {
  return {
    saveImportBatch(scope, input) {
      return write(scope, "saveImportBatch", async (tx, tenantId) => {
        const parsed = parseInput(importBatchSchema, input, "batch");
        const batch = { ...parsed, importedAt: storeInstant(parsed.importedAt) };
        await requireClient(tx, tenantId, batch.clientId, "batch.clientId");
        const fingerprint = sha256(canonicalJson(batch));
        const knownFingerprint = async () =>
          (
            await tx.query<{ fingerprint: string }>(
              "SELECT fingerprint FROM import_batches WHERE tenant_id = $1 AND batch_id = $2",
              [tenantId, batch.id],
            )
          ).rows[0]?.fingerprint;
        let known = await knownFingerprint();
        if (known === undefined) {
          const inserted = await tx.query(
            `INSERT INTO import_batches (tenant_id, batch_id, client_id, source, content_hash,
               imported_at, imported_at_text, fingerprint)
             VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7, $8)
             ON CONFLICT (tenant_id, batch_id) DO NOTHING RETURNING 1`,
            [
              tenantId,
              batch.id,
              batch.clientId,
              batch.source,
              batch.contentHash,
              instantParts(Temporal.Instant.from(batch.importedAt)).at,
              batch.importedAt,
              fingerprint,
            ],
          );
          if (inserted.rows.length === 1) {
            if (batch.rows.length > 0) {
              await tx.query(
                `INSERT INTO import_rows (tenant_id, batch_id, position, row_number, outcome,
                   case_id, errors, detail)
                 SELECT $1, $2, r.position, r.row, r.outcome, r."caseId", r.errors, r.detail
                 FROM jsonb_to_recordset($3::jsonb)
                   AS r(position integer, row bigint, outcome text, "caseId" text, errors jsonb,
                     detail jsonb)`,
                [
                  tenantId,
                  batch.id,
                  JSON.stringify(batch.rows.map((row, position) => ({ ...row, position }))),
                ],
              );
            }
            return { batch, replayed: false };
          }
          known = await knownFingerprint(); // another transaction stored this batch meanwhile
        }
        if (known !== fingerprint) throw reusedKey("batch.id");
        const stored = await selectImportBatches(tx, tenantId, "AND b.batch_id = $2", [batch.id]);
        return { batch: stored[0] ?? batch, replayed: true };
      });
    },

    getImportBatch(scope, batchId) {
      return read(scope, "getImportBatch", async (tx, tenantId) => {
        if (!isStoreId(batchId)) return null;
        const [batch] = await selectImportBatches(tx, tenantId, "AND b.batch_id = $2", [batchId]);
        return batch === undefined || !visible(scope, batch.clientId) ? null : batch;
      });
    },

    listImportBatches(scope, query = {}) {
      return read(scope, "listImportBatches", async (tx, tenantId) => {
        const params: unknown[] = [];
        const where: string[] = [];
        for (const clientId of [scope.clientId, query.clientId]) {
          if (clientId === undefined) continue;
          if (!isStoreId(clientId)) return [];
          params.push(clientId);
          where.push(`AND b.client_id = $${params.length + 1}`);
        }
        const batches = await selectImportBatches(tx, tenantId, where.join(" "), params);
        return batches.sort((a, b) => byId(a.id, b.id));
      });
    },
  };
}

async function selectImportBatches(
  tx: SqlQueryable,
  tenantId: string,
  where: string,
  params: unknown[],
): Promise<ImportBatch[]> {
  const { rows } = await tx.query<ImportBatchRow>(
    `${IMPORT_BATCH_SELECT} WHERE b.tenant_id = $1 ${where} ORDER BY b.batch_id`,
    [tenantId, ...params],
  );
  return rows.map(importBatchOf);
}
