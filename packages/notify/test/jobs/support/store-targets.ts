import type { PGlite } from "@electric-sql/pglite";
import type { CaseStore } from "@incasso/core";
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
  /** A fresh, empty, migrated store for one test. */
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
  const open: PGlite[] = [];
  return {
    name: "PGlite",
    available: true,
    async create() {
      const db = await freshPglite();
      open.push(db);
      await migrate(fromPglite(db));
      return createPostgresStore({ client: fromPglite(db) });
    },
    async dispose() {
      await Promise.all(open.splice(0).map((db) => db.close()));
    },
  };
}

/** One database per test file on the server; each test gets a fresh schema by a new database. */
function serverTarget(): StoreTarget {
  const available = serverUrl() !== undefined;
  if (!available)
    console.warn(
      "\n*** notify jobs: the PostgreSQL server suites are SKIPPED: DATABASE_URL is not set. ***\n",
    );
  const open: { db: TestDatabase; pool: pg.Pool }[] = [];
  return {
    name: "the PostgreSQL server",
    available,
    async create() {
      const db = await createTestDatabase();
      const pool = new pg.Pool({ connectionString: db.url, max: 4 });
      open.push({ db, pool });
      await migrate(pool);
      return createPostgresStore({ client: pool });
    },
    async dispose() {
      for (const { db, pool } of open.splice(0)) {
        await pool.end();
        await db.dispose();
      }
    },
  };
}

/** The three stores every job test runs on. */
export function storeTargets(): StoreTarget[] {
  return [memoryTarget(), pgliteTarget(), serverTarget()];
}
