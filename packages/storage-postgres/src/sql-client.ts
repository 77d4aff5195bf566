import { StoreUnavailableError } from "@incasso/core";
import { isConnectionLoss, unavailableIn } from "./store-unavailable-error.js";

/**
 * What the store needs to run one SQL statement: text with `$1`-style parameters, answered with
 * the rows. node-postgres' `Pool`, `PoolClient` and `Client`, and PGlite and its transactions, all
 * have this shape. The store only passes strings, numbers and null as parameters, and casts what it
 * reads to text, numbers, booleans or jsonb, so both drivers' default type parsers give the same
 * JavaScript values.
 *
 * @example
 * ```ts
 * import type { SqlQueryable } from "@incasso/storage-postgres";
 * const count = async (db: SqlQueryable) =>
 *   (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM cases")).rows[0]?.n;
 * ```
 */
export interface SqlQueryable {
  query<Row = Record<string, unknown>>(
    text: string,
    params?: unknown[],
  ): Promise<{ readonly rows: Row[] }>;
  /**
   * Runs a script of several statements without parameters (PGlite's `exec`); when absent,
   * `query` runs it (node-postgres sends a query without parameters as a simple query, which may
   * hold several statements).
   */
  exec?(text: string): Promise<unknown>;
}

/**
 * A database the store can use: {@link SqlQueryable} plus `transaction(work)`, which runs `work`
 * on one connection between `BEGIN` and `COMMIT`, rolls back when `work` throws, and answers what
 * `work` answered. A PGlite database is one as it is; wrap a node-postgres pool with
 * {@link fromPg}. {@link createPostgresStore}, {@link migrate} and the other functions of the
 * package also accept a pool or a PGlite directly (see {@link toSqlClient}).
 *
 * @example
 * ```ts
 * import type { SqlClient } from "@incasso/storage-postgres";
 * const both = (db: SqlClient) =>
 *   db.transaction(async (tx) => {
 *     await tx.query("SELECT 1");
 *     await tx.query("SELECT 2");
 *   });
 * ```
 */
export interface SqlClient extends SqlQueryable {
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/**
 * The part of a node-postgres `PoolClient` the store uses: queries and `release`, which is given
 * the error when the connection is broken so the pool discards it.
 *
 * @example
 * ```ts
 * import type { PgPoolClientLike } from "@incasso/storage-postgres";
 * const done = (connection: PgPoolClientLike) => connection.release();
 * ```
 */
export interface PgPoolClientLike extends SqlQueryable {
  release(error?: Error | boolean): void;
  /**
   * node-postgres' `on("error", …)`: the store listens for the connection's errors for as long as
   * it holds the connection, so a connection the server ends mid-transaction fails the call
   * instead of raising an unhandled `'error'` event that would end the process.
   */
  on?(event: "error", listener: (error: Error) => void): unknown;
  /** node-postgres' `removeListener("error", …)`, for when the connection goes back healthy. */
  removeListener?(event: "error", listener: (error: Error) => void): unknown;
}

/**
 * The part of a node-postgres `Pool` the store uses (a `pg.Pool` has it): queries, and
 * `connect()` for a connection of its own, which a transaction needs.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import type { PgPoolLike } from "@incasso/storage-postgres";
 * const pool: PgPoolLike = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * ```
 */
export interface PgPoolLike extends SqlQueryable {
  connect(): Promise<PgPoolClientLike>;
}

/**
 * What the functions of the package accept as their database: a {@link SqlClient} (a PGlite
 * database is one), or a node-postgres pool ({@link PgPoolLike}).
 *
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import type { SqlClientInput } from "@incasso/storage-postgres";
 * const db: SqlClientInput = new PGlite();
 * ```
 */
export type SqlClientInput = SqlClient | PgPoolLike;

/**
 * Adapts a node-postgres pool: `query` goes to the pool, and `transaction` takes a connection of
 * its own for `BEGIN … COMMIT` (`ROLLBACK` when the work throws), then gives it back to the pool.
 * Pass a `pg.Pool`, not a single `pg.Client`.
 *
 * While it holds the connection it listens for the connection's `'error'` events, so a session the
 * server ends inside the transaction (`pg_terminate_backend`, `idle_in_transaction_session_timeout`,
 * a failover, a network reset) never reaches Node as an unhandled `'error'` event. The work's next
 * statement, or the one running, fails with a {@link StoreUnavailableError} (`STORE_UNAVAILABLE`,
 * `retryable: true`); no `ROLLBACK` or `COMMIT` is sent on the dead connection, and it is released
 * with the error so the pool discards it. A connection that breaks during `ROLLBACK` is discarded
 * the same way, and the work's own error is answered.
 *
 * @example
 * ```ts
 * import pg from "pg";
 * import { createPostgresStore, fromPg } from "@incasso/storage-postgres";
 * const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
 * const store = createPostgresStore({ client: fromPg(pool) });
 * ```
 */
export function fromPg(pool: PgPoolLike): SqlClient {
  return {
    query: (text, params) => pool.query(text, params),
    async transaction(work) {
      let connection: PgPoolClientLike;
      try {
        connection = await pool.connect();
      } catch (error) {
        throw isConnectionLoss(error) ? new StoreUnavailableError("transaction", error) : error;
      }
      /** The first error the connection raised while held: it is dead from then on. */
      let lost: Error | undefined;
      const onError = (error: Error) => {
        lost ??= error;
      };
      connection.on?.("error", onError);
      /** Set when `COMMIT` was sent: a connection lost from then on leaves the outcome unknown. */
      let committing = false;
      const unavailable = (error: Error) =>
        new StoreUnavailableError("transaction", error, committing ? "unknown" : "not-stored");
      const held: SqlQueryable = {
        async query(text, params) {
          if (lost !== undefined) throw unavailable(lost); // never sent on a dead connection
          try {
            return await connection.query(text, params);
          } catch (error) {
            if (lost === undefined && !isConnectionLoss(error)) throw error;
            lost ??= asError(error);
            throw unavailable(lost);
          }
        },
      };
      let broken: Error | undefined;
      try {
        await held.query("BEGIN");
        const result = await work(held);
        if (lost !== undefined) throw unavailable(lost);
        committing = true;
        await held.query("COMMIT");
        return result;
      } catch (error) {
        if (lost !== undefined) {
          // The server rolled the transaction back when it ended the session.
          throw error instanceof StoreUnavailableError ? error : unavailable(lost);
        }
        try {
          await connection.query("ROLLBACK");
        } catch (rollbackError) {
          broken = lost ?? asError(rollbackError);
        }
        throw error;
      } finally {
        const failure = lost ?? broken;
        connection.release(failure);
        // A broken connection keeps the listener: the pool ends it, and it may still say so.
        if (failure === undefined) connection.removeListener?.("error", onError);
      }
    },
  };
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The part of a PGlite database the store uses: queries and PGlite's own `transaction`.
 *
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import type { PgliteLike } from "@incasso/storage-postgres";
 * const db: PgliteLike = new PGlite();
 * ```
 */
export interface PgliteLike extends SqlQueryable {
  transaction<T>(work: (tx: SqlQueryable) => Promise<T>): Promise<T>;
}

/**
 * Adapts a PGlite database (PostgreSQL in WebAssembly, for tests, demos and embedded use). PGlite
 * already has the shape of a {@link SqlClient}; this names the intent and keeps a single place to
 * adapt it should its API change.
 *
 * @example
 * ```ts
 * import { PGlite } from "@electric-sql/pglite";
 * import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
 * const db = fromPglite(await PGlite.create());
 * await migrate(db);
 * const store = createPostgresStore({ client: db });
 * ```
 */
export function fromPglite(db: PgliteLike): SqlClient {
  return {
    query: (text, params) => db.query(text, params),
    ...(db.exec === undefined ? {} : { exec: db.exec.bind(db) }),
    transaction: (work) => db.transaction((tx) => work(tx)),
  };
}

/**
 * Turns what a caller passed into a {@link SqlClient}, by its shape: anything with a
 * `transaction` function (a PGlite, or a {@link SqlClient} already) is used as it is; anything
 * with `connect` (a node-postgres pool) goes through {@link fromPg}.
 *
 * @throws TypeError when the value has neither shape.
 * @example
 * ```ts
 * import pg from "pg";
 * import { toSqlClient } from "@incasso/storage-postgres";
 * const db = toSqlClient(new pg.Pool());
 * ```
 */
export function toSqlClient(input: SqlClientInput): SqlClient {
  if (typeof (input as Partial<SqlClient>).transaction === "function") return input as SqlClient;
  if (typeof (input as Partial<PgPoolLike>).connect === "function") {
    return fromPg(input as PgPoolLike);
  }
  throw new TypeError(
    "expected a node-postgres Pool, a PGlite database or a SqlClient ({ query, transaction })",
  );
}

/**
 * Runs `work` in one transaction of `client`; a lost connection is answered as a
 * {@link StoreUnavailableError} naming `operation`.
 */
export async function inOperation<T>(
  client: SqlClient,
  operation: string,
  work: (tx: SqlQueryable) => Promise<T>,
): Promise<T> {
  try {
    return await client.transaction(work);
  } catch (error) {
    throw unavailableIn(operation, error);
  }
}

/**
 * Runs `work` in one transaction of a tenant: the first statement sets the transaction-local
 * `incasso.tenant_id` the row-level security policies read. A lost connection is answered as a
 * {@link StoreUnavailableError} naming `operation`.
 */
export function inTenant<T>(
  client: SqlClient,
  tenantId: string,
  operation: string,
  work: (tx: SqlQueryable) => Promise<T>,
): Promise<T> {
  return inOperation(client, operation, async (tx) => {
    await tx.query("SELECT set_config('incasso.tenant_id', $1, true)", [tenantId]);
    return work(tx);
  });
}

/** A database error with its SQLSTATE, as both drivers raise it. */
export function sqlState(error: unknown): { code?: string; constraint?: string } {
  if (error === null || typeof error !== "object") return {};
  const { code, constraint } = error as { code?: unknown; constraint?: unknown };
  return {
    ...(typeof code === "string" ? { code } : {}),
    ...(typeof constraint === "string" ? { constraint } : {}),
  };
}
