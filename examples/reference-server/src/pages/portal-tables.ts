// The client portal's own tables, created once on first use (idempotent, under an advisory lock):
// like the server's other tables each starts with tenant_id and has a row-level security policy on
// the transaction-local incasso.tenant_id, so they are read and written through
// `services.inTenant` only.
//  - portal_settings: the columns the firm chose for each client's case list;
//  - portal_intakes: the cases clients handed in (the submission's token, the case and its number
//    in the portal's series), which makes a resubmitted form a replay rather than a second case;
//  - portal_documents: the invoices' PDF files handed in with a case, by SHA-256.
import type { ServerServices, SqlClient } from "../context.js";

const PORTAL_TABLES_SQL = `
CREATE TABLE IF NOT EXISTS portal_settings (
  tenant_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  columns jsonb NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text NOT NULL,
  PRIMARY KEY (tenant_id, client_id)
);
CREATE TABLE IF NOT EXISTS portal_intakes (
  tenant_id text COLLATE "C" NOT NULL,
  token text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  case_number text NOT NULL,
  sequence integer NOT NULL,
  year integer NOT NULL,
  created_at timestamptz NOT NULL,
  created_by text NOT NULL,
  PRIMARY KEY (tenant_id, token),
  UNIQUE (tenant_id, year, sequence)
);
CREATE TABLE IF NOT EXISTS portal_documents (
  tenant_id text COLLATE "C" NOT NULL,
  case_id text COLLATE "C" NOT NULL,
  client_id text COLLATE "C" NOT NULL,
  sha256 text NOT NULL,
  claim_id text COLLATE "C" NOT NULL,
  file_name text NOT NULL,
  size integer NOT NULL,
  uploaded_at timestamptz NOT NULL,
  uploaded_by text NOT NULL,
  PRIMARY KEY (tenant_id, case_id, sha256)
);
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['portal_settings', 'portal_intakes', 'portal_documents']
  LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ROW LEVEL SECURITY', t);
    EXECUTE format('ALTER TABLE %I FORCE ROW LEVEL SECURITY', t);
    IF NOT EXISTS (SELECT 1 FROM pg_policies WHERE tablename = t AND policyname = 'tenant_isolation') THEN
      EXECUTE format(
        'CREATE POLICY tenant_isolation ON %I'
        ' USING (tenant_id = current_setting(''incasso.tenant_id'', true))'
        ' WITH CHECK (tenant_id = current_setting(''incasso.tenant_id'', true))', t);
    END IF;
  END LOOP;
END
$$;
`;

const LOCK = "7598248017253970028"; // "portal" tables' advisory lock

const ready = new WeakMap<object, Promise<void>>();

/**
 * Creates the portal's tables once per server (idempotent), then runs `work` in a transaction of
 * the tenant.
 *
 * @example
 * ```ts
 * const rows = await inPortalTenant(services, "firm-be", (tx) => tx.query("SELECT 1"));
 * ```
 */
export async function inPortalTenant<T>(
  services: ServerServices,
  tenantId: string,
  work: (tx: SqlClient) => Promise<T>,
): Promise<T> {
  let done = ready.get(services);
  if (done === undefined) {
    done = services.transaction(async (tx) => {
      await tx.query("SELECT pg_advisory_xact_lock($1::bigint)", [LOCK]);
      for (const statement of splitStatements(PORTAL_TABLES_SQL)) await tx.query(statement);
    });
    ready.set(services, done);
    done.catch(() => ready.delete(services));
  }
  await done;
  return services.inTenant(tenantId, work);
}

/** The statements of the script (a DO block is one statement). */
function splitStatements(script: string): string[] {
  const [tables = "", block = ""] = script.split("DO $$");
  return [
    ...tables
      .split(";")
      .map((part) => part.trim())
      .filter((part) => part !== ""),
    `DO $$${block}`.trim().replace(/;$/, ""),
  ];
}
