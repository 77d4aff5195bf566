import { randomBytes } from "node:crypto";
import pg from "pg";

/**
 * The URL of the real PostgreSQL server to test against, from `DATABASE_URL`; `undefined` when it
 * is not set (then the server suites are skipped). CI sets it to a PostgreSQL 15 database (see
 * `.ci/run`): `postgres://postgres:postgres@127.0.0.1:5432/incasso_test`.
 *
 * @example
 * ```ts
 * import { describe } from "vitest";
 * import { serverUrl } from "./support/server.js";
 *
 * describe.skipIf(serverUrl() === undefined)("on PostgreSQL 15", () => {
 *   // ...
 * });
 * ```
 */
export function serverUrl(): string | undefined {
  const url = process.env.DATABASE_URL;
  return url === undefined || url === "" ? undefined : url;
}

/** A database of its own on the server, for one test file. */
export interface TestDatabase {
  /** The database's name, `incasso_<16 hex digits>`. */
  readonly name: string;
  /** A connection URL for the database. */
  readonly url: string;
  /** A pool connected to the database. */
  readonly pool: pg.Pool;
  /** Ends the pool and drops the database (closing any connection still open to it). */
  dispose(): Promise<void>;
}

/** Runs one statement on a short-lived connection to `url`. */
export async function runOnce(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/**
 * Creates a fresh, uniquely named, empty database on the server at {@link serverUrl} (the URL's
 * own database is only used to run `CREATE DATABASE`/`DROP DATABASE`), so that test files can run in
 * parallel without seeing each other's rows.
 *
 * @param url - The server to use; defaults to `DATABASE_URL`.
 * @returns The database, with a `pg.Pool` for it and a `dispose` that drops it.
 * @throws Error when no URL is given and `DATABASE_URL` is not set.
 *
 * @example
 * ```ts
 * import { afterAll, beforeAll, describe, expect, test } from "vitest";
 * import { createTestDatabase, serverUrl, type TestDatabase } from "./support/server.js";
 *
 * describe.skipIf(serverUrl() === undefined)("on PostgreSQL 15", () => {
 *   let db: TestDatabase;
 *   beforeAll(async () => { db = await createTestDatabase(); });
 *   afterAll(async () => { await db.dispose(); });
 *
 *   test("runs SQL", async () => {
 *     const { rows } = await db.pool.query("select 1 as one");
 *     expect(rows[0].one).toBe(1);
 *   });
 * });
 * ```
 */
export async function createTestDatabase(url = serverUrl()): Promise<TestDatabase> {
  if (url === undefined)
    throw new Error("DATABASE_URL is not set: no PostgreSQL server to test on");
  const name = `incasso_${randomBytes(8).toString("hex")}`;
  await runOnce(url, `CREATE DATABASE "${name}"`);
  const databaseUrl = new URL(url);
  databaseUrl.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: databaseUrl.toString() });
  let disposed = false;
  return {
    name,
    url: databaseUrl.toString(),
    pool,
    async dispose() {
      if (disposed) return;
      disposed = true;
      // pool.end() resolves once its connections are told to close, and DROP … WITH (FORCE) may
      // still find one closing and end it (57P01): the pool reports that on an idle connection,
      // which without a listener is an uncaught error. Only that error is expected here.
      pool.on("error", (error: Error & { code?: string }) => {
        if (error.code !== "57P01") process.emitWarning(error);
      });
      await pool.end();
      await runOnce(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}
