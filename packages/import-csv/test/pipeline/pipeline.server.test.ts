import { createPostgresStore, migrate } from "@incasso/storage-postgres";
import { describe } from "vitest";
import type { TestDatabase } from "../../../storage-postgres/test/support/server.js";
import { createTestDatabase, serverUrl } from "../../../storage-postgres/test/support/server.js";
import { describeImportExamples } from "./examples-suite.js";
import { describePipelineSuite } from "./pipeline-suite.js";

const databases: TestDatabase[] = [];

describe.skipIf(serverUrl() === undefined)("on the PostgreSQL server (DATABASE_URL)", () => {
  const server = {
    name: "the PostgreSQL server",
    async create() {
      const db = await createTestDatabase();
      databases.push(db);
      await migrate(db.pool);
      return createPostgresStore({ client: db.pool });
    },
    async dispose() {
      await databases.pop()?.dispose();
    },
  };
  describePipelineSuite(server);
  describeImportExamples(server);
});
