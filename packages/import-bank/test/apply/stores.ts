import { PGlite } from "@electric-sql/pglite";
import type { CaseStore } from "@incasso/core";
import { createMemoryStore } from "@incasso/memory";
import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { createTestDatabase, serverUrl } from "../../../storage-postgres/test/support/server.js";

/** A store the bank import is tested on, and how to end it. */
export interface TestStore {
  readonly store: CaseStore;
  close(): Promise<void>;
}

/** The in-memory store, PGlite, and the PostgreSQL server (DATABASE_URL, always set in CI). */
export const STORES: readonly {
  readonly name: string;
  readonly skip: boolean;
  readonly open: () => Promise<TestStore>;
}[] = [
  {
    name: "the in-memory store",
    skip: false,
    open: async () => ({ store: createMemoryStore(), close: async () => undefined }),
  },
  {
    name: "PGlite",
    skip: false,
    open: async () => {
      const database = new PGlite();
      await migrate(database);
      return { store: createPostgresStore({ client: database }), close: () => database.close() };
    },
  },
  {
    name: "the PostgreSQL server",
    skip: serverUrl() === undefined,
    open: async () => {
      const database = await createTestDatabase();
      await migrate(database.pool);
      return {
        store: createPostgresStore({ client: database.pool }),
        close: () => database.dispose(),
      };
    },
  },
];
