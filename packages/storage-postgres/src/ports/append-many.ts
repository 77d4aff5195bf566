import type {
  AppendOutcome,
  AppendRequest,
  AppendResult,
  CaseEventJson,
  RateTable,
  StoreScope,
} from "@incasso/core";
import { StoreUnavailableError } from "@incasso/core";
import type { ParsedAppendRequest, PreparedAppend } from "@incasso/core/adapter-kit";
import {
  appendInTurn,
  assertWritable,
  independentOfEarlier,
  openingClientId,
  parseAppendMany,
  parseAppendRequest,
  parseScope,
  prepareAppend,
} from "@incasso/core/adapter-kit";
import { caseRowJson, caseWriteSql, outboxItemJson } from "../rows.js";
import type { SqlClient, SqlQueryable } from "../sql-client.js";
import { inTenant } from "../sql-client.js";
import type { ContextRow } from "./context.js";
import { contextColumns, contextOfRow } from "./context.js";
import { byId, sha256 } from "./shared.js";

/** Requests written together in one transaction, at most. */
const TOGETHER_REQUESTS = 250;
/** Events written together in one transaction, at most. */
const TOGETHER_EVENTS = 10_000;

/** A request planned to be written with others: its place in the call and its plan. */
interface Planned {
  readonly index: number;
  readonly request: ParsedAppendRequest;
  readonly plan: PreparedAppend;
}

/**
 * The PostgreSQL store's `appendMany`: the requests independent of every earlier one (see the
 * core's `independentOfEarlier`) are planned together and written together, a few hundred in
 * one transaction; every other request (one that depends on an earlier one, whose key is known,
 * whose plan fails, whose client is unknown, or whose chunk met another writer) is appended on
 * its own afterwards, in order, so that each is answered as `append` answers it.
 *
 * A chunk is read in one short transaction (the cases' events, their clients' contexts, the keys
 * already known), planned with no transaction open, and written in a second transaction that
 * takes the keys' advisory locks and the cases' row locks in a fixed order, checks that nothing
 * moved since the reads (no key stored, every case at the version planned on, no outbox key
 * taken) and writes the rows, the events, the keys and the outbox messages in five statements.
 * When anything moved, or the database refuses a write, the transaction is rolled back and the
 * chunk's requests are appended one by one; only a lost connection rejects the call.
 */
export async function appendMany(
  client: SqlClient,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
  append: (request: AppendRequest) => Promise<AppendResult>,
  scope: StoreScope,
  input: readonly AppendRequest[],
): Promise<AppendOutcome[]> {
  const { tenantId } = parseScope(scope);
  assertWritable(scope);
  const requests = parseAppendMany(input);
  const parsed = requests.map((request) => {
    try {
      return parseAppendRequest(request);
    } catch {
      return null;
    }
  });
  const independent = independentOfEarlier(parsed);
  const outcomes = new Map<number, AppendOutcome>();
  let chunk: { index: number; request: ParsedAppendRequest }[] = [];
  let events = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    const written = await writeTogether(client, tenantId, rateTables, chunk);
    for (const [index, result] of written) outcomes.set(index, { ok: true, result });
    chunk = [];
    events = 0;
  };
  for (const [index, request] of parsed.entries()) {
    if (request === null || independent[index] !== true) continue;
    if (chunk.length >= TOGETHER_REQUESTS || events + request.events.length > TOGETHER_EVENTS) {
      await flush();
    }
    chunk.push({ index, request });
    events += request.events.length;
  }
  await flush();
  // The rest one by one, in the order given.
  const rest = requests.flatMap((request, index) =>
    outcomes.has(index) ? [] : [{ request, index }],
  );
  const answered = await appendInTurn(
    rest.map((entry) => entry.request),
    append,
  );
  for (const [position, entry] of rest.entries()) {
    const outcome = answered[position];
    if (outcome !== undefined) outcomes.set(entry.index, outcome);
  }
  return requests.map((_, index) => outcomes.get(index) as AppendOutcome);
}

/** Something moved between the reads and the writes of a chunk: append its requests one by one. */
class Moved extends Error {}

/**
 * Reads, plans and writes a chunk of independent requests; answers the results of those written
 * (none when the chunk met another writer: then they are all left to be appended one by one).
 */
async function writeTogether(
  client: SqlClient,
  tenantId: string,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
  chunk: readonly { index: number; request: ParsedAppendRequest }[],
): Promise<Map<number, AppendResult>> {
  const planned = await planTogether(client, tenantId, rateTables, chunk);
  const written = new Map<number, AppendResult>();
  if (planned.length === 0) return written;
  try {
    await inTenant(client, tenantId, "appendMany", (tx) => writePlanned(tx, tenantId, planned));
  } catch (error) {
    if (error instanceof StoreUnavailableError) throw error;
    // Another writer got there between the reads and the writes, or the database refused a
    // write: nothing of the chunk was stored, and each request is answered on its own.
    return written;
  }
  for (const entry of planned) written.set(entry.index, entry.plan.result);
  return written;
}

/**
 * The reads of a chunk, in one transaction and three statements (the cases' stored events with
 * their clients, the clients' projection contexts, the idempotency keys already stored), and the
 * plans of the requests that can be written together: not replays of a stored key, a known
 * client, a plan the core accepts.
 */
async function planTogether(
  client: SqlClient,
  tenantId: string,
  rateTables: ReadonlyMap<string, RateTable> | undefined,
  chunk: readonly { index: number; request: ParsedAppendRequest }[],
): Promise<Planned[]> {
  const reads = await inTenant(client, tenantId, "appendMany", async (tx) => {
    const { rows: cases } = await tx.query<{
      case_id: string;
      events: CaseEventJson[] | null;
      client_id: string | null;
    }>(
      `SELECT r.case_id, s.events, CASE
           WHEN s.events IS NULL THEN r.opening_client
           WHEN s.events->0->>'type' = 'case.opened' THEN s.events->0->'client'->>'id'
         END AS client_id
       FROM jsonb_to_recordset($2::jsonb) AS r(case_id text, opening_client text)
       CROSS JOIN LATERAL (
         SELECT jsonb_agg(e.body ORDER BY e.version) AS events FROM events e
         WHERE e.tenant_id = $1 AND e.case_id = r.case_id) AS s`,
      [
        tenantId,
        JSON.stringify(
          chunk.map(({ request }) => ({
            case_id: request.caseId,
            opening_client: openingClientId(request),
          })),
        ),
      ],
    );
    const clients = [
      ...new Set(cases.flatMap((row) => (row.client_id === null ? [] : [row.client_id]))),
    ];
    const { rows: contexts } = await tx.query<ContextRow & { client_id: string }>(
      `SELECT c.client_id, ${contextColumns("c.client_id")}
       FROM unnest($2::text[]) AS c(client_id)`,
      [tenantId, clients],
    );
    // The keys are looked up after the events are read, as `append` does: a submission that
    // committed before the events were read has its key seen here.
    const { rows: keys } = await tx.query<{ idempotency_key: string }>(
      `SELECT idempotency_key FROM idempotency_keys
       WHERE tenant_id = $1 AND idempotency_key = ANY ($2::text[])`,
      [tenantId, chunk.flatMap(({ request }) => request.idempotencyKey ?? [])],
    );
    return { cases, contexts, keys };
  });
  const stored = new Map(reads.cases.map((row) => [row.case_id, row]));
  const contexts = new Map(reads.contexts.map((row) => [row.client_id, row]));
  const known = new Set(reads.keys.map((row) => row.idempotency_key));
  const planned: Planned[] = [];
  for (const { index, request } of chunk) {
    if (request.idempotencyKey !== undefined && known.has(request.idempotencyKey)) continue;
    const row = stored.get(request.caseId);
    const clientId = row?.client_id ?? null;
    const contextRow = clientId === null ? undefined : contexts.get(clientId);
    const { clientExists, ...context } = contextOfRow(contextRow, rateTables);
    let plan: PreparedAppend;
    try {
      plan = prepareAppend(row?.events ?? [], request, context);
    } catch {
      continue;
    }
    if (!clientExists || plan.clientId !== clientId) continue;
    planned.push({ index, request, plan });
  }
  return planned;
}

/**
 * The writes of a planned chunk: the keys' advisory locks (in the order of their hashes) and the
 * cases' row locks (in the order of their ids), the checks that nothing moved (else
 * {@link Moved}), then the new rows, the updated rows, the events, the keys and the outbox
 * messages.
 */
async function writePlanned(
  tx: SqlQueryable,
  tenantId: string,
  planned: readonly Planned[],
): Promise<void> {
  const keys = planned.flatMap(({ request }) => request.idempotencyKey ?? []);
  if (keys.length > 0) {
    await tx.query(
      `SELECT count(pg_advisory_xact_lock(l.lock)) FROM (
         SELECT hashtextextended('incasso idempotency ' || $1 || ' ' || k, 0) AS lock
         FROM unnest($2::text[]) AS k ORDER BY 1) AS l`,
      [tenantId, keys],
    );
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM idempotency_keys
       WHERE tenant_id = $1 AND idempotency_key = ANY ($2::text[])`,
      [tenantId, keys],
    );
    if ((rows[0]?.n ?? 0) > 0) throw new Moved();
  }
  const { rows: versions } = await tx.query<{ case_id: string; version: number }>(
    `WITH ids AS (SELECT DISTINCT unnest($2::text[]) AS case_id),
     locked AS MATERIALIZED (
       SELECT c.case_id, c.version FROM cases c JOIN ids USING (case_id)
       WHERE c.tenant_id = $1 ORDER BY c.case_id FOR UPDATE OF c)
     SELECT ids.case_id, GREATEST(locked.version,
       (SELECT COALESCE(max(e.version), 0) FROM events e
        WHERE e.tenant_id = $1 AND e.case_id = ids.case_id))::integer AS version
     FROM ids LEFT JOIN locked USING (case_id)`,
    [tenantId, planned.map(({ request }) => request.caseId)],
  );
  const actual = new Map(versions.map((row) => [row.case_id, row.version]));
  for (const { request, plan } of planned) {
    if ((actual.get(request.caseId) ?? 0) !== plan.result.previousVersion) throw new Moved();
  }
  const messages = planned.flatMap(({ request, plan }) =>
    plan.outbox.map((message) => ({
      ...outboxItemJson(message),
      clientId: plan.clientId,
      caseId: request.caseId,
      caseVersion: plan.result.version,
    })),
  );
  if (messages.length > 0) {
    const { rows } = await tx.query<{ n: number }>(
      `SELECT count(*)::integer AS n FROM outbox
       WHERE tenant_id = $1 AND message_id = ANY ($2::text[])`,
      [tenantId, messages.map((message) => message.id)],
    );
    if ((rows[0]?.n ?? 0) > 0) throw new Moved();
  }

  // New cases' rows first: a creator that got there since the reads keeps its row, and the
  // chunk is appended one by one. The rows go in in the order of their case ids, as the locks
  // were taken, so that two calls creating the same cases wait for each other in one order.
  const created = planned
    .filter(({ plan }) => plan.result.previousVersion === 0)
    .sort((a, b) => byId(a.request.caseId, b.request.caseId));
  if (created.length > 0) {
    const { rows } = await tx.query(caseWriteSql("insert"), [
      tenantId,
      JSON.stringify(created.map(({ plan }) => caseRowJson(plan.row))),
    ]);
    if (rows.length !== created.length) throw new Moved();
  }
  const updated = planned.filter(({ plan }) => plan.result.previousVersion > 0);
  if (updated.length > 0) {
    await tx.query(caseWriteSql("upsert"), [
      tenantId,
      JSON.stringify(updated.map(({ plan }) => caseRowJson(plan.row))),
    ]);
  }
  await tx.query(
    `INSERT INTO events (tenant_id, case_id, version, type, at, recorded_at, body)
     SELECT $1, e.case_id, e.version, e.body->>'type', (e.body->>'at')::date,
       (e.body->>'recordedAt')::timestamptz, e.body
     FROM jsonb_to_recordset($2::jsonb) AS e(case_id text, version integer, body jsonb)`,
    [
      tenantId,
      JSON.stringify(
        planned.flatMap(({ request, plan }) =>
          plan.events.map((stored) => ({
            case_id: request.caseId,
            version: stored.version,
            body: stored.event,
          })),
        ),
      ),
    ],
  );
  const keyed = planned.filter(({ request }) => request.idempotencyKey !== undefined);
  if (keyed.length > 0) {
    await tx.query(
      `INSERT INTO idempotency_keys (tenant_id, idempotency_key, fingerprint, case_id,
         previous_version, version)
       SELECT $1, k.key, k.fingerprint, k.case_id, k.previous_version, k.version
       FROM jsonb_to_recordset($2::jsonb)
         AS k(key text, fingerprint text, case_id text, previous_version integer, version integer)`,
      [
        tenantId,
        JSON.stringify(
          keyed.map(({ request, plan }) => ({
            key: request.idempotencyKey,
            fingerprint: sha256(plan.fingerprint),
            case_id: request.caseId,
            previous_version: plan.result.previousVersion,
            version: plan.result.version,
          })),
        ),
      ],
    );
  }
  if (messages.length > 0) {
    const { rows } = await tx.query(
      `INSERT INTO outbox (tenant_id, message_id, client_id, case_id, case_version, kind, payload,
         not_before, not_before_ns, not_before_text)
       SELECT $1, m.item->>'id', m.item->>'clientId', m.item->>'caseId',
         (m.item->>'caseVersion')::integer, m.item->>'kind', m.item->'payload',
         (m.item->>'notBefore')::timestamptz, (m.item->>'notBeforeNs')::smallint,
         m.item->>'notBeforeText'
       FROM jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(item, ordinality)
       ORDER BY m.ordinality
       ON CONFLICT (tenant_id, message_id) DO NOTHING
       RETURNING message_id`,
      [tenantId, JSON.stringify(messages)],
    );
    if (rows.length !== messages.length) throw new Moved();
  }
}
