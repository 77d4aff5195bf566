import type { AgendaRecord, AgendaStore, CaseEventJson, CaseRow, ShardCase } from "@incasso/core";
import { agendaQuerySchema, parseInput, shardRequestSchema } from "@incasso/core";
import {
  assertWritable,
  decodeAgendaCursor,
  encodeCursor,
  missingAgendaEntry,
  parseAppendRequest,
  parseDisposeRequest,
  parseScope,
  prepareDisposal,
} from "@incasso/core/adapter-kit";
import type { AgendaRow } from "../rows.js";
import {
  AGENDA_COLUMNS,
  AGENDA_UPSERT,
  agendaRecordOf,
  CASE_DAILY_UPDATE,
  caseRowJson,
} from "../rows.js";
import { inTenant } from "../sql-client.js";
import type { StoreContext } from "./context.js";
import { appendIn, conflictOf, lockCase } from "./events.js";
import { hasNul, isStoreId } from "./shared.js";

/**
 * The agenda port (`AgendaStore`): the daily run's shards and pages, the agenda and its
 * dispositions.
 */
export function createAgendaStore({ client, read, write, rateTables }: StoreContext): AgendaStore {
  return {
    readShard(scope, input, after) {
      return read(scope, "readShard", async (tx, tenantId) => {
        const request = parseInput(shardRequestSchema, input, "shard");
        const params = [tenantId];
        const where = ["c.tenant_id = $1"];
        const add = (condition: (ref: string) => string, value: string) => {
          params.push(value);
          where.push(condition(`$${params.length}`));
        };
        if (scope.clientId !== undefined) add((ref) => `c.client_id = ${ref}`, scope.clientId);
        if (request.caseIdFrom !== undefined)
          add((ref) => `c.case_id >= ${ref}`, request.caseIdFrom);
        if (request.caseIdTo !== undefined) add((ref) => `c.case_id < ${ref}`, request.caseIdTo);
        if (after !== null) add((ref) => `c.case_id > ${ref}`, after);
        params.push(String(request.batchSize));
        const { rows } = await tx.query<{
          case_id: string;
          client_id: string;
          events: CaseEventJson[] | null;
        }>(
          `SELECT c.case_id, c.client_id,
             (SELECT jsonb_agg(e.body ORDER BY e.version) FROM events e
              WHERE e.tenant_id = c.tenant_id AND e.case_id = c.case_id) AS events
           FROM cases c WHERE ${where.join(" AND ")}
           ORDER BY c.case_id LIMIT $${params.length}::integer`,
          params,
        );
        return rows.map(
          (row): ShardCase => ({
            caseId: row.case_id,
            clientId: row.client_id,
            version: row.events?.length ?? 0,
            events: row.events ?? [],
          }),
        );
      });
    },

    saveDailyRun(scope, page) {
      return write(scope, "saveDailyRun", async (tx, tenantId) => {
        // The stored versions, locked in case-id order (every writer locks cases before entries).
        const caseIds = [...new Set(page.rows.map((row) => row.caseId))];
        const { rows: stored } = await tx.query<{
          case_id: string;
          version: number;
          agenda_run_date: string | null;
        }>(
          `SELECT case_id, version, to_char(agenda_run_date, 'YYYY-MM-DD') AS agenda_run_date
           FROM cases
           WHERE tenant_id = $1 AND case_id = ANY ($2::text[])
           ORDER BY case_id FOR UPDATE`,
          [tenantId, textArray(caseIds.filter(isStoreId))],
        );
        const versions = new Map(stored.map((row) => [row.case_id, row.version]));
        let skipped = 0;
        const rows = new Map<string, CaseRow>();
        for (const row of page.rows) {
          if (versions.get(row.caseId) !== row.version) {
            skipped++;
            continue;
          }
          rows.set(row.caseId, row);
        }
        if (rows.size === 0) return { skipped };
        // One statement writes each row and its run date: one new version of each case's row.
        await tx.query(CASE_DAILY_UPDATE, [
          tenantId,
          JSON.stringify([...rows.values()].map(caseRowJson)),
          page.runDate,
        ]);
        const fresh = [...rows.keys()];
        // Open entries of the run date that this run no longer gives are removed. Only a case the
        // daily run already stored entries for on this date or a later one can have any: on the
        // first run of a date (the usual case) nothing is looked up, so the run does not slow
        // down with the entries stored so far while the new date has no statistics yet.
        const stale = new Set(
          stored
            .filter((row) => row.agenda_run_date !== null && row.agenda_run_date >= page.runDate)
            .map((row) => row.case_id),
        );
        const rerun = fresh.filter((caseId) => stale.has(caseId));
        if (rerun.length > 0) {
          await tx.query(
            `DELETE FROM agenda_entries
             WHERE tenant_id = $1 AND run_date = $2::date AND status = 'open'
               AND case_id = ANY ($3::text[]) AND entry_id <> ALL ($4::text[])`,
            [
              tenantId,
              page.runDate,
              textArray(rerun),
              textArray(page.entries.map((entry) => entry.id)),
            ],
          );
        }
        // As the reference store does one entry after the other: an entry is (re)written unless
        // the one already there is disposed. The page's own entries are followed here; a stored
        // one that is disposed is kept by the upsert's condition (then the reference store writes
        // none of the page's entries of that id either: the stored status is never open again).
        const statuses = new Map<string, string>();
        const entries = new Map<string, AgendaRecord>();
        for (const entry of page.entries) {
          if (!rows.has(entry.caseId)) continue;
          const status = statuses.get(entry.id);
          if (status !== undefined && status !== "open") continue;
          statuses.set(entry.id, entry.status);
          entries.set(entry.id, entry);
        }
        if (entries.size > 0) {
          await tx.query(AGENDA_UPSERT, [tenantId, JSON.stringify([...entries.values()])]);
        }
        return { skipped };
      });
    },

    listAgenda(scope, input) {
      return read(scope, "listAgenda", async (tx, tenantId) => {
        const query = parseInput(agendaQuerySchema, input, "query");
        const after = query.after === undefined ? null : decodeAgendaCursor(query.after);
        if (hasNul(query.owner)) {
          return { items: [], nextCursor: null };
        }
        const params: unknown[] = [tenantId, query.runDate];
        const where = ["a.tenant_id = $1", "a.run_date = $2::date"];
        const add = (condition: (ref: string) => string, value: unknown) => {
          params.push(value);
          where.push(condition(`$${params.length}`));
        };
        if (scope.clientId !== undefined) add((ref) => `a.client_id = ${ref}`, scope.clientId);
        if (query.clientId !== undefined) add((ref) => `a.client_id = ${ref}`, query.clientId);
        if (query.owner !== undefined) add((ref) => `a.owner = ${ref}`, query.owner);
        if (query.status !== undefined) add((ref) => `a.status = ${ref}`, query.status);
        if (after !== null) {
          params.push(after.entryId);
          const id = `$${params.length}::text`;
          add((ref) => `(a.due_date, a.entry_id) > (${ref}::date, ${id})`, after.dueDate);
        }
        params.push(query.limit + 1);
        const { rows } = await tx.query<AgendaRow>(
          `SELECT ${AGENDA_COLUMNS} FROM agenda_entries a WHERE ${where.join(" AND ")}
           ORDER BY a.due_date, a.entry_id LIMIT $${params.length}::integer`,
          params,
        );
        const items = rows.slice(0, query.limit).map(agendaRecordOf);
        const last = items.at(-1);
        return {
          items,
          nextCursor:
            rows.length > query.limit && last !== undefined
              ? encodeCursor([last.dueDate, last.id])
              : null,
        };
      });
    },

    async disposeAgendaEntry(scope, input) {
      const { tenantId } = parseScope(scope);
      assertWritable(scope);
      const request = parseDisposeRequest(input);
      const notFound = () => missingAgendaEntry(request.entryId);
      if (hasNul(request.entryId)) throw notFound();
      let caseId = "";
      let expectedVersion = 0;
      try {
        return await inTenant(client, tenantId, "disposeAgendaEntry", async (tx) => {
          const entryOf = async (lock: boolean) =>
            (
              await tx.query<AgendaRow>(
                `SELECT ${AGENDA_COLUMNS} FROM agenda_entries a
                 WHERE a.tenant_id = $1 AND a.entry_id = $2${lock ? " FOR UPDATE" : ""}`,
                [tenantId, request.entryId],
              )
            ).rows[0];
          const found = await entryOf(false);
          if (found === undefined) throw notFound();
          caseId = found.case_id;
          // Case first, then entry: the order the daily run locks them in.
          expectedVersion = await lockCase(tx, tenantId, caseId);
          const locked = await entryOf(true);
          if (locked === undefined) throw notFound();
          const entry = agendaRecordOf(locked);
          const planned = prepareDisposal(entry, request, expectedVersion + 1);
          if (planned.replay) {
            const at = entry.disposition?.version ?? expectedVersion;
            return {
              entry,
              append: {
                caseId: entry.caseId,
                previousVersion: at - 1,
                version: at,
                replayed: true,
              },
            };
          }
          const append = await appendIn(
            tx,
            tenantId,
            parseAppendRequest({
              caseId: entry.caseId,
              expectedVersion,
              events: [planned.event],
              asOf: request.asOf,
            }),
            rateTables,
          );
          await tx.query(
            `UPDATE agenda_entries SET status = $3, disposition = $4::jsonb
             WHERE tenant_id = $1 AND entry_id = $2`,
            [tenantId, entry.id, planned.entry.status, JSON.stringify(planned.entry.disposition)],
          );
          return { entry: planned.entry, append };
        });
      } catch (error) {
        throw await conflictOf(
          error,
          client,
          tenantId,
          "disposeAgendaEntry",
          caseId,
          expectedVersion,
        );
      }
    },
  };
}

/**
 * A PostgreSQL text array literal (`{"a","b"}`) of the values, every element quoted and escaped,
 * passed as one text parameter and cast with `::text[]`: a constant array the planner can hash,
 * where an array made from JSON inside the statement is opaque to it.
 */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}
