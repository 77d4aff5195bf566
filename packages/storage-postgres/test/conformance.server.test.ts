import { describeStoreConformance } from "@incasso/testkit";
import { describe, it } from "vitest";
import { createPostgresStore, fromPg, migrate } from "../src/index.js";
import type { TestDatabase } from "./support/server.js";
import { createTestDatabase, serverUrl } from "./support/server.js";

if (serverUrl() === undefined) {
  console.warn(
    "\n*** storage-postgres conformance on the PostgreSQL server SKIPPED: DATABASE_URL is not set (.ci/run sets it to a PostgreSQL 15 database). Only the PGlite run checked the adapter. ***\n",
  );
  describe.skip("storage port conformance: PostgreSQL adapter on the PostgreSQL server", () => {
    it.skip("needs DATABASE_URL", () => {});
  });
} else {
  let db: TestDatabase | undefined;
  describeStoreConformance({
    name: "PostgreSQL adapter on the PostgreSQL server",
    async create() {
      db = await createTestDatabase();
      await migrate(fromPg(db.pool));
      return createPostgresStore({ client: fromPg(db.pool) });
    },
    async dispose() {
      await db?.dispose();
    },
  });
}
