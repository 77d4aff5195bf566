import type { CaseStore, RateTable, StoreUnavailableError } from "@incasso/core";
import { STORE_CAPABILITIES } from "@incasso/core";
import { createAgendaStore } from "./ports/agenda.js";
import { createCaseListStore } from "./ports/case-lists.js";
import { createStoreContext } from "./ports/context.js";
import { createCaseEventStore } from "./ports/events.js";
import { createImportBatchStore } from "./ports/import-batches.js";
import { createOutboxStore } from "./ports/outbox.js";
import { createRelationsStore } from "./ports/relations.js";
import type { SqlClient, SqlClientInput } from "./sql-client.js";
import { toSqlClient } from "./sql-client.js";

/**
 * Options of {@link createPostgresStore}: the database, and the host's rate tables when it
 * extends or replaces the built-in ones (they go into every projection, as in the in-memory
 * store).
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import type { PostgresStoreOptions } from "@incasso/storage-postgres";
 * const options: PostgresStoreOptions = { client: new pg.Pool({ connectionString: process.env.DATABASE_URL }) };
 * ```
 */
export interface PostgresStoreOptions {
  /** A node-postgres pool, a PGlite database or a {@link SqlClient}; migrated with {@link migrate}. */
  readonly client: SqlClientInput;
  readonly rateTables?: ReadonlyMap<string, RateTable>;
}

/**
 * The storage port (the core's `CaseStore`) on PostgreSQL 15 or later, or on PGlite: every call writes in
 * one transaction of its tenant (`BEGIN`, the tenant's row-level security setting, the work,
 * `COMMIT`; `ROLLBACK` when anything fails, so nothing is half-applied), and behaves like
 * `@incasso/memory`'s in-memory reference store, which the conformance suites check; it implements
 * every storage port and says so in `capabilities`. A call whose connection the server ends fails
 * with a {@link StoreUnavailableError} (retryable, nothing stored).
 *
 * - Appends read the case's events and its client's terms and scenarios in a short transaction,
 *   prepare it with the core's `prepareAppend` with no transaction open, then in a second
 *   transaction check the idempotency key under an advisory lock, lock the case's row
 *   (`SELECT … FOR UPDATE`), check it is still at the version planned on, and store the events,
 *   the row, the key and the outbox messages together. A writer that loses a race gets a `StoreConflictError`: a stale version is
 *   caught by the plan or by that check, two creators of one case by the case's primary key.
 * - Lists are keyset-paginated with one statement per page on an index per sort order.
 * - `readShard` reads a page of cases with their events aggregated in one statement, so a daily run
 *   over 100,000 cases takes a few hundred statements.
 * - The outbox is claimed with `FOR UPDATE SKIP LOCKED` in write order: concurrent workers never get
 *   the same message.
 *
 * Apply the schema first with {@link migrate}.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { createPostgresStore, migrate } from "@incasso/storage-postgres";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * await migrate(pool);
 * const store = createPostgresStore({ client: pool });
 * await store.putClient({ tenantId: "firm-1" }, { id: "acme", name: "Acme NV" });
 * ```
 */
export function createPostgresStore(options: PostgresStoreOptions): CaseStore {
  const client = toSqlClient(options.client);
  const rateTables = options.rateTables;
  const context = createStoreContext(client, rateTables);
  return {
    capabilities: new Set(STORE_CAPABILITIES),
    ...createCaseEventStore(context),
    ...createCaseListStore(context),
    ...createRelationsStore(context),
    ...createAgendaStore(context),
    ...createOutboxStore(context),
    ...createImportBatchStore(context),
  };
}
