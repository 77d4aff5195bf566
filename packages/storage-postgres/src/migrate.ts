import { createHash } from "node:crypto";
import { EMBEDDED_MIGRATIONS } from "./migrations.generated.js";
import type { SqlClientInput } from "./sql-client.js";
import { inOperation, toSqlClient } from "./sql-client.js";

/**
 * One SQL migration of the package: its version (the file's four-digit prefix), its name, its SQL
 * and the SHA-256 of that SQL, which `schema_migrations` records when it is applied.
 *
 * @example
 * ```ts
 * import { MIGRATIONS, type Migration } from "@incasso/storage-postgres";
 * const latest: Migration | undefined = MIGRATIONS.at(-1);
 * ```
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

/**
 * The package's migrations in version order: the files of its `migrations/` folder (embedded in
 * the build, so they work from ESM and CJS alike). A host with its own migration tool can apply
 * the same files and skip {@link migrate}.
 *
 * @example
 * ```ts
 * import { MIGRATIONS } from "@incasso/storage-postgres";
 * for (const migration of MIGRATIONS) console.log(migration.version, migration.name, migration.checksum);
 * ```
 */
export const MIGRATIONS: readonly Migration[] = EMBEDDED_MIGRATIONS.map(({ file, sql }) => {
  const match = /^(\d{4})_(.+)\.sql$/.exec(file);
  if (match === null) throw new Error(`migration file name ${file} is not NNNN_name.sql`);
  return {
    version: Number(match[1]),
    name: match[2] ?? "",
    sql,
    checksum: sha256(sql),
  };
});

/**
 * Raised by {@link migrate} when the database does not fit the package's migrations: a migration
 * applied earlier has another checksum now (its file was edited after it ran), or the database has
 * a migration this version of the package does not know (it was migrated by a newer version).
 * Nothing was changed.
 *
 * @example
 * ```ts
 * import { MigrationError, migrate } from "@incasso/storage-postgres";
 * declare const db: Parameters<typeof migrate>[0];
 * try {
 *   await migrate(db);
 * } catch (error) {
 *   if (error instanceof MigrationError) console.error(error.version, error.message);
 * }
 * ```
 */
export class MigrationError extends Error {
  /** The version of the migration in question. */
  readonly version: number;

  constructor(version: number, message: string) {
    super(message);
    this.name = "MigrationError";
    this.version = version;
  }
}

/**
 * What {@link migrate} did: the versions it applied now (empty when the database was up to date)
 * and the database's version after it.
 *
 * @example
 * ```ts
 * import type { MigrationReport } from "@incasso/storage-postgres";
 * const line = (report: MigrationReport) => `schema at ${report.version}, applied ${report.applied.length}`;
 * ```
 */
export interface MigrationReport {
  readonly applied: readonly number[];
  readonly version: number;
}

/** The key of the advisory lock migrations hold (`incasso` in ASCII). */
const MIGRATION_LOCK = 0x696e636173736fn;

/**
 * Brings the database schema up to date: in one transaction that holds an advisory lock (so two
 * processes starting at once take turns, and the second finds nothing to do), it creates
 * `schema_migrations` if needed, checks the checksum of every migration already applied, and
 * applies the missing ones in order, recording each one's version, name and checksum. Running it
 * again is a no-op. Any failure rolls everything back.
 *
 * @param client - a node-postgres pool, a PGlite database or a {@link SqlClient}
 * @param migrations - the migrations to apply (default: the package's {@link MIGRATIONS})
 * @throws MigrationError when an applied migration's checksum changed or the database is newer.
 * @throws StoreUnavailableError when the database connection is lost (safe to retry).
 * @example
 * ```ts
 * import pg from "pg";
 * import { migrate } from "@incasso/storage-postgres";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const { applied, version } = await migrate(pool);
 * ```
 */
export async function migrate(
  client: SqlClientInput,
  migrations: readonly Migration[] = MIGRATIONS,
): Promise<MigrationReport> {
  return inOperation(toSqlClient(client), "migrate", async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1::bigint)", [MIGRATION_LOCK.toString()]);
    await tx.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        name text NOT NULL,
        checksum text NOT NULL,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const { rows } = await tx.query<{ version: number; name: string; checksum: string }>(
      "SELECT version, name, checksum FROM schema_migrations ORDER BY version",
    );
    const known = new Map(migrations.map((migration) => [migration.version, migration]));
    for (const row of rows) {
      const migration = known.get(row.version);
      if (migration === undefined) {
        throw new MigrationError(
          row.version,
          `migration ${row.version} (${row.name}) is applied to the database but unknown to this version of @incasso/storage-postgres: the database was migrated by a newer version`,
        );
      }
      if (migration.checksum !== row.checksum) {
        throw new MigrationError(
          row.version,
          `migration ${row.version} (${migration.name}) was changed after it was applied: its checksum is ${migration.checksum}, the database recorded ${row.checksum}; add a new migration instead of editing an applied one`,
        );
      }
    }
    const applied = new Set(rows.map((row) => row.version));
    const pending = [...migrations]
      .sort((a, b) => a.version - b.version)
      .filter((migration) => !applied.has(migration.version));
    for (const migration of pending) {
      await (tx.exec === undefined ? tx.query(migration.sql) : tx.exec(migration.sql));
      await tx.query(
        "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)",
        [migration.version, migration.name, migration.checksum],
      );
    }
    const versions = [...applied, ...pending.map((migration) => migration.version)];
    return {
      applied: pending.map((migration) => migration.version),
      version: versions.length === 0 ? 0 : Math.max(...versions),
    };
  });
}

function sha256(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}
