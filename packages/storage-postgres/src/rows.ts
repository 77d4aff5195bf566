import type { AgendaRecord, CaseRow, ImportBatch, OutboxMessage } from "@incasso/core";
import { Temporal } from "@incasso/core";
import { storeInstant } from "@incasso/core/adapter-kit";

/** The columns of a case row, read as the port's strings (dates via to_char: no driver parsing). */
export const CASE_COLUMNS = `c.case_id, c.client_id, c.case_number, c.owner, c.collection_group,
  c.status, c.balance::text AS balance, c.problem_code, c.problem_message, c.days_past_due,
  c.aging_bucket, to_char(c.next_action_date, 'YYYY-MM-DD') AS next_action_date,
  to_char(c.last_contact, 'YYYY-MM-DD') AS last_contact, to_jsonb(c.debtor_ids) AS debtor_ids,
  c.version, to_char(c.as_of, 'YYYY-MM-DD') AS as_of`;

/** A case row as the database answers {@link CASE_COLUMNS}. */
export interface CaseRecord {
  case_id: string;
  client_id: string;
  case_number: string;
  owner: string;
  collection_group: string | null;
  status: CaseRow["status"];
  balance: string | null;
  problem_code: string | null;
  problem_message: string | null;
  days_past_due: number;
  aging_bucket: string;
  next_action_date: string | null;
  last_contact: string | null;
  debtor_ids: string[];
  version: number;
  as_of: string;
}

export function caseRowOf(record: CaseRecord): CaseRow {
  return {
    caseId: record.case_id,
    clientId: record.client_id,
    caseNumber: record.case_number,
    owner: record.owner,
    collectionGroup: record.collection_group,
    status: record.status,
    balance: record.balance,
    problem:
      record.problem_code === null
        ? null
        : { code: record.problem_code, message: record.problem_message ?? "" },
    daysPastDue: record.days_past_due,
    agingBucket: record.aging_bucket,
    nextActionDate: record.next_action_date,
    lastContact: record.last_contact,
    debtorIds: record.debtor_ids,
    version: record.version,
    asOf: record.as_of,
  };
}

/** A case row as the JSON object `jsonb_to_recordset(..) AS r(CASE_RECORDSET)` reads. */
export function caseRowJson(row: CaseRow): Record<string, unknown> {
  return {
    case_id: row.caseId,
    client_id: row.clientId,
    case_number: row.caseNumber,
    owner: row.owner,
    collection_group: row.collectionGroup,
    status: row.status,
    balance: row.balance,
    problem_code: row.problem?.code ?? null,
    problem_message: row.problem?.message ?? null,
    days_past_due: row.daysPastDue,
    aging_bucket: row.agingBucket,
    next_action_date: row.nextActionDate,
    last_contact: row.lastContact,
    debtor_ids: row.debtorIds,
    version: row.version,
    as_of: row.asOf,
  };
}

const CASE_RECORDSET = `case_id text, client_id text, case_number text, owner text,
  collection_group text, status text, balance numeric, problem_code text, problem_message text,
  days_past_due integer, aging_bucket text, next_action_date date, last_contact date,
  debtor_ids jsonb, version integer, as_of date`;

const CASE_INSERT = `INSERT INTO cases AS c (tenant_id, case_id, client_id, case_number, owner,
    collection_group, status, balance, problem_code, problem_message, days_past_due, aging_bucket,
    next_action_date, last_contact, debtor_ids, version, as_of)
  SELECT $1, r.case_id, r.client_id, r.case_number, r.owner, r.collection_group, r.status,
    r.balance, r.problem_code, r.problem_message, r.days_past_due, r.aging_bucket,
    r.next_action_date, r.last_contact,
    ARRAY(SELECT jsonb_array_elements_text(r.debtor_ids)), r.version, r.as_of
  FROM jsonb_to_recordset($2::jsonb) AS r(${CASE_RECORDSET})`;

const CASE_UPDATE = `client_id = EXCLUDED.client_id, case_number = EXCLUDED.case_number,
  owner = EXCLUDED.owner, collection_group = EXCLUDED.collection_group, status = EXCLUDED.status,
  balance = EXCLUDED.balance, problem_code = EXCLUDED.problem_code,
  problem_message = EXCLUDED.problem_message, days_past_due = EXCLUDED.days_past_due,
  aging_bucket = EXCLUDED.aging_bucket, next_action_date = EXCLUDED.next_action_date,
  last_contact = EXCLUDED.last_contact, debtor_ids = EXCLUDED.debtor_ids,
  version = EXCLUDED.version, as_of = EXCLUDED.as_of`;

/**
 * Inserts case rows (`$1` tenant, `$2` a JSON array of {@link caseRowJson}); `mode` says what a row
 * already there gets: kept (`insert`, RETURNING says which were inserted), replaced (`upsert`), or
 * replaced unless it is of a later version (`upsert-not-older`).
 */
export function caseWriteSql(mode: "insert" | "upsert" | "upsert-not-older"): string {
  switch (mode) {
    case "insert":
      return `${CASE_INSERT} ON CONFLICT (tenant_id, case_id) DO NOTHING RETURNING c.case_id`;
    case "upsert":
      return `${CASE_INSERT} ON CONFLICT (tenant_id, case_id) DO UPDATE SET ${CASE_UPDATE}`;
    case "upsert-not-older":
      return `${CASE_INSERT} ON CONFLICT (tenant_id, case_id) DO UPDATE SET ${CASE_UPDATE}
        WHERE c.version <= EXCLUDED.version`;
  }
}

/**
 * The daily run's write of case rows it found at the version it computed them on (`$1` tenant,
 * `$2` a JSON array of {@link caseRowJson}, `$3` the run date): each row replaced, and its
 * `agenda_run_date` moved up to the run date, in one update of each row.
 */
export const CASE_DAILY_UPDATE = `UPDATE cases AS c SET ${CASE_UPDATE.replace(
  /EXCLUDED\./g,
  "r.",
).replace(
  "debtor_ids = r.debtor_ids",
  "debtor_ids = ARRAY(SELECT jsonb_array_elements_text(r.debtor_ids))",
)},
    agenda_run_date = GREATEST(c.agenda_run_date, $3::date)
  FROM jsonb_to_recordset($2::jsonb) AS r(${CASE_RECORDSET})
  WHERE c.tenant_id = $1 AND c.case_id = r.case_id`;

/** The columns of an agenda entry. */
export const AGENDA_COLUMNS = `a.entry_id, to_char(a.run_date, 'YYYY-MM-DD') AS run_date,
  a.case_id, a.client_id, a.owner, a.collection_group, a.scenario_id, a.step, a.action_id,
  a.activity, to_char(a.due_date, 'YYYY-MM-DD') AS due_date, a.approval, a.balance::text AS balance,
  a.status, a.disposition`;

export interface AgendaRow {
  entry_id: string;
  run_date: string;
  case_id: string;
  client_id: string;
  owner: string;
  collection_group: string | null;
  scenario_id: string | null;
  step: number | null;
  action_id: string | null;
  activity: AgendaRecord["activity"];
  due_date: string;
  approval: AgendaRecord["approval"];
  balance: string;
  status: AgendaRecord["status"];
  disposition: AgendaRecord["disposition"];
}

export function agendaRecordOf(row: AgendaRow): AgendaRecord {
  return {
    id: row.entry_id,
    runDate: row.run_date,
    caseId: row.case_id,
    clientId: row.client_id,
    owner: row.owner,
    collectionGroup: row.collection_group,
    scenarioId: row.scenario_id,
    step: row.step,
    actionId: row.action_id,
    activity: row.activity,
    dueDate: row.due_date,
    approval: row.approval,
    balance: row.balance,
    status: row.status,
    disposition: row.disposition,
  };
}

/** Upserts agenda entries (`$1` tenant, `$2` a JSON array of AgendaRecord), never over a disposed one. */
export const AGENDA_UPSERT = `INSERT INTO agenda_entries AS a (tenant_id, entry_id, run_date,
    case_id, client_id, owner, collection_group, scenario_id, step, action_id, activity, due_date,
    approval, balance, status, disposition)
  SELECT $1, r."id", r."runDate", r."caseId", r."clientId", r."owner", r."collectionGroup",
    r."scenarioId", r."step", r."actionId", r."activity", r."dueDate", r."approval", r."balance",
    r."status", r."disposition"
  FROM jsonb_to_recordset($2::jsonb) AS r("id" text, "runDate" date, "caseId" text,
    "clientId" text, "owner" text, "collectionGroup" text, "scenarioId" text, "step" integer,
    "actionId" text, "activity" jsonb, "dueDate" date, "approval" text, "balance" numeric,
    "status" text, "disposition" jsonb)
  ON CONFLICT (tenant_id, entry_id) DO UPDATE SET run_date = EXCLUDED.run_date,
    case_id = EXCLUDED.case_id, client_id = EXCLUDED.client_id, owner = EXCLUDED.owner,
    collection_group = EXCLUDED.collection_group, scenario_id = EXCLUDED.scenario_id,
    step = EXCLUDED.step, action_id = EXCLUDED.action_id, activity = EXCLUDED.activity,
    due_date = EXCLUDED.due_date, approval = EXCLUDED.approval, balance = EXCLUDED.balance,
    status = EXCLUDED.status, disposition = EXCLUDED.disposition
  WHERE a.status = 'open'`;

/** The columns of an outbox message. */
export const OUTBOX_COLUMNS = `o.message_id, o.case_id, o.case_version, o.kind, o.payload,
  o.not_before_text, o.status, o.attempts, o.claimed_by, o.lease_until_text, o.completed_at_text,
  o.detail, o.position::text AS position`;

export interface OutboxRow {
  message_id: string;
  case_id: string;
  case_version: number;
  kind: string;
  payload: Record<string, unknown>;
  not_before_text: string | null;
  status: OutboxMessage["status"];
  attempts: number;
  claimed_by: string | null;
  lease_until_text: string | null;
  completed_at_text: string | null;
  detail: string | null;
  position: string;
}

export function outboxMessageOf(row: OutboxRow): OutboxMessage {
  return {
    id: row.message_id,
    caseId: row.case_id,
    caseVersion: row.case_version,
    kind: row.kind,
    payload: row.payload,
    notBefore: row.not_before_text,
    status: row.status,
    attempts: row.attempts,
    claimedBy: row.claimed_by,
    leaseUntil: row.lease_until_text,
    completedAt: row.completed_at_text,
    detail: row.detail,
  };
}

/** An import batch as {@link IMPORT_BATCH_SELECT} reads it. */
export interface ImportBatchRow {
  batch_id: string;
  client_id: string;
  source: string;
  content_hash: string;
  imported_at_text: string;
  rows: {
    row: number;
    outcome: ImportBatch["rows"][number]["outcome"];
    caseId: string | null;
    errors: { field: string; message: string }[];
    detail: Record<string, unknown> | null;
  }[];
}

/** Import batches with their rows, from `import_batches b` (add WHERE and ORDER BY). */
export const IMPORT_BATCH_SELECT = `SELECT b.batch_id, b.client_id, b.source, b.content_hash,
    b.imported_at_text,
    COALESCE((SELECT jsonb_agg(jsonb_build_object('row', r.row_number, 'outcome', r.outcome,
        'caseId', r.case_id, 'errors', r.errors, 'detail', r.detail) ORDER BY r.position)
      FROM import_rows r WHERE r.tenant_id = b.tenant_id AND r.batch_id = b.batch_id),
      '[]'::jsonb) AS rows
  FROM import_batches b`;

export function importBatchOf(row: ImportBatchRow): ImportBatch {
  return {
    id: row.batch_id,
    clientId: row.client_id,
    source: row.source,
    contentHash: row.content_hash,
    importedAt: row.imported_at_text,
    rows: row.rows.map((item) => ({
      row: item.row,
      outcome: item.outcome,
      ...(item.caseId === null ? {} : { caseId: item.caseId }),
      errors: item.errors,
      ...(item.detail === null || item.detail === undefined
        ? {}
        : { detail: item.detail as NonNullable<ImportBatch["rows"][number]["detail"]> }),
    })),
  };
}

/**
 * An ISO instant as the database keeps it exactly: a timestamptz text floored to the microsecond
 * and the nanoseconds below it (0 to 999), so (timestamp, ns) pairs compare like the instants.
 */
export function instantParts(instant: Temporal.Instant): {
  readonly at: string;
  readonly ns: number;
} {
  const ns = Number(((instant.epochNanoseconds % 1000n) + 1000n) % 1000n);
  return { at: instant.toString({ smallestUnit: "microsecond", roundingMode: "floor" }), ns };
}

/**
 * An outbox message of an append as the outbox insert reads it from JSON: its key, kind, payload
 * and `notBefore` as an instant with its nanoseconds and its text.
 */
export function outboxItemJson(message: {
  readonly key: string;
  readonly kind: string;
  readonly payload: unknown;
  readonly notBefore?: string | undefined;
}) {
  const notBefore =
    message.notBefore === undefined ? null : instantParts(Temporal.Instant.from(message.notBefore));
  return {
    id: message.key,
    kind: message.kind,
    payload: message.payload,
    notBefore: notBefore?.at ?? null,
    notBeforeNs: notBefore?.ns ?? null,
    notBeforeText: message.notBefore === undefined ? null : storeInstant(message.notBefore),
  };
}
