-- Incasso storage, version 3: debtors found by their identifiers, cases by their number.
--
-- An import matches a client's rows to what the store holds: debtors by enterprise number
-- (KBO/BCE, KvK) or national number, cases by case number. Numbers are compared by their digits
-- only (BE 0403.170.701 is 0403170701), kept in stored generated columns so that a batch of them
-- is one index range. The debtor's national number, its basis and time zone are stored as well:
-- version 1 kept none of the three.

ALTER TABLE debtors ADD COLUMN national_number text;
ALTER TABLE debtors ADD COLUMN national_number_basis text;
ALTER TABLE debtors ADD COLUMN time_zone text;

ALTER TABLE debtors ADD COLUMN enterprise_digits text COLLATE "C"
  GENERATED ALWAYS AS (NULLIF(regexp_replace(enterprise_number, '[^0-9]', '', 'g'), '')) STORED;
ALTER TABLE debtors ADD COLUMN national_digits text COLLATE "C"
  GENERATED ALWAYS AS (NULLIF(regexp_replace(national_number, '[^0-9]', '', 'g'), '')) STORED;

CREATE INDEX debtors_by_enterprise_number ON debtors (tenant_id, enterprise_digits)
  WHERE enterprise_digits IS NOT NULL;
CREATE INDEX debtors_by_national_number ON debtors (tenant_id, national_digits)
  WHERE national_digits IS NOT NULL;

CREATE INDEX cases_by_case_number ON cases (tenant_id, case_number);
