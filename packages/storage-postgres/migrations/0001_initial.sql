-- Incasso storage, version 1: every table of the storage port.
--
-- Conventions: every table starts with tenant_id and every key includes it; ids are
-- text COLLATE "C" (their alphabet is A-Z a-z 0-9 . _ : / -, so byte order is JavaScript order);
-- money is numeric(14,2), calendar dates are date, instants are timestamptz. An instant the port
-- answers is also kept as the text it answers (*_text: UTC, as Temporal writes it, to the
-- nanosecond), and one the outbox compares keeps the nanoseconds below the microsecond that
-- timestamptz stores (*_ns), so that comparisons are exact.
--
-- Row-level security: every table has a policy that only shows and only accepts rows of the tenant
-- in the transaction-local setting incasso.tenant_id (the store sets it at the start of every
-- transaction). FORCE makes the policy apply to the table owner too; superusers and roles with
-- BYPASSRLS still bypass it, so connect the application with an ordinary role.
--
-- Written for PostgreSQL 15 and later.

CREATE TABLE clients (
  tenant_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  name text NOT NULL,
  reference text,
  PRIMARY KEY (tenant_id, client_id)
);

CREATE TABLE debtors (
  tenant_id text COLLATE "C" NOT NULL,
  debtor_id text COLLATE "C" NOT NULL,
  kind text NOT NULL CHECK (kind IN ('natural-person', 'legal-person')),
  name text NOT NULL,
  language text NOT NULL,
  consumer boolean NOT NULL,
  enterprise_number text,
  contacts jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(contacts) = 'array'),
  PRIMARY KEY (tenant_id, debtor_id)
);

CREATE TABLE client_terms (
  tenant_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  terms jsonb NOT NULL,
  PRIMARY KEY (tenant_id, client_id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);

-- Every version of a scenario is kept; a case runs the latest one.
CREATE TABLE scenarios (
  tenant_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  scenario_id text COLLATE "C" NOT NULL,
  version bigint NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  PRIMARY KEY (tenant_id, client_id, scenario_id, version),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);

-- The event store: append-only (a trigger refuses UPDATE and DELETE), one row per event, numbered
-- from 1 per case. The primary key is what makes a lost update impossible.
CREATE TABLE events (
  tenant_id text COLLATE "C" NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  type text NOT NULL,
  at date NOT NULL,
  recorded_at timestamptz NOT NULL,
  body jsonb NOT NULL,
  PRIMARY KEY (tenant_id, case_id, version)
);

CREATE FUNCTION incasso_events_append_only() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'incasso events are append-only: % refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
  FOR EACH ROW EXECUTE FUNCTION incasso_events_append_only();

-- The list row (projection) of every case, written in the transaction of each append and by the
-- daily run; rebuildProjections recomputes it from the events.
CREATE TABLE cases (
  tenant_id text COLLATE "C" NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  case_number text NOT NULL,
  owner text NOT NULL,
  collection_group text,
  status text NOT NULL CHECK (status IN ('open', 'disputed', 'payment-plan', 'insolvent',
    'with-bailiff', 'written-off', 'closed', 'paid')),
  balance numeric(14, 2),
  problem_code text,
  problem_message text,
  days_past_due integer NOT NULL,
  aging_bucket text NOT NULL,
  next_action_date date,
  last_contact date,
  debtor_ids text[] COLLATE "C" NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  as_of date NOT NULL,
  -- The latest run date the daily run stored agenda entries for: a run for a later date knows
  -- the case has no entries of that date yet, and skips looking for stale ones.
  agenda_run_date date,
  -- The sort key of each list order as a plain column: next action ascending with none last,
  -- balance descending with none last, last contact ascending with none first. A keyset condition
  -- on a plain column is an index condition even under row-level security, where a condition on an
  -- expression such as COALESCE (not leakproof) is only a filter after the policy, which made a
  -- deep page read every row before it.
  next_action_key date GENERATED ALWAYS AS (COALESCE(next_action_date, 'infinity'::date)) STORED,
  balance_key numeric GENERATED ALWAYS AS (COALESCE(-balance, 'Infinity'::numeric)) STORED,
  last_contact_key date GENERATED ALWAYS AS (COALESCE(last_contact, '-infinity'::date)) STORED,
  PRIMARY KEY (tenant_id, case_id),
  CHECK ((problem_code IS NULL) = (problem_message IS NULL))
);

-- One index per list order, each ending in case_id (the tie-breaker), so a keyset page is one
-- index range.
CREATE INDEX cases_by_next_action ON cases (tenant_id, next_action_key, case_id);
CREATE INDEX cases_by_balance ON cases (tenant_id, balance_key, case_id);
CREATE INDEX cases_by_last_contact ON cases (tenant_id, last_contact_key, case_id);
CREATE INDEX cases_by_client ON cases (tenant_id, client_id, case_id);
CREATE INDEX cases_by_owner ON cases (tenant_id, owner, case_id);
CREATE INDEX cases_by_debtor ON cases USING gin (debtor_ids);

-- Idempotency keys of appends: the fingerprint (sha-256 of the canonical request) and the answer.
CREATE TABLE idempotency_keys (
  tenant_id text COLLATE "C" NOT NULL,
  idempotency_key text COLLATE "C" NOT NULL,
  fingerprint text NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  previous_version integer NOT NULL,
  version integer NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (tenant_id, idempotency_key)
);

-- The stored agenda: the entries of the daily run per run date, and their dispositions.
CREATE TABLE agenda_entries (
  tenant_id text COLLATE "C" NOT NULL,
  entry_id text COLLATE "C" NOT NULL,
  run_date date NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  owner text NOT NULL,
  collection_group text,
  scenario_id text,
  step integer,
  action_id text,
  activity jsonb NOT NULL,
  due_date date NOT NULL,
  approval text NOT NULL CHECK (approval IN ('required', 'automatic')),
  balance numeric(14, 2) NOT NULL,
  status text NOT NULL CHECK (status IN ('open', 'done', 'rescheduled', 'cancelled')),
  disposition jsonb,
  PRIMARY KEY (tenant_id, entry_id)
);

CREATE INDEX agenda_entries_by_due_date ON agenda_entries (tenant_id, run_date, due_date, entry_id);
CREATE INDEX agenda_entries_by_case ON agenda_entries (tenant_id, run_date, case_id);

-- The transactional outbox: written with the events that cause the messages, sent in position
-- order by workers that claim them with FOR UPDATE SKIP LOCKED and a lease.
CREATE TABLE outbox (
  position bigserial NOT NULL UNIQUE,
  tenant_id text COLLATE "C" NOT NULL,
  message_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  case_version integer NOT NULL,
  kind text NOT NULL,
  payload jsonb NOT NULL,
  not_before timestamptz,
  not_before_ns smallint,
  not_before_text text,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'sent', 'failed')),
  attempts integer NOT NULL DEFAULT 0,
  claimed_by text,
  lease_until timestamptz,
  lease_until_ns smallint,
  lease_until_text text,
  completed_at timestamptz,
  completed_at_text text,
  detail text,
  PRIMARY KEY (tenant_id, message_id),
  CHECK ((not_before IS NULL) = (not_before_text IS NULL)),
  CHECK ((lease_until IS NULL) = (lease_until_text IS NULL))
);

CREATE INDEX outbox_by_position ON outbox (tenant_id, position);
CREATE INDEX outbox_sendable ON outbox (tenant_id, position) WHERE status IN ('pending', 'claimed');
CREATE INDEX outbox_by_case ON outbox (tenant_id, case_id, position);

-- Import batches and their row results.
CREATE TABLE import_batches (
  tenant_id text COLLATE "C" NOT NULL,
  batch_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  source text NOT NULL,
  content_hash text NOT NULL,
  imported_at timestamptz NOT NULL,
  imported_at_text text NOT NULL,
  fingerprint text NOT NULL,
  PRIMARY KEY (tenant_id, batch_id),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);

CREATE INDEX import_batches_by_client ON import_batches (tenant_id, client_id, batch_id);

CREATE TABLE import_rows (
  tenant_id text COLLATE "C" NOT NULL,
  batch_id text COLLATE "C" NOT NULL,
  position integer NOT NULL,
  row_number bigint NOT NULL CHECK (row_number >= 1),
  outcome text NOT NULL CHECK (outcome IN ('imported', 'updated', 'skipped', 'error')),
  case_id text COLLATE "C",
  errors jsonb NOT NULL DEFAULT '[]'::jsonb,
  PRIMARY KEY (tenant_id, batch_id, position),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES import_batches (tenant_id, batch_id)
    ON DELETE CASCADE
);

-- Tenant isolation enforced by the database as well as by every query's WHERE tenant_id = $1.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['clients', 'debtors', 'client_terms', 'scenarios', 'events', 'cases',
    'idempotency_keys', 'agenda_entries', 'outbox', 'import_batches', 'import_rows']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    EXECUTE format(
      'CREATE POLICY tenant_isolation ON %I'
      ' USING (tenant_id = current_setting(''incasso.tenant_id'', true))'
      ' WITH CHECK (tenant_id = current_setting(''incasso.tenant_id'', true))', t);
  END LOOP;
END
$$;
