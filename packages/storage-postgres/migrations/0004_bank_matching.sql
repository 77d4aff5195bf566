-- Incasso storage, version 4: cases found by what a bank payment names them by, and the rows of a
-- bank import with their review details.
--
-- case_keys holds the keys of every case as caseKeysOf of @incasso/core computes them from its
-- events: the payment reference, case number, client's reference and external file number, and
-- debtors of case.opened; the invoice numbers of claim.added; the IBAN that paid, of
-- payment.received with bank details. A reference, number or IBAN is kept as its letters and
-- digits upper-cased (incasso_match_key, the core's normalizeMatchKey). A trigger on events
-- writes them in the transaction of the append, so a key counts from the append that recorded it;
-- the rows already stored are read once here. Plain columns, so a batch of keys is one index
-- range even under row-level security.
--
-- import_rows gains the outcomes of a bank import that a clerk reviews (proposed, unmatched) and
-- a detail column for what the review shows (the entry, the candidates and their reasons).

CREATE FUNCTION incasso_match_key(value text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT NULLIF(upper(regexp_replace(value, '[^A-Za-z0-9]', '', 'g')), '')
$$;

CREATE FUNCTION incasso_case_keys(event_type text, body jsonb) RETURNS TABLE (kind text, key text)
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT k.kind, k.key FROM (
    SELECT 'payment-reference', incasso_match_key(body->>'paymentReference')
      WHERE event_type = 'case.opened'
    UNION ALL SELECT 'case-number', incasso_match_key(body->>'caseNumber')
      WHERE event_type = 'case.opened'
    UNION ALL SELECT 'client-reference', incasso_match_key(body->'client'->>'reference')
      WHERE event_type = 'case.opened'
    UNION ALL SELECT 'client-reference', incasso_match_key(body->>'externalFileNumber')
      WHERE event_type = 'case.opened'
    UNION ALL SELECT 'debtor', debtor->>'id'
      FROM jsonb_array_elements(CASE WHEN event_type = 'case.opened'
        AND jsonb_typeof(body->'debtors') = 'array' THEN body->'debtors' ELSE '[]'::jsonb END)
        AS debtor
    UNION ALL SELECT 'invoice-number', incasso_match_key(body->'claim'->>'invoiceNumber')
      WHERE event_type = 'claim.added'
    UNION ALL SELECT 'counterparty-iban', incasso_match_key(body->'bank'->>'counterpartyIban')
      WHERE event_type = 'payment.received'
  ) AS k(kind, key)
  WHERE k.key IS NOT NULL AND k.key <> ''
$$;

CREATE TABLE case_keys (
  tenant_id text COLLATE "C" NOT NULL,
  kind text COLLATE "C" NOT NULL CHECK (kind IN ('payment-reference', 'case-number',
    'client-reference', 'invoice-number', 'counterparty-iban', 'debtor')),
  key text COLLATE "C" NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  PRIMARY KEY (tenant_id, kind, key, case_id)
);

CREATE FUNCTION incasso_events_case_keys() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_keys (tenant_id, kind, key, case_id)
    SELECT NEW.tenant_id, k.kind, k.key, NEW.case_id FROM incasso_case_keys(NEW.type, NEW.body) k
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END
$$;

CREATE TRIGGER events_case_keys AFTER INSERT ON events
  FOR EACH ROW EXECUTE FUNCTION incasso_events_case_keys();

-- The keys of the events already stored. The owner reads every tenant's events here: row-level
-- security is lifted from events for this statement only (it is FORCEd for the owner otherwise).
ALTER TABLE events NO FORCE ROW LEVEL SECURITY;
INSERT INTO case_keys (tenant_id, kind, key, case_id)
  SELECT e.tenant_id, k.kind, k.key, e.case_id FROM events e, incasso_case_keys(e.type, e.body) k
  ON CONFLICT DO NOTHING;
ALTER TABLE events FORCE ROW LEVEL SECURITY;

ALTER TABLE case_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE case_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON case_keys
  USING (tenant_id = current_setting('incasso.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('incasso.tenant_id', true));

ALTER TABLE import_rows DROP CONSTRAINT import_rows_outcome_check;
ALTER TABLE import_rows ADD CONSTRAINT import_rows_outcome_check
  CHECK (outcome IN ('imported', 'updated', 'skipped', 'error', 'proposed', 'unmatched'));
ALTER TABLE import_rows ADD COLUMN detail jsonb;
