/**
 * `@incasso/storage-postgres`: the PostgreSQL storage adapter of Incasso. It implements the core's
 * storage port (`CaseStore`) on PostgreSQL 15 or later, or on PGlite, with SQL migrations (shipped
 * in the package's `migrations/` folder), tenant isolation by row-level security, a transactional
 * outbox, and tools to rebuild the case rows and plan the daily run's shards.
 *
 * @packageDocumentation
 */

// The error class lives in the core, next to StoreConflictError; re-exported for hosts that import
// it from the adapter.
export { StoreUnavailableError, type StoreUnavailableOutcome } from "@incasso/core";
export {
  MIGRATIONS,
  type Migration,
  MigrationError,
  type MigrationReport,
  migrate,
} from "./migrate.js";
export { createPostgresStore, type PostgresStoreOptions } from "./postgres-store.js";
export { type RebuildOptions, type RebuildReport, rebuildProjections } from "./rebuild.js";
export { planShards, type ShardRange } from "./shards.js";
export {
  fromPg,
  fromPglite,
  type PgliteLike,
  type PgPoolClientLike,
  type PgPoolLike,
  type SqlClient,
  type SqlClientInput,
  type SqlQueryable,
  toSqlClient,
} from "./sql-client.js";
export { isConnectionLoss } from "./store-unavailable-error.js";
