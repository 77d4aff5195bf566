import { createHash } from "node:crypto";
import type {
  AgendaRecord,
  AppendResult,
  CaseEventJson,
  CaseRow,
  CaseStore,
  ClientRecord,
  ClientTerms,
  DebtorRecord,
  ImportBatch,
  RateTable,
  Scenario,
  ShardCase,
  StoreScope,
  StoreUnavailableError,
} from "@incasso/core";
import {
  agendaQuerySchema,
  caseQuerySchema,
  claimRequestSchema,
  clientRecordSchema,
  clientTermsSchema,
  completeRequestSchema,
  debtorRecordSchema,
  fromZodError,
  importBatchSchema,
  outboxQuerySchema,
  parseInput,
  parseScenario,
  STORE_CAPABILITIES,
  StoreConflictError,
  shardRequestSchema,
  storeIdSchema,
  Temporal,
} from "@incasso/core";
import type { PreparedAppend, ProjectionContext } from "@incasso/core/adapter-kit";
import {
  appendFingerprint,
  assertWritable,
  canonicalJson,
  checkCompletion,
  decodeAgendaCursor,
  encodeCursor,
  missingAgendaEntry,
  missingClient,
  openingClientId,
  parseAppendRequest,
  parseDisposeRequest,
  parseScope,
  prepareAppend,
  prepareDisposal,
  reusedKey,
  storeInstant,
} from "@incasso/core/adapter-kit";
import { caseListStatement, cursorOf } from "./case-list.js";
import type { AgendaRow, CaseRecord, ImportBatchRow, OutboxRow } from "./rows.js";
import {
  AGENDA_COLUMNS,
  AGENDA_UPSERT,
  agendaRecordOf,
  CASE_COLUMNS,
  caseRowJson,
  caseRowOf,
  caseWriteSql,
  IMPORT_BATCH_SELECT,
  importBatchOf,
  instantParts,
  OUTBOX_COLUMNS,
  outboxMessageOf,
} from "./rows.js";
import type { SqlClient, SqlClientInput, SqlQueryable } from "./sql-client.js";
import { inTenant, sqlState, toSqlClient } from "./sql-client.js";

/**
 * Options of {@link createPostgresStore}: the database, and the host's rate tables when it
 * extends or replaces the built-in ones (they go into every projection, as in the in-memory
 * store).
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import type { PostgresStoreOptions } from "@incasso/storage-postgres";
 * const options: PostgresStoreOptions = { client: new pg.Pool({ connectionString: process.env.DATABASE_URL }) };
 * ```
 */
export interface PostgresStoreOptions {
  /** A node-postgres pool, a PGlite database or a {@link SqlClient}; migrated with {@link migrate}. */
  readonly client: SqlClientInput;
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

/**
 * The storage port (the core's `CaseStore`) on PostgreSQL 15 or later, or on PGlite: every call writes in
 * one transaction of its tenant (`BEGIN`, the tenant's row-level security setting, the work,
 * `COMMIT`; `ROLLBACK` when anything fails, so nothing is half-applied), and behaves like
 * `@incasso/memory`'s in-memory reference store, which the conformance suites check; it implements
 * every storage port and says so in `capabilities`. A call whose connection the server ends fails
 * with a {@link StoreUnavailableError} (retryable, nothing stored).
 *
 * - Appends read the case's events and its client's terms and scenarios in a short transaction,
 *   prepare it with the core's `prepareAppend` with no transaction open, then in a second
 *   transaction check the idempotency key under an advisory lock, lock the case's row
 *   (`SELECT … FOR UPDATE`), check it is still at the version planned on, and store the events,
 *   the row, the key and the outbox messages together. A writer that loses a race gets a `StoreConflictError`: a stale version is
 *   caught by the plan or by that check, two creators of one case by the case's primary key.
 * - Lists are keyset-paginated with one statement per page on an index per sort order.
 * - `readShard` reads a page of cases with their events aggregated in one statement, so a daily run
 *   over 100,000 cases takes a few hundred statements.
 * - The outbox is claimed with `FOR UPDATE SKIP LOCKED` in write order: concurrent workers never get
 *   the same message.
 *
 * Apply the schema first with {@link migrate}.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { createPostgresStore, migrate } from "@incasso/storage-postgres";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate(pool);
 * const store = createPostgresStore({ client: pool });
 * await store.putClient({ tenantId: "firm-1" }, { id: "acme", name: "Acme NV" });
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): CaseStore {
  const client = toSqlClient(options.client);
  const rateTables = options.rateTables;

  /** Runs a read in a transaction of the scope's tenant (bad scopes rejected, never thrown). */
  const read = async <T>(
    scope: StoreScope,
    operation: string,
    work: (tx: SqlQueryable, tenantId: string) => Promise<T>,
  ): Promise<T> => {
    const { tenantId } = parseScope(scope);
    return inTenant(client, tenantId, operation, (tx) => work(tx, tenantId));
  };
  /** Runs a write: as a read, once the scope is known to be allowed to write. */
  const write = async <T>(
    scope: StoreScope,
    operation: string,
    work: (tx: SqlQueryable, tenantId: string) => Promise<T>,
  ): Promise<T> => {
    const { tenantId } = parseScope(scope);
    assertWritable(scope);
    return inTenant(client, tenantId, operation, (tx) => work(tx, tenantId));
  };

  const contextOf = (tx: SqlQueryable, tenantId: string, clientId: string | null) =>
    loadContext(tx, tenantId, clientId, rateTables);

  return {
    capabilities: new Set(STORE_CAPABILITIES),

    async append(scope, input) {
      const { tenantId } = parseScope(scope);
      assertWritable(scope);
      const request = parseAppendRequest(input);
      try {
        // Read and plan in one short transaction, compute the plan with no transaction open, then
        // write in another that checks the case is still at the version planned on.
        const prepared = await inTenant(client, tenantId, "append", (tx) =>
          readForAppend(tx, tenantId, request, contextOf),
        );
        if (!("events" in prepared)) return prepared;
        const plan = prepareAppend(prepared.existing, request, prepared.context);
        return await inTenant(client, tenantId, "append", (tx) =>
          writeAppend(tx, tenantId, request, plan, clientKnown(prepared, plan)),
        );
      } catch (error) {
        throw await conflictOf(
          error,
          client,
          tenantId,
          "append",
          request.caseId,
          request.expectedVersion,
        );
      }
    },

    readEvents(scope, caseId, options = {}) {
      return read(scope, "readEvents", async (tx, tenantId) => {
        const from = options.fromVersion ?? 1;
        if (!isStoreId(caseId) || Number.isNaN(from) || from > 2_147_483_647) return [];
        const params = [tenantId, caseId, Math.max(1, Math.ceil(from))];
        const visible =
          scope.clientId === undefined
            ? ""
            : ` AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = $1 AND c.case_id = $2
                AND c.client_id = $4)`;
        if (scope.clientId !== undefined) params.push(scope.clientId);
        const { rows } = await tx.query<{ version: number; body: CaseEventJson }>(
          `SELECT e.version, e.body FROM events e
           WHERE e.tenant_id = $1 AND e.case_id = $2 AND e.version >= $3::integer${visible}
           ORDER BY e.version`,
          params,
        );
        return rows.map((row) => ({ caseId, version: row.version, event: row.body }));
      });
    },

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

    putClient(scope, input) {
      return write(scope, "putClient", async (tx, tenantId) => {
        const record = parseInput(clientRecordSchema, input, "client");
        await tx.query(
          `INSERT INTO clients (tenant_id, client_id, name, reference) VALUES ($1, $2, $3, $4)
           ON CONFLICT (tenant_id, client_id)
           DO UPDATE SET name = EXCLUDED.name, reference = EXCLUDED.reference`,
          [tenantId, record.id, record.name, record.reference ?? null],
        );
      });
    },

    getClient(scope, clientId) {
      return read(scope, "getClient", async (tx, tenantId) => {
        if (!isStoreId(clientId) || !visible(scope, clientId)) return null;
        const { rows } = await tx.query<ClientColumns>(
          "SELECT client_id, name, reference FROM clients WHERE tenant_id = $1 AND client_id = $2",
          [tenantId, clientId],
        );
        return rows[0] === undefined ? null : clientOf(rows[0]);
      });
    },

    listClients(scope) {
      return read(scope, "listClients", async (tx, tenantId) => {
        const params = [tenantId];
        if (scope.clientId !== undefined) params.push(scope.clientId);
        const { rows } = await tx.query<ClientColumns>(
          `SELECT client_id, name, reference FROM clients WHERE tenant_id = $1
           ${scope.clientId === undefined ? "" : "AND client_id = $2"} ORDER BY client_id`,
          params,
        );
        return rows.map(clientOf).sort((a, b) => byId(a.id, b.id));
      });
    },

    putDebtor(scope, input) {
      return write(scope, "putDebtor", async (tx, tenantId) => {
        const debtor = parseInput(debtorRecordSchema, input, "debtor");
        await tx.query(
          `INSERT INTO debtors (tenant_id, debtor_id, kind, name, language, consumer,
             enterprise_number, contacts)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)
           ON CONFLICT (tenant_id, debtor_id) DO UPDATE SET kind = EXCLUDED.kind,
             name = EXCLUDED.name, language = EXCLUDED.language, consumer = EXCLUDED.consumer,
             enterprise_number = EXCLUDED.enterprise_number, contacts = EXCLUDED.contacts`,
          [
            tenantId,
            debtor.id,
            debtor.kind,
            debtor.name,
            debtor.language,
            debtor.consumer,
            debtor.enterpriseNumber ?? null,
            JSON.stringify(debtor.contacts),
          ],
        );
      });
    },

    getDebtor(scope, debtorId) {
      return read(scope, "getDebtor", async (tx, tenantId) => {
        if (!isStoreId(debtorId)) return null;
        const params = [tenantId, debtorId];
        let linked = "";
        if (scope.clientId !== undefined) {
          params.push(scope.clientId);
          linked = ` AND EXISTS (SELECT 1 FROM cases c WHERE c.tenant_id = $1 AND c.client_id = $3
            AND c.debtor_ids @> ARRAY[$2::text])`;
        }
        const { rows } = await tx.query<DebtorColumns>(
          `SELECT d.debtor_id, d.kind, d.name, d.language, d.consumer, d.enterprise_number,
             d.contacts
           FROM debtors d WHERE d.tenant_id = $1 AND d.debtor_id = $2${linked}`,
          params,
        );
        return rows[0] === undefined ? null : debtorOf(rows[0]);
      });
    },

    putTerms(scope, clientId, input) {
      return write(scope, "putTerms", async (tx, tenantId) => {
        parseInput(storeIdSchema, clientId, "clientId");
        const terms = parseInput(clientTermsSchema, input, "terms");
        await requireClient(tx, tenantId, clientId, "clientId");
        await tx.query(
          `INSERT INTO client_terms (tenant_id, client_id, terms) VALUES ($1, $2, $3::jsonb)
           ON CONFLICT (tenant_id, client_id) DO UPDATE SET terms = EXCLUDED.terms`,
          [tenantId, clientId, JSON.stringify(terms)],
        );
      });
    },

    getTerms(scope, clientId) {
      return read(scope, "getTerms", async (tx, tenantId) => {
        if (!isStoreId(clientId) || !visible(scope, clientId)) return null;
        const { rows } = await tx.query<{ terms: ClientTerms }>(
          "SELECT terms FROM client_terms WHERE tenant_id = $1 AND client_id = $2",
          [tenantId, clientId],
        );
        return rows[0]?.terms ?? null;
      });
    },

    putScenario(scope, clientId, input) {
      return write(scope, "putScenario", async (tx, tenantId) => {
        parseInput(storeIdSchema, clientId, "clientId");
        const scenario = parseScenario(input);
        await requireClient(tx, tenantId, clientId, "clientId");
        const params = [tenantId, clientId, scenario.id, scenario.version];
        const known = async () =>
          (
            await tx.query<{ definition: Scenario }>(
              `SELECT definition FROM scenarios WHERE tenant_id = $1 AND client_id = $2
               AND scenario_id = $3 AND version = $4::bigint`,
              params,
            )
          ).rows[0]?.definition;
        let stored = await known();
        if (stored === undefined) {
          const inserted = await tx.query(
            `INSERT INTO scenarios (tenant_id, client_id, scenario_id, version, definition)
             VALUES ($1, $2, $3, $4::bigint, $5::jsonb) ON CONFLICT DO NOTHING RETURNING 1`,
            [...params, JSON.stringify(scenario)],
          );
          if (inserted.rows.length === 1) return;
          stored = await known(); // another transaction stored this version meanwhile
        }
        if (canonicalJson(stored) !== canonicalJson(scenario)) throw reusedKey("scenario.version");
      });
    },

    listScenarios(scope, clientId) {
      return read(scope, "listScenarios", async (tx, tenantId) => {
        if (!isStoreId(clientId) || !visible(scope, clientId)) return [];
        return latestScenarios(tx, tenantId, clientId);
      });
    },

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
           WHERE tenant_id = $1 AND case_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))
           ORDER BY case_id FOR UPDATE`,
          [tenantId, JSON.stringify(caseIds.filter(isStoreId))],
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
        await tx.query(caseWriteSql("upsert"), [
          tenantId,
          JSON.stringify([...rows.values()].map(caseRowJson)),
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
        await tx.query(
          `UPDATE cases SET agenda_run_date = GREATEST(agenda_run_date, $2::date)
           WHERE tenant_id = $1 AND case_id = ANY ($3::text[])`,
          [tenantId, page.runDate, textArray(fresh)],
        );
        const candidates = page.entries.filter((entry) => rows.has(entry.caseId));
        if (candidates.length === 0) return { skipped };
        const { rows: known } = await tx.query<{ entry_id: string; status: string }>(
          `SELECT entry_id, status FROM agenda_entries
           WHERE tenant_id = $1 AND entry_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
          [tenantId, JSON.stringify(candidates.map((entry) => entry.id))],
        );
        // As the reference store does one entry after the other: an entry is (re)written unless
        // the one already there is disposed.
        const statuses = new Map(known.map((row) => [row.entry_id, row.status]));
        const entries = new Map<string, AgendaRecord>();
        for (const entry of candidates) {
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
            contextOf,
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

    claimOutbox(scope, input) {
      return write(scope, "claimOutbox", async (tx, tenantId) => {
        const request = parseInput(claimRequestSchema, input, "claim");
        const now = Temporal.Instant.from(request.now);
        const lease = now.add({ seconds: request.leaseSeconds });
        const nowParts = instantParts(now);
        const leaseParts = instantParts(lease);
        const { rows } = await tx.query<OutboxRow>(
          `WITH sendable AS (
             SELECT o.message_id FROM outbox o
             WHERE o.tenant_id = $1 AND o.status IN ('pending', 'claimed')
               AND ((o.status = 'pending' AND (o.not_before IS NULL
                     OR (o.not_before, o.not_before_ns) <= ($2::timestamptz, $3::smallint)))
                 OR (o.status = 'claimed'
                     AND (o.lease_until, o.lease_until_ns) <= ($2::timestamptz, $3::smallint)))
             ORDER BY o.position
             LIMIT $4::integer
             FOR UPDATE SKIP LOCKED
           )
           UPDATE outbox o SET status = 'claimed', claimed_by = $5, attempts = o.attempts + 1,
             lease_until = $6::timestamptz, lease_until_ns = $7::smallint, lease_until_text = $8
           FROM sendable
           WHERE o.tenant_id = $1 AND o.message_id = sendable.message_id
           RETURNING ${OUTBOX_COLUMNS}`,
          [
            tenantId,
            nowParts.at,
            nowParts.ns,
            request.limit,
            request.worker,
            leaseParts.at,
            leaseParts.ns,
            lease.toString(),
          ],
        );
        return rows
          .sort((a, b) => Number(BigInt(a.position) - BigInt(b.position)))
          .map(outboxMessageOf);
      });
    },

    completeOutbox(scope, input) {
      return write(scope, "completeOutbox", async (tx, tenantId) => {
        const request = parseInput(completeRequestSchema, input, "complete");
        const { rows } = await tx.query<OutboxRow>(
          `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE o.tenant_id = $1 AND o.message_id = $2
           FOR UPDATE`,
          [tenantId, request.id],
        );
        const message = rows[0];
        checkCompletion(
          message === undefined
            ? undefined
            : { status: message.status, claimedBy: message.claimed_by },
          request,
        );
        const { rows: updated } = await tx.query<OutboxRow>(
          `UPDATE outbox o SET status = $3, completed_at = $4::timestamptz, completed_at_text = $5,
             detail = $6
           WHERE o.tenant_id = $1 AND o.message_id = $2
           RETURNING ${OUTBOX_COLUMNS}`,
          [
            tenantId,
            request.id,
            request.outcome,
            instantParts(Temporal.Instant.from(request.at)).at,
            storeInstant(request.at),
            request.detail ?? null,
          ],
        );
        const [done] = updated;
        if (done === undefined) throw new Error(`outbox message ${request.id} vanished`);
        return outboxMessageOf(done);
      });
    },

    listOutbox(scope, input = {}) {
      return read(scope, "listOutbox", async (tx, tenantId) => {
        const query = parseInput(outboxQuerySchema, input, "query");
        const params: unknown[] = [tenantId];
        const where = ["o.tenant_id = $1"];
        const add = (condition: (ref: string) => string, value: unknown) => {
          params.push(value);
          where.push(condition(`$${params.length}`));
        };
        if (scope.clientId !== undefined) add((ref) => `o.client_id = ${ref}`, scope.clientId);
        if (query.status !== undefined) add((ref) => `o.status = ${ref}`, query.status);
        if (query.caseId !== undefined) add((ref) => `o.case_id = ${ref}`, query.caseId);
        params.push(query.limit);
        const { rows } = await tx.query<OutboxRow>(
          `SELECT ${OUTBOX_COLUMNS} FROM outbox o WHERE ${where.join(" AND ")}
           ORDER BY o.position LIMIT $${params.length}::integer`,
          params,
        );
        return rows.map(outboxMessageOf);
      });
    },

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
                   case_id, errors)
                 SELECT $1, $2, r.position, r.row, r.outcome, r."caseId", r.errors
                 FROM jsonb_to_recordset($3::jsonb)
                   AS r(position integer, row bigint, outcome text, "caseId" text, errors jsonb)`,
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

/** What an append reads before it plans: the stored events and the projection context. */
interface AppendReads {
  readonly existing: CaseEventJson[];
  readonly events: true;
  readonly context: ProjectionContext;
  readonly clientId: string | null;
  readonly clientExists: boolean;
}

/** Whether a planned append's client is known to exist, from what was read before planning. */
function clientKnown(prepared: AppendReads, plan: PreparedAppend): boolean {
  return prepared.clientExists && plan.clientId === prepared.clientId;
}

type ParsedAppend = ReturnType<typeof parseAppendRequest>;

/**
 * An append in one transaction (the agenda's dispositions use it, inside their own): what
 * {@link readForAppend} reads, the plan, and {@link writeAppend}.
 */
async function appendIn(
  tx: SqlQueryable,
  tenantId: string,
  request: ParsedAppend,
  contextOf: ContextOf,
): Promise<AppendResult> {
  const prepared = await readForAppend(tx, tenantId, request, contextOf);
  if (!("events" in prepared)) return prepared;
  const plan = prepareAppend(prepared.existing, request, prepared.context);
  return writeAppend(tx, tenantId, request, plan, clientKnown(prepared, plan));
}

type ContextOf = (
  tx: SqlQueryable,
  tenantId: string,
  clientId: string | null,
) => Promise<ProjectionContext & { readonly clientExists: boolean }>;

/**
 * The reads an append plans on, taking no lock: the stored answer of its idempotency key (then
 * that is the append's answer), or the case's stored events, its client's terms and scenarios, and
 * whether the client exists. {@link writeAppend} checks under lock that the case did not move on.
 */
async function readForAppend(
  tx: SqlQueryable,
  tenantId: string,
  request: ParsedAppend,
  contextOf: ContextOf,
): Promise<AppendResult | AppendReads> {
  const known = await knownAppend(tx, tenantId, request);
  if (known !== undefined) return known;
  const { rows: stored } = await tx.query<{ body: CaseEventJson }>(
    "SELECT body FROM events WHERE tenant_id = $1 AND case_id = $2 ORDER BY version",
    [tenantId, request.caseId],
  );
  const existing = stored.map((row) => row.body);
  const clientId = existing.length > 0 ? clientIdOf(existing) : openingClientId(request);
  const { clientExists, ...context } = await contextOf(tx, tenantId, clientId);
  return { existing, events: true, context, clientId, clientExists };
}

/** The stored answer of the append's idempotency key, if it has one and it was stored. */
async function knownAppend(
  tx: SqlQueryable,
  tenantId: string,
  request: ParsedAppend,
): Promise<AppendResult | undefined> {
  const key = request.idempotencyKey;
  if (key === undefined) return undefined;
  const { rows } = await tx.query<{
    fingerprint: string;
    case_id: string;
    previous_version: number;
    version: number;
  }>(
    `SELECT fingerprint, case_id, previous_version, version FROM idempotency_keys
     WHERE tenant_id = $1 AND idempotency_key = $2`,
    [tenantId, key],
  );
  const known = rows[0];
  if (known === undefined) return undefined;
  if (known.fingerprint !== sha256(appendFingerprint(request))) {
    throw reusedKey("append.idempotencyKey");
  }
  return {
    caseId: known.case_id,
    previousVersion: known.previous_version,
    version: known.version,
    replayed: true,
  };
}

/**
 * The writes of a planned append, in a transaction that does no computing: the idempotency key
 * checked again under an advisory lock of the key (two appends with one key take turns), the case
 * locked and found still at the version planned on (else a {@link StoreConflictError}, as the plan
 * would have given), the client and the outbox keys checked, then the row, the events, the key
 * and the outbox messages.
 */
async function writeAppend(
  tx: SqlQueryable,
  tenantId: string,
  request: ParsedAppend,
  plan: PreparedAppend,
  clientKnown: boolean,
): Promise<AppendResult> {
  const key = request.idempotencyKey;
  if (key !== undefined) {
    await tx.query("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [
      `incasso idempotency ${tenantId} ${key}`,
    ]);
    const known = await knownAppend(tx, tenantId, request);
    if (known !== undefined) return known;
  }
  const existing = plan.result.previousVersion;
  const actual = await lockCase(tx, tenantId, request.caseId);
  if (actual !== existing) {
    throw new StoreConflictError(request.caseId, request.expectedVersion, actual);
  }
  if (existing === 0 && !clientKnown) {
    await requireClient(tx, tenantId, plan.clientId, "append.events.0.client.id");
  }
  if (plan.outbox.length > 0) {
    const { rows } = await tx.query<{ message_id: string }>(
      `SELECT message_id FROM outbox
       WHERE tenant_id = $1 AND message_id = ANY (ARRAY(SELECT jsonb_array_elements_text($2::jsonb)))`,
      [tenantId, JSON.stringify(plan.outbox.map((message) => message.key))],
    );
    const taken = new Set(rows.map((row) => row.message_id));
    const index = plan.outbox.findIndex((message) => taken.has(message.key));
    if (index >= 0) throw reusedKey(`append.outbox.${index}.key`);
  }

  const rowJson = JSON.stringify([caseRowJson(plan.row)]);
  if (existing === 0) {
    // A new case: its row is inserted first, so of two creators the second waits for the first
    // and then finds the row there (a conflict), before writing anything.
    const inserted = await tx.query(caseWriteSql("insert"), [tenantId, rowJson]);
    if (inserted.rows.length === 0) {
      throw new StoreConflictError(
        request.caseId,
        request.expectedVersion,
        await caseVersion(tx, tenantId, request.caseId),
      );
    }
  } else {
    await tx.query(caseWriteSql("upsert"), [tenantId, rowJson]);
  }
  await tx.query(
    `INSERT INTO events (tenant_id, case_id, version, type, at, recorded_at, body)
     SELECT $1, $2, e.version, e.body->>'type', (e.body->>'at')::date,
       (e.body->>'recordedAt')::timestamptz, e.body
     FROM jsonb_to_recordset($3::jsonb) AS e(version integer, body jsonb)`,
    [
      tenantId,
      request.caseId,
      JSON.stringify(
        plan.events.map((stored) => ({ version: stored.version, body: stored.event })),
      ),
    ],
  );
  if (key !== undefined) {
    await tx.query(
      `INSERT INTO idempotency_keys (tenant_id, idempotency_key, fingerprint, case_id,
         previous_version, version)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [
        tenantId,
        key,
        sha256(plan.fingerprint),
        request.caseId,
        plan.result.previousVersion,
        plan.result.version,
      ],
    );
  }
  if (plan.outbox.length > 0) {
    const messages = plan.outbox.map((message) => {
      const notBefore =
        message.notBefore === undefined
          ? null
          : instantParts(Temporal.Instant.from(message.notBefore));
      return {
        id: message.key,
        kind: message.kind,
        payload: message.payload,
        notBefore: notBefore?.at ?? null,
        notBeforeNs: notBefore?.ns ?? null,
        notBeforeText: message.notBefore === undefined ? null : storeInstant(message.notBefore),
      };
    });
    const { rows } = await tx.query<{ message_id: string }>(
      `INSERT INTO outbox (tenant_id, message_id, client_id, case_id, case_version, kind, payload,
         not_before, not_before_ns, not_before_text)
       SELECT $1, m.item->>'id', $2, $3, $4, m.item->>'kind', m.item->'payload',
         (m.item->>'notBefore')::timestamptz, (m.item->>'notBeforeNs')::smallint,
         m.item->>'notBeforeText'
       FROM jsonb_array_elements($5::jsonb) WITH ORDINALITY AS m(item, ordinality)
       ORDER BY m.ordinality
       ON CONFLICT (tenant_id, message_id) DO NOTHING
       RETURNING message_id`,
      [tenantId, plan.clientId, request.caseId, plan.result.version, JSON.stringify(messages)],
    );
    if (rows.length < messages.length) {
      // Another transaction wrote one of these keys since they were checked.
      const written = new Set(rows.map((row) => row.message_id));
      throw reusedKey(`append.outbox.${messages.findIndex((m) => !written.has(m.id))}.key`);
    }
  }
  return plan.result;
}

/**
 * A writer that lost a race on the events' primary key (two appends of one version: possible only
 * when a case's row is missing, such as before {@link rebuildProjections}) gets the same
 * {@link StoreConflictError} as a stale version; any other error is answered as it is.
 */
async function conflictOf(
  error: unknown,
  client: SqlClient,
  tenantId: string,
  operation: string,
  caseId: string,
  expectedVersion: number,
): Promise<unknown> {
  const { code, constraint } = sqlState(error);
  if (code !== "23505" || (constraint !== "events_pkey" && constraint !== "cases_pkey")) {
    return error;
  }
  const actual = await inTenant(client, tenantId, operation, (tx) =>
    eventCount(tx, tenantId, caseId),
  );
  return new StoreConflictError(caseId, expectedVersion, actual);
}

/**
 * Locks a case's row, then answers the case's version from its events (read after the lock, so
 * a writer it waited for is seen; the row's own version is not trusted, a restored row may lag).
 */
async function lockCase(tx: SqlQueryable, tenantId: string, caseId: string): Promise<number> {
  await tx.query("SELECT 1 FROM cases WHERE tenant_id = $1 AND case_id = $2 FOR UPDATE", [
    tenantId,
    caseId,
  ]);
  return eventCount(tx, tenantId, caseId);
}

async function caseVersion(tx: SqlQueryable, tenantId: string, caseId: string): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    "SELECT version FROM cases WHERE tenant_id = $1 AND case_id = $2",
    [tenantId, caseId],
  );
  return rows[0]?.version ?? (await eventCount(tx, tenantId, caseId));
}

async function eventCount(tx: SqlQueryable, tenantId: string, caseId: string): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    "SELECT COALESCE(max(version), 0)::integer AS version FROM events WHERE tenant_id = $1 AND case_id = $2",
    [tenantId, caseId],
  );
  return rows[0]?.version ?? 0;
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

/**
 * A client's collection terms and the latest version of each of its scenarios (by id), with the
 * host's rate tables: what every projection of its cases is computed with; and whether the client
 * exists. One statement.
 */
export async function loadContext(
  tx: SqlQueryable,
  tenantId: string,
  clientId: string | null,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
): Promise<ProjectionContext & { readonly clientExists: boolean }> {
  const tables = rateTables === undefined ? {} : { rateTables };
  if (clientId === null) return { terms: null, scenarios: [], ...tables, clientExists: false };
  const { rows } = await tx.query<{
    client_exists: boolean;
    terms: ClientTerms | null;
    scenarios: { id: string; definition: Scenario }[];
  }>(
    `SELECT
       EXISTS (SELECT 1 FROM clients WHERE tenant_id = $1 AND client_id = $2) AS client_exists,
       (SELECT terms FROM client_terms WHERE tenant_id = $1 AND client_id = $2) AS terms,
       COALESCE((SELECT jsonb_agg(jsonb_build_object('id', s.scenario_id, 'definition', s.definition))
         FROM (SELECT DISTINCT ON (scenario_id) scenario_id, definition FROM scenarios
               WHERE tenant_id = $1 AND client_id = $2
               ORDER BY scenario_id, version DESC) AS s), '[]'::jsonb) AS scenarios`,
    [tenantId, clientId],
  );
  const row = rows[0];
  return {
    terms: row?.terms ?? null,
    scenarios: (row?.scenarios ?? [])
      .sort((a, b) => byId(a.id, b.id))
      .map((scenario) => scenario.definition),
    ...tables,
    clientExists: row?.client_exists ?? false,
  };
}

async function latestScenarios(
  tx: SqlQueryable,
  tenantId: string,
  clientId: string,
): Promise<Scenario[]> {
  const { rows } = await tx.query<{ scenario_id: string; definition: Scenario }>(
    `SELECT DISTINCT ON (scenario_id) scenario_id, definition FROM scenarios
     WHERE tenant_id = $1 AND client_id = $2 ORDER BY scenario_id, version DESC`,
    [tenantId, clientId],
  );
  return rows.sort((a, b) => byId(a.scenario_id, b.scenario_id)).map((row) => row.definition);
}

async function requireClient(
  tx: SqlQueryable,
  tenantId: string,
  clientId: string,
  path: string,
): Promise<void> {
  const { rows } = await tx.query("SELECT 1 FROM clients WHERE tenant_id = $1 AND client_id = $2", [
    tenantId,
    clientId,
  ]);
  if (rows.length === 0) {
    throw missingClient(path, clientId);
  }
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

interface ClientColumns {
  client_id: string;
  name: string;
  reference: string | null;
}

function clientOf(row: ClientColumns): ClientRecord {
  return {
    id: row.client_id,
    name: row.name,
    ...(row.reference === null ? {} : { reference: row.reference }),
  };
}

interface DebtorColumns {
  debtor_id: string;
  kind: DebtorRecord["kind"];
  name: string;
  language: DebtorRecord["language"];
  consumer: boolean;
  enterprise_number: string | null;
  contacts: DebtorRecord["contacts"];
}

function debtorOf(row: DebtorColumns): DebtorRecord {
  return {
    id: row.debtor_id,
    kind: row.kind,
    name: row.name,
    language: row.language,
    consumer: row.consumer,
    ...(row.enterprise_number === null ? {} : { enterpriseNumber: row.enterprise_number }),
    contacts: row.contacts,
  };
}

/** The client of a case, from its stored `case.opened` event. */
function clientIdOf(events: readonly CaseEventJson[]): string | null {
  const first = events[0];
  return first?.type === "case.opened" ? first.client.id : null;
}

function visible(scope: StoreScope, clientId: string): boolean {
  return scope.clientId === undefined || scope.clientId === clientId;
}

/** Whether a text is an id a store could have stored (anything else matches nothing). */
function isStoreId(value: unknown): value is string {
  return storeIdSchema.safeParse(value).success;
}

/** PostgreSQL text cannot hold U+0000, so such a text matches nothing stored. */
function hasNul(value: string | null | undefined): boolean {
  return value?.includes("\u0000") ?? false;
}

function byId(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

/**
 * A PostgreSQL text array literal (`{"a","b"}`) of the values, every element quoted and escaped,
 * passed as one text parameter and cast with `::text[]`: a constant array the planner can hash,
 * where an array made from JSON inside the statement is opaque to it.
 */
function textArray(values: readonly string[]): string {
  return `{${values.map((value) => `"${value.replace(/["\\]/g, "\\$&")}"`).join(",")}}`;
}
