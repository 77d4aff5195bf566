import type { AppendResult, CaseEventJson, CaseEventStore, RateTable } from "@incasso/core";
import { StoreConflictError } from "@incasso/core";
import type { PreparedAppend, ProjectionContext } from "@incasso/core/adapter-kit";
import {
  appendFingerprint,
  assertWritable,
  openingClientId,
  parseAppendRequest,
  parseScope,
  prepareAppend,
  reusedKey,
} from "@incasso/core/adapter-kit";
import { caseRowJson, caseWriteSql, outboxItemJson } from "../rows.js";
import type { SqlClient, SqlQueryable } from "../sql-client.js";
import { inTenant, sqlState } from "../sql-client.js";
import { appendMany } from "./append-many.js";
import type { ContextRow, StoreContext } from "./context.js";
import { contextColumns, contextOfRow } from "./context.js";
import { isStoreId, requireClient, sha256 } from "./shared.js";

/** The case events port (`CaseEventStore`): appends and the events of a case. */
export function createCaseEventStore({ client, read, rateTables }: StoreContext): CaseEventStore {
  const store: CaseEventStore = {
    async append(scope, input) {
      const { tenantId } = parseScope(scope);
      assertWritable(scope);
      const request = parseAppendRequest(input);
      try {
        // Read and plan in one short transaction, compute the plan with no transaction open, then
        // write in another that checks the case is still at the version planned on.
        const prepared = await inTenant(client, tenantId, "append", (tx) =>
          readForAppend(tx, tenantId, request, rateTables),
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

    appendMany(scope, requests) {
      return appendMany(
        client,
        rateTables,
        (request) => store.append(scope, request),
        scope,
        requests,
      );
    },
  };
  return store;
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

export type ParsedAppend = ReturnType<typeof parseAppendRequest>;

/**
 * An append in one transaction (the agenda's dispositions use it, inside their own): what
 * {@link readForAppend} reads, the plan, and {@link writeAppend}.
 */
export async function appendIn(
  tx: SqlQueryable,
  tenantId: string,
  request: ParsedAppend,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
): Promise<AppendResult> {
  const prepared = await readForAppend(tx, tenantId, request, rateTables);
  if (!("events" in prepared)) return prepared;
  const plan = prepareAppend(prepared.existing, request, prepared.context);
  return writeAppend(tx, tenantId, request, plan, clientKnown(prepared, plan));
}

/**
 * The reads an append plans on, taking no lock: in one statement, the case's stored events, its
 * client's terms and scenarios, and whether the client exists (the client of the stored
 * `case.opened` event, or of the request's when the case has no events yet); then the stored
 * answer of its idempotency key, which is the append's answer when there is one.
 * {@link writeAppend} checks under lock that the case did not move on.
 */
async function readForAppend(
  tx: SqlQueryable,
  tenantId: string,
  request: ParsedAppend,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
): Promise<AppendResult | AppendReads> {
  const { rows } = await tx.query<
    ContextRow & { events: CaseEventJson[] | null; client_id: string | null }
  >(
    `WITH stored AS (
       SELECT jsonb_agg(body ORDER BY version) AS events FROM events
       WHERE tenant_id = $1 AND case_id = $2),
     owner AS (
       SELECT stored.events, CASE
           WHEN stored.events IS NULL THEN $3::text
           WHEN stored.events->0->>'type' = 'case.opened' THEN stored.events->0->'client'->>'id'
         END AS client_id
       FROM stored)
     SELECT owner.events, owner.client_id, ${contextColumns("owner.client_id")} FROM owner`,
    [tenantId, request.caseId, openingClientId(request)],
  );
  // The idempotency key is looked up after the events are read, in a later statement: a
  // submission under the same key that committed before the events were read (its events among
  // them) has its key seen here too, and this one is its replay, not a conflict.
  const known = await knownAppend(tx, tenantId, request);
  if (known !== undefined) return known;
  const row = rows[0];
  const existing = row?.events ?? [];
  const clientId = row?.client_id ?? null;
  const { clientExists, ...context } = contextOfRow(
    clientId === null ? undefined : row,
    rateTables,
  );
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

  // The row and the events in one statement. A new case's row is inserted first and its events
  // only if it was, so of two creators the second waits for the first and then finds the row
  // there (a conflict), writing nothing.
  const { rows: written } = await tx.query<{ inserted: number }>(
    `WITH written AS (${caseWriteSql(existing === 0 ? "insert" : "upsert")}${existing === 0 ? "" : " RETURNING c.case_id"}),
     appended AS (
       INSERT INTO events (tenant_id, case_id, version, type, at, recorded_at, body)
       SELECT $1, $3, e.version, e.body->>'type', (e.body->>'at')::date,
         (e.body->>'recordedAt')::timestamptz, e.body
       FROM jsonb_to_recordset($4::jsonb) AS e(version integer, body jsonb)
       WHERE EXISTS (SELECT 1 FROM written))
     SELECT count(*)::integer AS inserted FROM written`,
    [
      tenantId,
      JSON.stringify([caseRowJson(plan.row)]),
      request.caseId,
      JSON.stringify(
        plan.events.map((stored) => ({ version: stored.version, body: stored.event })),
      ),
    ],
  );
  if ((written[0]?.inserted ?? 0) === 0) {
    throw new StoreConflictError(
      request.caseId,
      request.expectedVersion,
      await caseVersion(tx, tenantId, request.caseId),
    );
  }
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
    const messages = plan.outbox.map(outboxItemJson);
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
export async function conflictOf(
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
 * Locks a case's row and answers the case's version, in one statement: the row's version as
 * locked (a writer it waited for wrote its row with its events, and the lock sees that row) or
 * the count of its events read in the statement, whichever is higher (the row's own version alone
 * is not trusted, a restored row may lag; without a row, the events' count).
 */
export async function lockCase(
  tx: SqlQueryable,
  tenantId: string,
  caseId: string,
): Promise<number> {
  const { rows } = await tx.query<{ version: number }>(
    `WITH locked AS MATERIALIZED (
       SELECT version FROM cases WHERE tenant_id = $1 AND case_id = $2 FOR UPDATE)
     SELECT GREATEST((SELECT max(version) FROM locked),
       (SELECT COALESCE(max(version), 0) FROM events WHERE tenant_id = $1 AND case_id = $2))::integer
       AS version`,
    [tenantId, caseId],
  );
  return rows[0]?.version ?? 0;
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
