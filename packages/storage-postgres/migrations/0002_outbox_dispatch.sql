-- Incasso storage, version 2: the outbox as the dispatcher uses it.
--
-- Messages without a case (an owner's daily alert) are enqueued on their own: case_id and
-- client_id are both empty then, and a client's scope never sees them. The debtor a message goes
-- to is read from its payload (payload->>'debtorId') into a stored generated column, so the
-- contacts of a debtor in a period (the contact cap) are an index range.

ALTER TABLE outbox ALTER COLUMN case_id DROP NOT NULL;
ALTER TABLE outbox ALTER COLUMN client_id DROP NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_case_and_client CHECK ((case_id IS NULL) = (client_id IS NULL));

ALTER TABLE outbox ADD COLUMN debtor_id text COLLATE "C"
  GENERATED ALWAYS AS (CASE WHEN jsonb_typeof(payload->'debtorId') = 'string'
    THEN payload->>'debtorId' END) STORED;

CREATE INDEX outbox_by_debtor ON outbox (tenant_id, debtor_id, completed_at)
  WHERE debtor_id IS NOT NULL;
