// The server's own tables (users, sessions, the audit log, login attempts), applied after the
// store's migrations. Like the store's tables, every table that belongs to a firm starts with
// tenant_id and has a row-level security policy on the transaction-local setting
// incasso.tenant_id. Three tables have no policy, on purpose: firms lists the tenants with their
// name, time zone and sender address (the background jobs go through every firm; it holds no
// secret), user_directory routes an e-mail address to its firm at sign-in (before any tenant is
// known; no secret either) and login_attempts counts failures per account and per network
// address, which belong to no firm.
import { createHash } from "node:crypto";
import type { SqlClient } from "@incasso/storage-postgres";

/** One migration of the server's tables. */
export interface ServerMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/**
 * The server's migrations, in version order.
 *
 * @example
 * ```ts
 * SERVER_MIGRATIONS.map((migration) => migration.name); // ["server_tables"]
 * ```
 */
export const SERVER_MIGRATIONS: readonly ServerMigration[] = [
  {
    version: 1,
    name: "server_tables",
    sql: `
CREATE TABLE firms (
  tenant_id text COLLATE "C" PRIMARY KEY,
  name text NOT NULL,
  country text NOT NULL CHECK (country IN ('BE', 'NL')),
  time_zone text NOT NULL,
  mail_from_name text NOT NULL,
  mail_from_address text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE users (
  tenant_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('clerk', 'lawyer', 'admin', 'portal')),
  client_id text COLLATE "C",
  language text NOT NULL CHECK (language IN ('nl', 'fr', 'en')),
  password_hash text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, user_id),
  CHECK ((role = 'portal') = (client_id IS NOT NULL)),
  FOREIGN KEY (tenant_id, client_id) REFERENCES clients (tenant_id, client_id)
);
CREATE UNIQUE INDEX users_by_email ON users (tenant_id, email);

CREATE TABLE user_directory (
  email text PRIMARY KEY,
  tenant_id text COLLATE "C" NOT NULL,
  user_id text COLLATE "C" NOT NULL
);

CREATE TABLE sessions (
  tenant_id text COLLATE "C" NOT NULL,
  session_hash text NOT NULL,
  user_id text COLLATE "C" NOT NULL,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, session_hash),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, user_id) ON DELETE CASCADE
);
CREATE INDEX sessions_by_user ON sessions (tenant_id, user_id);

CREATE TABLE audit_log (
  tenant_id text COLLATE "C" NOT NULL,
  audit_id bigint GENERATED ALWAYS AS IDENTITY,
  at timestamptz NOT NULL,
  user_id text COLLATE "C",
  method text NOT NULL,
  path text NOT NULL,
  status integer,
  action text NOT NULL,
  target text,
  detail jsonb,
  PRIMARY KEY (tenant_id, audit_id)
);
CREATE INDEX audit_log_by_at ON audit_log (tenant_id, at);
CREATE INDEX audit_log_by_user ON audit_log (tenant_id, user_id, at);

CREATE TABLE login_attempts (
  attempt_key text NOT NULL,
  at timestamptz NOT NULL
);
CREATE INDEX login_attempts_by_key ON login_attempts (attempt_key, at);

DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['users', 'sessions', 'audit_log']
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
`,
  },
  {
    version: 2,
    name: "daily_runs",
    sql: `
CREATE TABLE daily_runs (
  tenant_id text COLLATE "C" NOT NULL,
  run_date date NOT NULL,
  finished_at timestamptz NOT NULL,
  agenda_entries integer NOT NULL,
  instalment_reminders integer NOT NULL,
  PRIMARY KEY (tenant_id, run_date)
);
ALTER TABLE daily_runs ENABLE ROW LEVEL SECURITY;
ALTER TABLE daily_runs FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON daily_runs
  USING (tenant_id = current_setting('incasso.tenant_id', true))
  WITH CHECK (tenant_id = current_setting('incasso.tenant_id', true));
`,
  },
];

const LOCK = 0x696e6373727672n; // "incsrvr" in ASCII

/**
 * Applies the server's migrations not applied yet, in one transaction under an advisory lock (two
 * servers starting together apply each once). Run it after the store's `migrate`.
 *
 * @throws Error when a migration applied earlier has another checksum now.
 * @example
 * ```ts
 * await migrate(db);
 * await migrateServer(db);
 * ```
 */
export async function migrateServer(db: SqlClient): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1::bigint)", [LOCK.toString()]);
    await tx.query(`CREATE TABLE IF NOT EXISTS server_schema_migrations (
      version integer PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
    const done = new Map(
      (
        await tx.query<{ version: number; checksum: string }>(
          "SELECT version, checksum FROM server_schema_migrations",
        )
      ).rows.map((row) => [row.version, row.checksum]),
    );
    const applied: number[] = [];
    for (const migration of SERVER_MIGRATIONS) {
      const checksum = createHash("sha256").update(migration.sql).digest("hex");
      const earlier = done.get(migration.version);
      if (earlier !== undefined) {
        if (earlier !== checksum)
          throw new Error(
            `server migration ${migration.version} (${migration.name}) was applied with another checksum`,
          );
        continue;
      }
      if (tx.exec === undefined) await tx.query(migration.sql);
      else await tx.exec(migration.sql);
      await tx.query(
        "INSERT INTO server_schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
        [migration.version, migration.name, checksum],
      );
      applied.push(migration.version);
    }
    return applied;
  });
}
