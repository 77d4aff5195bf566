import type {
  ImportBatch,
  ImportBatchHeader,
  ImportBatchPartReceipt,
  ImportBatchStore,
  ImportRowResult,
} from "@incasso/core";
import { importBatchSchema, parseInput, Temporal } from "@incasso/core";
import type { ParsedImportBatchPart } from "@incasso/core/adapter-kit";
import {
  canonicalJson,
  checkNextImportPart,
  completeImportBatch,
  encodeImportRowCursor,
  importPartContent,
  importRowSavedBefore,
  parseImportBatchPart,
  parseImportRowsQuery,
  reusedKey,
  sameImportBatchHeader,
  splitImportBatch,
  storeInstant,
} from "@incasso/core/adapter-kit";
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
        // A batch saved in one call is its part 0, the last: the part's fingerprint is the batch's.
        const fingerprint = sha256(canonicalJson(batch));
        const { rows: _rows, ...header } = batch;
        const created = await insertHeader(tx, tenantId, header, fingerprint, {
          parts: 1,
          rows: batch.rows.length,
          complete: true,
        });
        if (created) {
          await insertRows(tx, tenantId, batch.id, 0, batch.rows);
          await insertPart(tx, tenantId, batch.id, 0, batch.rows.length, true, fingerprint);
          return { batch, replayed: false };
        }
        // Stored before, or by another transaction meanwhile (its insert waited for it to end).
        const known = await lockHeader(tx, tenantId, batch.id);
        if (known === undefined || !known.complete) throw reusedKey("batch.id");
        const parts = await tx.query<{ row_count: number; fingerprint: string }>(
          `SELECT row_count, fingerprint FROM import_batch_parts
           WHERE tenant_id = $1 AND batch_id = $2 ORDER BY part`,
          [tenantId, batch.id],
        );
        const cut = splitImportBatch(
          batch,
          parts.rows.map((part) => part.row_count),
        );
        if (
          cut === null ||
          cut.some((part, index) => sha256(canonicalJson(part)) !== parts.rows[index]?.fingerprint)
        )
          throw reusedKey("batch.id");
        const stored = await selectImportBatches(tx, tenantId, "AND b.batch_id = $2", [batch.id]);
        return { batch: stored[0] ?? batch, replayed: true };
      });
    },

    saveImportBatchPart(scope, input) {
      return write(scope, "saveImportBatchPart", async (tx, tenantId) => {
        const part = parseImportBatchPart(input);
        await requireClient(tx, tenantId, part.batch.clientId, "part.batch.clientId");
        const fingerprint = sha256(canonicalJson(importPartContent(part)));
        const batchId = part.batch.id;
        // The batch's header row, locked: the parts of a batch are saved one after another.
        let known = await lockHeader(tx, tenantId, batchId);
        if (known === undefined && part.part === 0) {
          const fresh = { parts: 0, rows: 0, complete: false };
          if (await insertHeader(tx, tenantId, part.batch, fingerprint, fresh))
            known = { header: part.batch, ...fresh };
          else known = await lockHeader(tx, tenantId, batchId); // saved meanwhile, and committed
        }
        const receipt = (
          progress: { parts: number; rows: number; complete: boolean },
          replayed: boolean,
        ): ImportBatchPartReceipt => ({
          batchId,
          part: part.part,
          savedParts: progress.parts,
          savedRows: progress.rows,
          complete: progress.complete,
          replayed,
        });
        if (known !== undefined) {
          if (!sameImportBatchHeader(known.header, part.batch)) throw reusedKey("part.batch.id");
          if (part.part < known.parts) {
            const { rows } = await tx.query<{ fingerprint: string; last: boolean }>(
              `SELECT fingerprint, last FROM import_batch_parts
               WHERE tenant_id = $1 AND batch_id = $2 AND part = $3`,
              [tenantId, batchId, part.part],
            );
            const saved = rows[0];
            if (saved?.fingerprint !== fingerprint || saved.last !== part.last)
              throw reusedKey("part.part");
            return receipt(known, true);
          }
        }
        const progress = known ?? { parts: 0, rows: 0, complete: false };
        checkNextImportPart(progress, part);
        await refuseRowsSavedBefore(tx, tenantId, part);
        await insertRows(tx, tenantId, batchId, progress.rows, part.rows);
        await insertPart(
          tx,
          tenantId,
          batchId,
          part.part,
          part.rows.length,
          part.last,
          fingerprint,
        );
        const after = {
          parts: progress.parts + 1,
          rows: progress.rows + part.rows.length,
          complete: part.last,
        };
        await tx.query(
          `UPDATE import_batches SET parts = $3, row_count = $4, complete = $5
           WHERE tenant_id = $1 AND batch_id = $2`,
          [tenantId, batchId, after.parts, after.rows, after.complete],
        );
        return receipt(after, false);
      });
    },

    readImportBatchRows(scope, batchId, query) {
      return read(scope, "readImportBatchRows", async (tx, tenantId) => {
        const { after, limit } = parseImportRowsQuery(query);
        if (!isStoreId(batchId)) return null;
        const batch = (
          await tx.query<{ client_id: string; complete: boolean }>(
            "SELECT client_id, complete FROM import_batches WHERE tenant_id = $1 AND batch_id = $2",
            [tenantId, batchId],
          )
        ).rows[0];
        if (batch === undefined || !batch.complete || !visible(scope, batch.client_id)) return null;
        const { rows } = await tx.query<ImportRowRecord & { position: number }>(
          `SELECT r.row_number::integer AS row, r.position, r.outcome, r.case_id, r.errors, r.detail
           FROM import_rows r
           WHERE r.tenant_id = $1 AND r.batch_id = $2
             AND (r.row_number, r.position) > ($3::bigint, $4::integer)
           ORDER BY r.row_number, r.position LIMIT $5`,
          [tenantId, batchId, after?.row ?? 0, after?.position ?? -1, limit + 1],
        );
        const page = rows.slice(0, limit);
        const last = page.at(-1);
        return {
          items: page.map(importRowOf),
          nextCursor:
            rows.length > limit && last !== undefined
              ? encodeImportRowCursor(last.row, last.position)
              : null,
        };
      });
    },

    getImportBatch(scope, batchId) {
      return read(scope, "getImportBatch", async (tx, tenantId) => {
        if (!isStoreId(batchId)) return null;
        const [batch] = await selectImportBatches(
          tx,
          tenantId,
          "AND b.batch_id = $2 AND b.complete",
          [batchId],
        );
        return batch === undefined || !visible(scope, batch.clientId) ? null : batch;
      });
    },

    listIncompleteImportBatches(scope, query = {}) {
      return read(scope, "listIncompleteImportBatches", async (tx, tenantId) => {
        const params: unknown[] = [tenantId];
        const where: string[] = [];
        for (const clientId of [scope.clientId, query.clientId]) {
          if (clientId === undefined) continue;
          if (!isStoreId(clientId)) return [];
          params.push(clientId);
          where.push(`AND client_id = $${params.length}`);
        }
        const { rows } = await tx.query<{
          batch_id: string;
          client_id: string;
          source: string;
          content_hash: string;
          imported_at_text: string;
          parts: number;
          row_count: number;
        }>(
          `SELECT batch_id, client_id, source, content_hash, imported_at_text, parts, row_count
           FROM import_batches WHERE tenant_id = $1 AND NOT complete ${where.join(" ")}`,
          params,
        );
        return rows
          .map((row) => ({
            batch: {
              id: row.batch_id,
              clientId: row.client_id,
              source: row.source,
              contentHash: row.content_hash,
              importedAt: row.imported_at_text,
            },
            savedParts: row.parts,
            savedRows: row.row_count,
          }))
          .sort((a, b) => byId(a.batch.id, b.batch.id));
      });
    },

    discardIncompleteImportBatch(scope, batchId) {
      return write(scope, "discardIncompleteImportBatch", async (tx, tenantId) => {
        if (!isStoreId(batchId)) return false;
        // The header locked: a part being saved goes first, and when it completed the batch the
        // batch is kept.
        const known = await lockHeader(tx, tenantId, batchId);
        if (known === undefined) return false;
        if (known.complete) throw completeImportBatch(batchId);
        // Its parts and rows go with it (ON DELETE CASCADE).
        await tx.query("DELETE FROM import_batches WHERE tenant_id = $1 AND batch_id = $2", [
          tenantId,
          batchId,
        ]);
        return true;
      });
    },

    listImportBatches(scope, query = {}) {
      return read(scope, "listImportBatches", async (tx, tenantId) => {
        const params: unknown[] = [];
        const where: string[] = ["AND b.complete"];
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

/** A row of import_rows as read for a page. */
interface ImportRowRecord {
  row: number;
  outcome: ImportRowResult["outcome"];
  case_id: string | null;
  errors: ImportRowResult["errors"];
  detail: Record<string, unknown> | null;
}

function importRowOf(record: ImportRowRecord): ImportRowResult {
  return {
    row: record.row,
    outcome: record.outcome,
    ...(record.case_id === null ? {} : { caseId: record.case_id }),
    errors: record.errors,
    ...(record.detail === null
      ? {}
      : { detail: record.detail as NonNullable<ImportRowResult["detail"]> }),
  };
}

/** The header of a batch and how far it is saved, its row locked until the transaction ends. */
async function lockHeader(
  tx: SqlQueryable,
  tenantId: string,
  batchId: string,
): Promise<
  { header: ImportBatchHeader; parts: number; rows: number; complete: boolean } | undefined
> {
  const { rows } = await tx.query<{
    client_id: string;
    source: string;
    content_hash: string;
    imported_at_text: string;
    parts: number;
    row_count: number;
    complete: boolean;
  }>(
    `SELECT client_id, source, content_hash, imported_at_text, parts, row_count, complete
     FROM import_batches WHERE tenant_id = $1 AND batch_id = $2 FOR UPDATE`,
    [tenantId, batchId],
  );
  const row = rows[0];
  if (row === undefined) return undefined;
  return {
    header: {
      id: batchId,
      clientId: row.client_id,
      source: row.source,
      contentHash: row.content_hash,
      importedAt: row.imported_at_text,
    },
    parts: row.parts,
    rows: row.row_count,
    complete: row.complete,
  };
}

/**
 * Inserts a batch's header unless its id is taken (a concurrent insert of the same id waits for
 * the other transaction and then inserts nothing); answers whether it did.
 */
async function insertHeader(
  tx: SqlQueryable,
  tenantId: string,
  header: ImportBatchHeader,
  fingerprint: string,
  progress: { parts: number; rows: number; complete: boolean },
): Promise<boolean> {
  const { rows } = await tx.query(
    `INSERT INTO import_batches (tenant_id, batch_id, client_id, source, content_hash,
       imported_at, imported_at_text, fingerprint, parts, row_count, complete)
     VALUES ($1, $2, $3, $4, $5, $6::timestamptz, $7, $8, $9, $10, $11)
     ON CONFLICT (tenant_id, batch_id) DO NOTHING RETURNING 1`,
    [
      tenantId,
      header.id,
      header.clientId,
      header.source,
      header.contentHash,
      instantParts(Temporal.Instant.from(header.importedAt)).at,
      header.importedAt,
      fingerprint,
      progress.parts,
      progress.rows,
      progress.complete,
    ],
  );
  return rows.length === 1;
}

/** Inserts rows of a batch in one statement, at positions from `first` on. */
async function insertRows(
  tx: SqlQueryable,
  tenantId: string,
  batchId: string,
  first: number,
  rows: readonly ImportRowResult[],
): Promise<void> {
  if (rows.length === 0) return;
  await tx.query(
    `INSERT INTO import_rows (tenant_id, batch_id, position, row_number, outcome,
       case_id, errors, detail)
     SELECT $1, $2, r.position, r.row, r.outcome, r."caseId", r.errors, r.detail
     FROM jsonb_to_recordset($3::jsonb)
       AS r(position integer, row bigint, outcome text, "caseId" text, errors jsonb,
         detail jsonb)`,
    [
      tenantId,
      batchId,
      JSON.stringify(rows.map((row, index) => ({ ...row, position: first + index }))),
    ],
  );
}

async function insertPart(
  tx: SqlQueryable,
  tenantId: string,
  batchId: string,
  part: number,
  rowCount: number,
  last: boolean,
  fingerprint: string,
): Promise<void> {
  await tx.query(
    `INSERT INTO import_batch_parts (tenant_id, batch_id, part, row_count, last, fingerprint)
     VALUES ($1, $2, $3, $4, $5, $6)`,
    [tenantId, batchId, part, rowCount, last, fingerprint],
  );
}

/** Refuses the first row of a part whose number an earlier part of the batch has saved. */
async function refuseRowsSavedBefore(
  tx: SqlQueryable,
  tenantId: string,
  part: ParsedImportBatchPart,
): Promise<void> {
  if (part.rows.length === 0 || part.part === 0) return;
  const { rows } = await tx.query<{ row: number }>(
    `SELECT DISTINCT r.row_number::integer AS row FROM import_rows r
     WHERE r.tenant_id = $1 AND r.batch_id = $2
       AND r.row_number IN (SELECT value::bigint FROM jsonb_array_elements_text($3::jsonb))`,
    [tenantId, part.batch.id, JSON.stringify(part.rows.map((row) => row.row))],
  );
  if (rows.length === 0) return;
  const taken = new Set(rows.map((row) => row.row));
  const index = part.rows.findIndex((row) => taken.has(row.row));
  throw importRowSavedBefore(index, part.rows[index]?.row ?? 0);
}
