import type { CaseStore, StoreScope } from "@incasso/core";
import type { OptionSpec } from "./options.js";
import { UsageError } from "./options.js";

/**
 * The options every command that works on a store shares: `--db` (a PGlite data directory, or a
 * `postgres://` URL of a server) and `--tenant` (the firm whose data it is).
 *
 * @example
 * ```ts
 * import { STORE_OPTIONS } from "@incasso/cli";
 * STORE_OPTIONS.map((option) => option.name); // ["db", "tenant"]
 * ```
 */
export const STORE_OPTIONS: readonly OptionSpec[] = [
  {
    name: "db",
    value: "DIR|URL",
    description:
      "the store: a PGlite data directory (made when absent) or a postgres:// URL (default: $DATABASE_URL)",
  },
  {
    name: "tenant",
    value: "ID",
    description: "the firm (tenant) whose data it is (default: firm)",
  },
];

/**
 * A store opened by {@link openStore}: the store, the scope of the tenant, and `close` to end the
 * connection (PGlite closes its data directory; a server's pool ends).
 *
 * @example
 * ```ts
 * import type { OpenedStore } from "@incasso/cli";
 * const done = async (opened: OpenedStore) => opened.close();
 * ```
 */
export interface OpenedStore {
  readonly store: CaseStore;
  readonly scope: StoreScope;
  /** What was opened, for messages: the directory or the URL without its password. */
  readonly description: string;
  close(): Promise<void>;
}

/**
 * Opens the store that `--db` names, migrated to the current schema: a `postgres://` or
 * `postgresql://` URL is a PostgreSQL server (through a `pg` pool), anything else a PGlite data
 * directory (created when it does not exist). Without `--db`, `$DATABASE_URL`; without either, a
 * usage error. The libraries are loaded only here, so commands without a store start fast.
 *
 * @example
 * ```ts
 * import { openStore } from "@incasso/cli";
 * const { store, scope, close } = await openStore("./incasso-data", "firm-1");
 * await store.listClients(scope);
 * await close();
 * ```
 */
export async function openStore(
  db: string | undefined,
  tenant: string | undefined,
): Promise<OpenedStore> {
  const target = db ?? process.env.DATABASE_URL;
  if (target === undefined || target === "")
    throw new UsageError(
      "--db: expected a PGlite data directory or a postgres:// URL (or DATABASE_URL set)",
    );
  const tenantId = tenant ?? "firm";
  if (!/^[A-Za-z0-9._:/-]{1,120}$/.test(tenantId))
    throw new UsageError(
      `--tenant: expected an id of letters, digits and ._:/- (at most 120), got ${JSON.stringify(tenantId)}`,
    );
  const { createPostgresStore, migrate } = await import("@incasso/storage-postgres");
  if (/^postgres(ql)?:\/\//.test(target)) {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: target, max: 4 });
    await migrate(pool);
    return {
      store: createPostgresStore({ client: pool }),
      scope: { tenantId },
      description: target.replace(/\/\/([^:@/]+):[^@/]*@/, "//$1:***@"),
      close: () => pool.end(),
    };
  }
  const { PGlite } = await import("@electric-sql/pglite");
  const database = new PGlite(target);
  await migrate(database);
  return {
    store: createPostgresStore({ client: database }),
    scope: { tenantId },
    description: target,
    close: () => database.close(),
  };
}
