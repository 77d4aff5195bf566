-- Incasso storage, version 6: an import batch saved in parts, and its rows read in pages.
--
-- An import of a million rows saves its batch part by part (saveImportBatchPart), each part of up
-- to 10,000 rows in one transaction. import_batches keeps how far the batch is saved: its parts
-- and rows so far, and whether its last part is saved (complete). Reads show complete batches
-- only. import_batch_parts keeps each part's row count, whether it is the last, and the
-- fingerprint of its content (the SHA-256 of the part as a batch of its own, in canonical JSON),
-- by which the same part saved again is told from another one under its number. A batch saved
-- in one call is its part 0, the last: its fingerprint is the batch's, as import_batches has
-- always kept it, so the batches already stored become such parts here.
--
-- import_rows_by_row serves the rows of a batch in the order of their row numbers (the keyset of
-- readImportBatchRows) and finds a row number another part of the batch has already saved.

ALTER TABLE import_batches
  ADD COLUMN parts integer NOT NULL DEFAULT 1 CHECK (parts >= 0),
  ADD COLUMN row_count integer NOT NULL DEFAULT 0 CHECK (row_count >= 0),
  ADD COLUMN complete boolean NOT NULL DEFAULT true;

CREATE TABLE import_batch_parts (
  tenant_id text COLLATE "C" NOT NULL,
  batch_id text COLLATE "C" NOT NULL,
  part integer NOT NULL CHECK (part >= 0),
  row_count integer NOT NULL CHECK (row_count >= 0),
  last boolean NOT NULL,
  fingerprint text NOT NULL,
  PRIMARY KEY (tenant_id, batch_id, part),
  FOREIGN KEY (tenant_id, batch_id) REFERENCES import_batches (tenant_id, batch_id)
    ON DELETE CASCADE
);

CREATE INDEX import_rows_by_row ON import_rows (tenant_id, batch_id, row_number, position);

-- The batches already stored, each saved in one call: one part, complete. The owner reads every
-- tenant's batches here: row-level security is lifted from these tables for these statements only
-- (it is FORCEd for the owner otherwise).
ALTER TABLE import_batches NO FORCE ROW LEVEL SECURITY;
ALTER TABLE import_rows NO FORCE ROW LEVEL SECURITY;
UPDATE import_batches b SET row_count = (SELECT count(*) FROM import_rows r
  WHERE r.tenant_id = b.tenant_id AND r.batch_id = b.batch_id);
INSERT INTO import_batch_parts (tenant_id, batch_id, part, row_count, last, fingerprint)
  SELECT tenant_id, batch_id, 0, row_count, true, fingerprint FROM import_batches;
ALTER TABLE import_batches FORCE ROW LEVEL SECURITY;
ALTER TABLE import_rows FORCE ROW LEVEL SECURITY;

ALTER TABLE import_batches ALTER COLUMN parts DROP DEFAULT;
ALTER TABLE import_batches ALTER COLUMN row_count DROP DEFAULT;
ALTER TABLE import_batches ALTER COLUMN complete DROP DEFAULT;

ALTER TABLE import_batch_parts ENABLE ROW LEVEL SECURITY;
ALTER TABLE import_batch_parts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON import_batch_parts
  USING (tenant_id = current_setting('incasso.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('incasso.tenant_id', true));
