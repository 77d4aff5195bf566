import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { describe } from "vitest";
import type { TestDatabase } from "../../../storage-postgres/test/support/server.js";
import { createTestDatabase, serverUrl } from "../../../storage-postgres/test/support/server.js";
import { describePipelineSuite } from "./pipeline-suite.js";

let db: TestDatabase | undefined;

describe.skipIf(serverUrl() === undefined)("on the PostgreSQL server (DATABASE_URL)", () => {
  describePipelineSuite({
    name: "the PostgreSQL server",
    async create() {
      db = await createTestDatabase();
      await migrate(db.pool);
      return createPostgresStore({ client: db.pool });
    },
    async dispose() {
      await db?.dispose();
    },
  });
});
