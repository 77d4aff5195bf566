import type { PGlite } from "@electric-sql/pglite";
import type { CaseStore, StoreScope } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { createPostgresStore, fromPglite, migrate } from "@incasso/storage-postgres";
import pg from "pg";
import { freshPglite } from "../../../../storage-postgres/test/support/pglite.js";
import type { TestDatabase } from "../../../../storage-postgres/test/support/server.js";
import { createTestDatabase, serverUrl } from "../../../../storage-postgres/test/support/server.js";

/** A store to run the jobs on: the in-memory reference, PGlite, or the PostgreSQL server. */
export interface StoreTarget {
  readonly name: string;
  /** False when the target cannot run here (no DATABASE_URL for the server), with a warning. */
  readonly available: boolean;
  /** A store for one test: empty for it (a fresh store, or a tenant of its own in a shared database). */
  create(): Promise<CaseStore>;
  /** Closes what `create` opened. */
  dispose(): Promise<void>;
}

function memoryTarget(): StoreTarget {
  return {
    name: "the in-memory store",
    available: true,
    create: async () => createMemoryStore(),
    dispose: async () => {},
  };
}

function pgliteTarget(): StoreTarget {
  let db: Promise<PGlite> | undefined;
  let store: CaseStore | undefined;
  return {
    name: "PGlite",
    available: true,
    async create() {
      db ??= freshPglite().then(async (created) => {
        await migrate(fromPglite(created));
        return created;
      });
      store ??= createPostgresStore({ client: fromPglite(await db) });
      return isolated(store);
    },
    async dispose() {
      await (await db)?.close();
    },
  };
}

/** One database per test file on the server, a tenant of its own per test. */
function serverTarget(): StoreTarget {
  const available = serverUrl() !== undefined;
  if (!available)
    console.warn(
      "\n*** notify jobs: the PostgreSQL server suites are SKIPPED: DATABASE_URL is not set. ***\n",
    );
  let opened: Promise<{ db: TestDatabase; pool: pg.Pool; store: CaseStore }> | undefined;
  return {
    name: "the PostgreSQL server",
    available,
    async create() {
      opened ??= (async () => {
        const db = await createTestDatabase();
        const pool = new pg.Pool({ connectionString: db.url, max: 4 });
        await migrate(pool);
        return { db, pool, store: createPostgresStore({ client: pool }) };
      })();
      return isolated((await opened).store);
    },
    async dispose() {
      if (opened === undefined) return;
      const { db, pool } = await opened;
      await pool.end();
      await db.dispose();
    },
  };
}

let tenants = 0;

/**
 * The store seen by one test: every call's scope gets a tenant of the test's own (the tenant id
 * with a suffix), so the tests of a file share one database without seeing each other's rows,
 * and a test still writes `{ tenantId: "firm-1" }`. Every port method takes the scope first.
 */
function isolated(store: CaseStore): CaseStore {
  const suffix = `-t${++tenants}`;
  return new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      return (scope: StoreScope, ...rest: unknown[]) =>
        value.call(target, { ...scope, tenantId: `${scope.tenantId}${suffix}` }, ...rest);
    },
  });
}

/** The three stores every job test runs on. */
export function storeTargets(): StoreTarget[] {
  return [memoryTarget(), pgliteTarget(), serverTarget()];
}
